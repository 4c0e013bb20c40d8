import { Binary, Float64, Int32, Table, Utf8, makeData, makeVector, tableToIPC } from 'apache-arrow';
import type { FeatureRows } from './vector-types.ts';

const encoder = new TextEncoder();

/** Concatenate variable-length values into Arrow's (offsets, data) layout. */
function varLength(values: readonly Uint8Array[]): { valueOffsets: Int32Array; data: Uint8Array } {
  const valueOffsets = new Int32Array(values.length + 1);
  let total = 0;
  values.forEach((value, i) => {
    total += value.byteLength;
    valueOffsets[i + 1] = total;
  });
  const data = new Uint8Array(total);
  values.forEach((value, i) => data.set(value, valueOffsets[i] ?? 0));
  return { valueOffsets, data };
}

/**
 * The Arrow IPC stream of a layer's `feature` rows (layer_id, fid, props, geom WKB, bbox). Arrow inserts are how
 * data reaches DuckDB-WASM offline (its JSON and parquet readers are remote extensions). Built with `makeData`
 * from typed arrays, not Arrow's builders: those compile a null check with `new Function`, which the app's CSP
 * (no 'unsafe-eval') forbids.
 */
export function featureRowsToIpc(layerId: string, rows: FeatureRows): Uint8Array {
  const n = rows.count;
  const id = encoder.encode(layerId);
  const ids = varLength(new Array<Uint8Array>(n).fill(id));
  const props = varLength(rows.props.slice(0, n).map((text) => encoder.encode(text)));
  const geomOffsets = Int32Array.from(rows.wkbOffsets.subarray(0, n + 1));
  const float = (values: Float64Array): ReturnType<typeof makeVector> =>
    makeVector(makeData({ type: new Float64(), length: n, nullCount: 0, data: values.subarray(0, n) }));
  const table = new Table({
    layer_id: makeVector(makeData({ type: new Utf8(), length: n, nullCount: 0, ...ids })),
    fid: makeVector(makeData({ type: new Int32(), length: n, nullCount: 0, data: rows.fid.subarray(0, n) })),
    props: makeVector(makeData({ type: new Utf8(), length: n, nullCount: 0, ...props })),
    geom: makeVector(
      makeData({
        type: new Binary(),
        length: n,
        nullCount: 0,
        valueOffsets: geomOffsets,
        data: rows.wkb.subarray(0, geomOffsets[n] ?? 0),
      }),
    ),
    minx: float(rows.minx),
    miny: float(rows.miny),
    maxx: float(rows.maxx),
    maxy: float(rows.maxy),
  });
  return tableToIPC(table, 'stream');
}
