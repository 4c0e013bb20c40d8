import { Binary, Float64, Int32, Table, Utf8, makeData, makeVector, tableToIPC } from 'apache-arrow';
import type { FeatureRows } from './vector-types.ts';

const encoder = new TextEncoder();

/** Strings in Arrow's (offsets, UTF-8 data) layout, encoded straight into one buffer. */
export function utf8Column(values: readonly string[]): { valueOffsets: Int32Array; data: Uint8Array } {
  const valueOffsets = new Int32Array(values.length + 1);
  let chars = 0;
  for (const value of values) chars += value.length;
  // A UTF-16 code unit takes at most 3 bytes in UTF-8.
  let data = new Uint8Array(Math.max(16, chars * 3));
  let end = 0;
  values.forEach((value, i) => {
    end += encoder.encodeInto(value, data.subarray(end)).written;
    valueOffsets[i + 1] = end;
  });
  data = data.slice(0, end);
  return { valueOffsets, data };
}

/** `count` copies of one string (the layer id of every row), filled by doubling. */
function repeatedUtf8(value: string, count: number): { valueOffsets: Int32Array; data: Uint8Array } {
  const one = encoder.encode(value);
  const size = one.byteLength;
  const data = new Uint8Array(size * count);
  if (count > 0) data.set(one);
  for (let filled = Math.min(1, count); filled < count; filled *= 2)
    data.copyWithin(filled * size, 0, Math.min(filled, count - filled) * size);
  const valueOffsets = new Int32Array(count + 1);
  for (let i = 0; i <= count; i++) valueOffsets[i] = i * size;
  return { valueOffsets, data };
}

/**
 * The Arrow IPC stream of a layer's `feature` rows (layer_id, fid, props, geom WKB, bbox). Arrow inserts are how
 * data reaches DuckDB-WASM offline (its JSON and parquet readers are remote extensions). Built with `makeData`
 * from typed arrays, not Arrow's builders: those compile a null check with `new Function`, which the app's CSP
 * (no 'unsafe-eval') forbids.
 */
export function featureRowsToIpc(
  layerId: string,
  rows: FeatureRows,
  /** `utf8Column(rows.props)`, when the caller has it already. */
  props = utf8Column(rows.props.slice(0, rows.count)),
): Uint8Array {
  const n = rows.count;
  const ids = repeatedUtf8(layerId, n);
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
