/**
 * Reading a layer's stored Arrow IPC stream (the `feature` rows written by `featureRowsToIpc`) back: as draw
 * geometry for the map, or as GeoJSON features for the code that works feature by feature (overlay, attribution,
 * exports). The stream is what OPFS keeps for a layer, so a reload needs neither the source file nor a reader.
 */
import { tableFromIPC, type Data, type Binary, type Utf8, type Int32 } from 'apache-arrow';
import type { Feature, Geometry } from 'geojson';
import { decodeWkb } from '../core/geo/wkb.ts';
import { DrawGeometryBuilder, type DrawGeometry } from './draw-geometry.ts';
import type { FeatureAttributes } from './draw-features.ts';

type LayerFeature = Feature<Geometry, Record<string, unknown>>;

/** An Arrow IPC stream starts with the continuation marker 0xFFFFFFFF (a GeoJSON file never does). */
export function isArrowIpc(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 8 && bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff
  );
}

interface FeatureChunks {
  rows: number;
  geom: Data<Binary>[];
  props: Data<Utf8>[];
  fid: Data<Int32>[];
}

function featureChunks(ipc: Uint8Array): FeatureChunks {
  const table = tableFromIPC(ipc);
  const geom = table.getChild('geom');
  const props = table.getChild('props');
  const fid = table.getChild('fid');
  if (!geom || !props || !fid) throw new Error('stored layer has no geom/props/fid columns');
  return {
    rows: table.numRows,
    geom: geom.data as Data<Binary>[],
    props: props.data as Data<Utf8>[],
    fid: fid.data as Data<Int32>[],
  };
}

/** Calls `visit(row, wkb)` for every row, reading the WKB straight from the column's buffers. */
function forEachWkb(chunks: readonly Data<Binary>[], visit: (row: number, wkb: Uint8Array) => void): void {
  let row = 0;
  for (const chunk of chunks) {
    const { valueOffsets, values } = chunk;
    for (let i = 0; i < chunk.length; i++, row++) {
      const start = valueOffsets[i] ?? 0;
      const end = valueOffsets[i + 1] ?? start;
      visit(row, values.subarray(start, end));
    }
  }
}

/** The draw geometry of a stored layer. */
export function drawGeometryFromIpc(ipc: Uint8Array): DrawGeometry {
  const chunks = featureChunks(ipc);
  const builder = new DrawGeometryBuilder();
  forEachWkb(chunks.geom, (row, wkb) => builder.add(row, wkb.length > 0 ? decodeWkb(wkb) : null));
  builder.add(chunks.rows - 1, null);
  return builder.finish();
}

/** The `fid` and `props` columns of a stored layer, copied into one buffer each. */
export function attributesFromIpc(ipc: Uint8Array): FeatureAttributes {
  const chunks = featureChunks(ipc);
  const fid = new Int32Array(chunks.rows);
  let row = 0;
  for (const chunk of chunks.fid) {
    fid.set(chunk.values.subarray(0, chunk.length), row);
    row += chunk.length;
  }
  const propsOffsets = new Int32Array(chunks.rows + 1);
  let bytes = 0;
  for (const chunk of chunks.props)
    bytes += (chunk.valueOffsets[chunk.length] ?? 0) - (chunk.valueOffsets[0] ?? 0);
  const props = new Uint8Array(bytes);
  let end = 0;
  row = 0;
  for (const chunk of chunks.props) {
    const first = chunk.valueOffsets[0] ?? 0;
    props.set(chunk.values.subarray(first, chunk.valueOffsets[chunk.length] ?? first), end);
    for (let i = 0; i < chunk.length; i++)
      propsOffsets[++row] = end + (chunk.valueOffsets[i + 1] ?? 0) - first;
    end += (chunk.valueOffsets[chunk.length] ?? first) - first;
  }
  return { fid, propsOffsets, props };
}

/** The features of a stored layer, in row order, each with its source index as `id`. */
export function featuresFromIpc(ipc: Uint8Array): LayerFeature[] {
  const chunks = featureChunks(ipc);
  const props = chunks.props.flatMap((chunk) => {
    const decoder = new TextDecoder();
    const out: string[] = [];
    for (let i = 0; i < chunk.length; i++)
      out.push(decoder.decode(chunk.values.subarray(chunk.valueOffsets[i], chunk.valueOffsets[i + 1])));
    return out;
  });
  const fids = chunks.fid.flatMap((chunk) => Array.from(chunk.values.subarray(0, chunk.length)));
  const features: LayerFeature[] = [];
  forEachWkb(chunks.geom, (row, wkb) => {
    features.push({
      type: 'Feature',
      id: fids[row] ?? row,
      properties: JSON.parse(props[row] ?? '{}') as Record<string, unknown>,
      geometry: decodeWkb(wkb),
    });
  });
  return features;
}
