import { Float64, Table, Utf8, makeData, makeVector, tableToIPC, Binary } from 'apache-arrow';
import { insertIpc, query, transaction } from './client.ts';
import { quoteIdent } from './sql.ts';

/** One row of the DuckDB `patch` table (docs/design-notes.md, data model). */
export interface PatchRow {
  id: string;
  run_id: string;
  geom: Uint8Array;
  area_ha: number;
  redline_ha: number;
  cx: number;
  cy: number;
  province: string;
  city: string;
  county: string;
  township: string;
  location: string;
  activity_type: string;
  activity_conf: number;
  problem_type: string;
  score: number;
  status: string;
  minx: number;
  miny: number;
  maxx: number;
  maxy: number;
}

const TEXT = [
  'id',
  'run_id',
  'province',
  'city',
  'county',
  'township',
  'location',
  'activity_type',
  'problem_type',
  'status',
] as const;
const NUMBERS = [
  'area_ha',
  'redline_ha',
  'cx',
  'cy',
  'activity_conf',
  'score',
  'minx',
  'miny',
  'maxx',
  'maxy',
] as const;
const encoder = new TextEncoder();

function variable(values: readonly Uint8Array[]): { valueOffsets: Int32Array; data: Uint8Array } {
  const valueOffsets = new Int32Array(values.length + 1);
  values.forEach((value, i) => (valueOffsets[i + 1] = (valueOffsets[i] ?? 0) + value.byteLength));
  const data = new Uint8Array(valueOffsets[values.length] ?? 0);
  values.forEach((value, i) => data.set(value, valueOffsets[i] ?? 0));
  return { valueOffsets, data };
}

/** Patch rows as an Arrow IPC stream (typed arrays and makeData: Arrow's builders use eval, which the CSP forbids). */
function patchIpc(rows: readonly PatchRow[]): Uint8Array {
  const n = rows.length;
  const columns: Record<string, ReturnType<typeof makeVector>> = {};
  for (const name of TEXT) {
    columns[name] = makeVector(
      makeData({
        type: new Utf8(),
        length: n,
        nullCount: 0,
        ...variable(rows.map((row) => encoder.encode(row[name]))),
      }),
    );
  }
  for (const name of NUMBERS) {
    columns[name] = makeVector(
      makeData({
        type: new Float64(),
        length: n,
        nullCount: 0,
        data: Float64Array.from(rows, (row) => row[name]),
      }),
    );
  }
  columns.geom = makeVector(
    makeData({ type: new Binary(), length: n, nullCount: 0, ...variable(rows.map((row) => row.geom)) }),
  );
  return tableToIPC(new Table(columns), 'stream');
}

let staging = 0;

/** Replace the given patches (by id) in DuckDB, in one transaction. */
export async function putPatchRows(rows: readonly PatchRow[]): Promise<void> {
  if (rows.length === 0) return;
  staging += 1;
  const name = `staging_patch_${staging}`;
  await insertIpc(patchIpc(rows), name);
  const temp = quoteIdent(name);
  try {
    await transaction([
      { sql: `DELETE FROM patch WHERE id IN (SELECT id FROM ${temp})` },
      {
        sql: `INSERT INTO patch SELECT id, run_id, geom, area_ha, redline_ha, cx, cy, province, city, county, township,
              location, activity_type, activity_conf, problem_type, score, status, minx, miny, maxx, maxy FROM ${temp}`,
      },
    ]);
  } finally {
    await query(`DROP TABLE IF EXISTS ${temp}`);
  }
}

/** Record a detection run (the `run` table: the provenance of every detection). */
export async function putRunRow(run: {
  id: string;
  t1: string;
  t2: string;
  params: unknown;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  patchCount: number;
}): Promise<void> {
  await transaction([
    { sql: 'DELETE FROM run WHERE id = ?', params: [run.id] },
    {
      sql: 'INSERT INTO run VALUES (?, ?, ?, ?, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP), ?, ?)',
      params: [
        run.id,
        run.t1,
        run.t2,
        JSON.stringify(run.params),
        run.startedAt,
        run.finishedAt,
        run.status,
        run.patchCount,
      ],
    },
  ]);
}

/** Set the workflow status of patches (mirrors the ledger fold). */
export async function setPatchStatus(statuses: ReadonlyMap<string, string>): Promise<void> {
  if (statuses.size === 0) return;
  await transaction(
    [...statuses].map(([id, status]) => ({
      sql: 'UPDATE patch SET status = ? WHERE id = ?',
      params: [status, id],
    })),
  );
}
