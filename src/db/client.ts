import * as duckdb from '@duckdb/duckdb-wasm';
import { Table } from 'apache-arrow';
import { LOCAL_BUNDLES } from './bundles.ts';
import hostWorker from '../../workers/duckdb-host.worker.ts?worker&url';
import { QueryCancelledError, QueryError } from './sql.ts';
import { SCHEMA_SQL } from './schema.ts';
import { untilWorkerFails } from './worker-start.ts';

/** A plain row at the UI edge: Arrow values converted to JS (BigInt → number where safe). */
export type Row = Record<string, unknown>;

export interface DbInfo {
  db: duckdb.AsyncDuckDB;
  bundle: 'eh' | 'mvp' | 'coi';
  version: string;
  startMs: number;
}

let ready: Promise<DbInfo> | null = null;

/** Start DuckDB once per page. A failed start clears the promise so the next call can retry. */
export function getDb(): Promise<DbInfo> {
  if (!ready) {
    ready = startDb().catch((error: unknown) => {
      ready = null;
      throw error;
    });
  }
  return ready;
}

async function startDb(): Promise<DbInfo> {
  const started = performance.now();
  const bundle = await duckdb.selectBundle(LOCAL_BUNDLES);
  if (!bundle.mainWorker) throw new Error('no DuckDB worker bundle');
  // duckdb-wasm's worker runs inside ours, which reports its start failures (workers/duckdb-host.worker.ts).
  const worker = new Worker(hostWorker, { name: new URL(bundle.mainWorker, location.href).href });
  // A failed wasm download would leave `instantiate` pending for ever: the host worker's error ends it.
  const db = await untilWorkerFails(worker, async () => {
    const created = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await created.instantiate(bundle.mainModule, bundle.pthreadWorker);
    return created;
  }).catch((error: unknown) => {
    worker.terminate();
    throw error;
  });
  await db.open({ query: { castBigIntToDouble: true } });
  const conn = await db.connect();
  try {
    // Extensions come from a remote repository: never try, fail fast instead (docs/design-notes.md).
    await conn.query('SET autoinstall_known_extensions = false');
    await conn.query('SET autoload_known_extensions = false');
    for (const statement of SCHEMA_SQL) await conn.query(statement);
    const version = String((await conn.query('SELECT version() AS v')).toArray()[0]?.v ?? '?');
    const kind = bundle.mainModule.includes('-eh')
      ? 'eh'
      : bundle.mainModule.includes('-coi')
        ? 'coi'
        : 'mvp';
    return { db, bundle: kind, version, startMs: performance.now() - started };
  } finally {
    await conn.close();
  }
}

/** Convert an Arrow table to plain rows (only at the UI edge). */
export function tableToRows(table: Table): Row[] {
  return table.toArray().map((row: { toJSON(): Row }) => {
    const plain = row.toJSON();
    for (const [key, value] of Object.entries(plain)) {
      if (typeof value === 'bigint') plain[key] = Number(value);
    }
    return plain;
  });
}

export interface QueryOptions {
  params?: readonly unknown[];
  signal?: AbortSignal;
}

/**
 * Run one statement and return its Arrow table. Values go in `params` (prepared statement); a signal cancels
 * the running query. The connection is closed in every case.
 */
export async function queryArrow(sql: string, options: QueryOptions = {}): Promise<Table> {
  const { db } = await getDb();
  if (options.signal?.aborted) throw new QueryCancelledError(sql);
  const conn = await db.connect();
  const onAbort = (): void => {
    void conn.cancelSent();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (options.params && options.params.length > 0) {
      const stmt = await conn.prepare(sql);
      try {
        return await stmt.query(...options.params);
      } finally {
        await stmt.close();
      }
    }
    const reader = await conn.send(sql);
    const batches = [];
    for await (const batch of reader) {
      if (options.signal?.aborted) throw new QueryCancelledError(sql);
      batches.push(batch);
    }
    return new Table(batches);
  } catch (error) {
    if (options.signal?.aborted || error instanceof QueryCancelledError) throw new QueryCancelledError(sql);
    throw new QueryError(sql, error);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await conn.close();
  }
}

/** Run one statement and return plain rows. */
export async function query(sql: string, options: QueryOptions = {}): Promise<Row[]> {
  return tableToRows(await queryArrow(sql, options));
}

/** One step of a transaction: a statement, or an Arrow IPC stream appended to an existing table. */
export type TransactionStep =
  { sql: string; params?: readonly unknown[] } | { sql?: undefined; arrow: Uint8Array; into: string };

/**
 * Run several statements on one connection inside a transaction: all of them or none. An Arrow step's buffer is
 * handed to DuckDB's worker (transferred: the caller's copy is emptied).
 */
export async function transaction(statements: readonly TransactionStep[]): Promise<void> {
  const { db } = await getDb();
  const conn = await db.connect();
  let current = 'BEGIN TRANSACTION';
  try {
    await conn.query(current);
    for (const statement of statements) {
      if (statement.sql === undefined) {
        current = `INSERT ARROW IPC INTO ${statement.into}`;
        await conn.insertArrowFromIPCStream(statement.arrow, { name: statement.into, create: false });
        continue;
      }
      current = statement.sql;
      if (statement.params && statement.params.length > 0) {
        const prepared = await conn.prepare(statement.sql);
        try {
          await prepared.query(...statement.params);
        } finally {
          await prepared.close();
        }
      } else await conn.query(statement.sql);
    }
    current = 'COMMIT';
    await conn.query(current);
  } catch (error) {
    await conn.query('ROLLBACK').catch(() => undefined);
    throw new QueryError(current, error);
  } finally {
    await conn.close();
  }
}

/** Load an Arrow IPC stream into a fresh table (Arrow inserts work offline; DuckDB's JSON/parquet readers do not). */
export async function insertIpc(ipc: Uint8Array, name: string): Promise<void> {
  const { db } = await getDb();
  const conn = await db.connect();
  try {
    await conn.insertArrowFromIPCStream(ipc, { name, create: true });
  } catch (error) {
    throw new QueryError(`INSERT ARROW IPC INTO ${name}`, error);
  } finally {
    await conn.close();
  }
}

/** Insert an Arrow table into a new or existing table (Arrow inserts work offline; JSON/parquet do not). */
export async function insertArrow(table: Table, name: string, create: boolean): Promise<void> {
  const { db } = await getDb();
  const conn = await db.connect();
  try {
    await conn.insertArrowTable(table, { name, create });
  } catch (error) {
    throw new QueryError(`INSERT ARROW INTO ${name}`, error);
  } finally {
    await conn.close();
  }
}
