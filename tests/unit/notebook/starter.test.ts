import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { parseNotebookFile, serializeNotebook } from '../../../src/core/notebook/file.ts';
import { nodeDuckDB } from '../node-duckdb.ts';

const TEXT = readFileSync('sample-data/beihai/starter-notebook.rnb.json', 'utf8');

interface Conn {
  query(sql: string): { toArray(): { toJSON(): Record<string, unknown> }[] };
  prepare(sql: string): { query(...params: unknown[]): unknown; close(): void };
  close(): void;
}

async function sampleDb(): Promise<Conn> {
  const conn = (await nodeDuckDB({ schema: true })) as unknown as Conn;
  // The sample's layers as the app loads them: one `layer` row each, props as JSON text (geometry not needed here).
  const files: [string, string][] = [
    ['redlines.geojson', 'redline'],
    ['reserves.geojson', 'reserve'],
    ['admin-counties.geojson', 'admin'],
  ];
  for (const [file, kind] of files) {
    const fc = JSON.parse(readFileSync(`sample-data/beihai/${file}`, 'utf8')) as FeatureCollection;
    const layer = conn.prepare('INSERT INTO layer VALUES (?, ?, ?, ?, ?, ?, NULL)');
    layer.query(file, kind, file, file, 'EPSG:4326', fc.features.length);
    layer.close();
    const feature = conn.prepare('INSERT INTO feature VALUES (?, ?, ?, NULL, 0, 0, 0, 0)');
    fc.features.forEach((f, i) => feature.query(file, i, JSON.stringify(f.properties)));
    feature.close();
  }
  return conn;
}

describe('the starter notebook of the sample project', () => {
  it('is a valid, canonical .rnb.json that walks load → detect → review → lists', () => {
    const nb = parseNotebookFile(TEXT, 'p');
    expect(serializeNotebook(nb)).toBe(TEXT);
    const kinds = new Set(nb.cells.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['chart', 'detection', 'indicator', 'map', 'markdown', 'sql']);
    const text = nb.cells.map((c) => (c.kind === 'markdown' ? c.source : '')).join('\n');
    for (const step of ['载入数据', '变化检测', '会商审核', '清单与评估', '非官方红线'])
      expect(text).toContain(step);
    expect(nb.outputs).toEqual({});
  });

  it('has SQL cells that all run on the sample data in DuckDB-WASM', async () => {
    const conn = await sampleDb();
    const nb = parseNotebookFile(TEXT, 'p');
    const results = new Map<string, Record<string, unknown>[]>();
    for (const cell of nb.cells) {
      if (cell.kind !== 'sql') continue;
      results.set(
        cell.id,
        conn
          .query(cell.source)
          .toArray()
          .map((r) => r.toJSON()),
      );
    }
    expect(results.get('starter-layers')?.map((r) => r.kind)).toEqual(['admin', 'redline', 'reserve']);
    const red = results.get('starter-redlines') ?? [];
    expect(red).toHaveLength(10);
    expect(red[0]).toEqual({ code: 'HX-001', area_ha: 3503 });
    conn.close();
  });
});
