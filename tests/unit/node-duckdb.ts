/**
 * DuckDB-WASM's Node "blocking" build for unit tests: the same engine version, SQL and messages as the browser's.
 * One start for every test that needs a real engine.
 */
import { createRequire } from 'node:module';
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { SCHEMA_SQL } from '../../src/db/schema.ts';

/** A connection to a fresh in-memory database; `schema` creates the app's tables first. */
export async function nodeDuckDB(options: { schema?: boolean } = {}): Promise<DuckDBConnection> {
  const require = createRequire(import.meta.url);
  const duckdb =
    require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as typeof import('@duckdb/duckdb-wasm/blocking');
  const dist = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm').replace(/duckdb-eh\.wasm$/, '');
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: dist + 'duckdb-mvp.wasm', mainWorker: dist + 'duckdb-node-mvp.worker.cjs' },
      eh: { mainModule: dist + 'duckdb-eh.wasm', mainWorker: dist + 'duckdb-node-eh.worker.cjs' },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  const conn = db.connect();
  if (options.schema) for (const statement of SCHEMA_SQL) conn.query(statement);
  return conn;
}
