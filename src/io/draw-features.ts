/**
 * GeoJSON features rebuilt from a layer's draw buffers and its attribute column, for the page code that works
 * feature by feature (overlay, attribution, assessment). The page keeps these two instead of the layer's Arrow
 * rows: the coordinates are the same doubles, so areas and overlaps are exact, and the rows' 80 MB copy of a
 * 200,000-polygon layer stays out of the tab.
 *
 * What is rebuilt is the geometry as drawn: a feature's polygons give a Polygon (one) or MultiPolygon (several),
 * its paths a LineString or MultiLineString, its points a Point or MultiPoint, a mix a GeometryCollection.
 */
import type { Feature, Geometry, Position } from 'geojson';
import type { DrawGeometry } from './draw-geometry.ts';

/** Each row's source index and attributes (JSON text, UTF-8, Arrow offsets layout). */
export interface FeatureAttributes {
  fid: Int32Array;
  propsOffsets: Int32Array;
  props: Uint8Array;
}

type LayerFeature = Feature<Geometry, Record<string, unknown>>;

/** Every buffer of the attributes (to transfer them between threads). */
export function featureAttributeBuffers(attributes: FeatureAttributes): ArrayBuffer[] {
  return [attributes.fid, attributes.propsOffsets, attributes.props].map((a) => a.buffer as ArrayBuffer);
}

function path(positions: Float64Array, from: number, to: number): Position[] {
  const out: Position[] = [];
  for (let v = from; v < to; v++) out.push([positions[2 * v] ?? NaN, positions[2 * v + 1] ?? NaN]);
  return out;
}

/** Parts of each feature, as lists of what the draw buffers hold for it. */
function partsByFeature(
  geometry: DrawGeometry,
): { polygons: Position[][][]; lines: Position[][]; points: Position[] }[] {
  const parts = Array.from({ length: geometry.featureCount }, () => ({
    polygons: [] as Position[][][],
    lines: [] as Position[][],
    points: [] as Position[],
  }));
  const { polygons, lines, points } = geometry;
  let ring = 0;
  for (let p = 0; p < polygons.feature.length; p++) {
    const end = polygons.starts[p + 1] ?? 0;
    const rings: Position[][] = [];
    for (; (polygons.ringStarts[ring] ?? Infinity) < end; ring++)
      rings.push(
        path(polygons.positions, polygons.ringStarts[ring] ?? 0, polygons.ringStarts[ring + 1] ?? 0),
      );
    parts[polygons.feature[p] ?? 0]?.polygons.push(rings);
  }
  for (let l = 0; l < lines.feature.length; l++)
    parts[lines.feature[l] ?? 0]?.lines.push(
      path(lines.positions, lines.starts[l] ?? 0, lines.starts[l + 1] ?? 0),
    );
  for (let q = 0; q < points.feature.length; q++)
    parts[points.feature[q] ?? 0]?.points.push([
      points.positions[2 * q] ?? NaN,
      points.positions[2 * q + 1] ?? NaN,
    ]);
  return parts;
}

function geometryOf(part: { polygons: Position[][][]; lines: Position[][]; points: Position[] }): Geometry {
  const { polygons, lines, points } = part;
  const pieces: Geometry[] = [];
  if (polygons.length === 1) pieces.push({ type: 'Polygon', coordinates: polygons[0] ?? [] });
  else if (polygons.length > 1) pieces.push({ type: 'MultiPolygon', coordinates: polygons });
  if (lines.length === 1) pieces.push({ type: 'LineString', coordinates: lines[0] ?? [] });
  else if (lines.length > 1) pieces.push({ type: 'MultiLineString', coordinates: lines });
  if (points.length === 1) pieces.push({ type: 'Point', coordinates: points[0] ?? [] });
  else if (points.length > 1) pieces.push({ type: 'MultiPoint', coordinates: points });
  return pieces.length === 1 && pieces[0] ? pieces[0] : { type: 'GeometryCollection', geometries: pieces };
}

/** The features of a layer, in row order, each with its source index as `id`. */
export function featuresFromDraw(geometry: DrawGeometry, attributes: FeatureAttributes): LayerFeature[] {
  const decoder = new TextDecoder();
  const { fid, propsOffsets, props } = attributes;
  return partsByFeature(geometry).map((part, row) => ({
    type: 'Feature',
    id: fid[row] ?? row,
    properties: JSON.parse(
      decoder.decode(props.subarray(propsOffsets[row] ?? 0, propsOffsets[row + 1] ?? 0)) || '{}',
    ) as Record<string, unknown>,
    geometry: geometryOf(part),
  }));
}
