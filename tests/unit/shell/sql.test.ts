import { describe, expect, it } from 'vitest';
import { positionOf, quoteIdent, QueryError } from '../../../src/db/sql.ts';
import { nodeDuckDB } from '../node-duckdb.ts';

describe('quoteIdent', () => {
  it('quotes and escapes embedded quotes; refuses empty and NUL', () => {
    expect(quoteIdent('patch')).toBe('"patch"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteIdent('红线 图层')).toBe('"红线 图层"');
    expect(() => quoteIdent('')).toThrow();
    expect(() => quoteIdent('a\u0000b')).toThrow();
  });
});

describe('QueryError and positions', () => {
  it('keeps the SQL and the cause', () => {
    const cause = new Error('Catalog Error: no table');
    const error = new QueryError('SELECT 1', cause);
    expect(error.sql).toBe('SELECT 1');
    expect(error.cause).toBe(cause);
    expect(error.message).toContain('Catalog Error');
  });

  it('turns an offset into line and column', () => {
    expect(positionOf('SELECT\n  x FROM t', 9)).toEqual({ line: 2, column: 3 });
  });
});

describe('schema on the DuckDB-WASM engine', () => {
  it('creates every table and round-trips a WKB blob and a quoted identifier', async () => {
    const conn = await nodeDuckDB({ schema: true });
    const tables = conn
      .query('SELECT table_name FROM information_schema.tables ORDER BY table_name')
      .toArray()
      .map((row) => String(row.table_name));
    expect(tables).toEqual(expect.arrayContaining(['admin', 'feature', 'layer', 'patch', 'run', 'scene']));
    const stmt = conn.prepare(`INSERT INTO ${quoteIdent('feature')} VALUES (?, ?, ?, ?::BLOB, 1, 2, 3, 4)`);
    stmt.query('L1', 7, '{"名称":"示例"}', '\\x01\\x03');
    const row = conn.query('SELECT fid, props, geom FROM feature').toArray()[0];
    expect(Number(row?.fid)).toBe(7);
    expect(JSON.parse(String(row?.props))).toEqual({ 名称: '示例' });
    expect(Array.from(row?.geom as Uint8Array)).toEqual([1, 3]);
    conn.close();
  });
});
