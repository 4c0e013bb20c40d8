/**
 * The polygons of a very large layer near the view, as a small set of draw buffers of their own.
 *
 * Why: deck.gl draws every triangle of a layer each frame; it has no culling inside a layer. In software WebGL
 * (SwiftShader, what a laptop without a usable GPU gets) the 2.1 M triangles of 200,000 polygons cost ~3.9 s a
 * frame, even zoomed in on a county where a few thousand of them are on screen. Drawing only the polygons whose
 * box meets a region around the view makes such a frame cost what the visible part costs. The region is larger
 * than the view, so panning within it redraws nothing; only leaving it builds a new subset.
 */
import type { DrawPolygons } from '../io/draw-geometry.ts';

/** Lon/lat box: west, south, east, north. */
export type Box = [number, number, number, number];

/** Per-polygon boxes and where each polygon's triangles start in `indices`. */
export interface PolygonIndex {
  /** west, south, east, north of polygon i at 4i..4i+3. */
  boxes: Float64Array;
  /** Position in `indices` of polygon i's first triangle; length = polygons + 1. */
  indexStarts: Uint32Array;
  /** Box of the whole layer. */
  extent: Box;
}

/** The polygon data deck.gl's SolidPolygonLayer draws (binary, triangulated outside). */
export interface PolygonData {
  length: number;
  startIndices: Uint32Array;
  attributes: { getPolygon: { value: Float64Array; size: 2 }; indices: Uint32Array };
}

/** The layer worker's per-polygon boxes and triangle ranges (draw-geometry.ts), with the layer's box. */
export function polygonIndex(polygons: DrawPolygons): PolygonIndex {
  const { boxes, indexStarts } = polygons;
  const extent: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (let o = 0; o + 3 < boxes.length; o += 4) {
    extent[0] = Math.min(extent[0], boxes[o] ?? Infinity);
    extent[1] = Math.min(extent[1], boxes[o + 1] ?? Infinity);
    extent[2] = Math.max(extent[2], boxes[o + 2] ?? -Infinity);
    extent[3] = Math.max(extent[3], boxes[o + 3] ?? -Infinity);
  }
  return { boxes, indexStarts, extent };
}

/** Whether `outer` holds all of `inner`. */
export function holds(outer: Box, inner: Box): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}

/** `box` grown by `share` of its width and height on every side (clamped to valid lon/lat). */
export function grown(box: Box, share: number): Box {
  const dx = (box[2] - box[0]) * share;
  const dy = (box[3] - box[1]) * share;
  return [
    Math.max(box[0] - dx, -180),
    Math.max(box[1] - dy, -90),
    Math.min(box[2] + dx, 180),
    Math.min(box[3] + dy, 90),
  ];
}

/**
 * Draw buffers of the polygons whose box meets `region`: their vertices copied, their triangles renumbered to
 * the copy. Deck.gl then uploads only these, not the whole layer.
 */
export function polygonsIn(polygons: DrawPolygons, index: PolygonIndex, region: Box): PolygonData {
  const { positions, starts, indices } = polygons;
  const { boxes, indexStarts } = index;
  const count = starts.length - 1;
  const picked: number[] = [];
  let vertices = 0;
  let triangles = 0;
  for (let i = 0; i < count; i++) {
    const o = 4 * i;
    if (
      (boxes[o] ?? NaN) > region[2] ||
      (boxes[o + 2] ?? NaN) < region[0] ||
      (boxes[o + 1] ?? NaN) > region[3] ||
      (boxes[o + 3] ?? NaN) < region[1]
    )
      continue;
    picked.push(i);
    vertices += (starts[i + 1] ?? 0) - (starts[i] ?? 0);
    triangles += (indexStarts[i + 1] ?? 0) - (indexStarts[i] ?? 0);
  }
  const outPositions = new Float64Array(2 * vertices);
  const outStarts = new Uint32Array(picked.length + 1);
  const outIndices = new Uint32Array(triangles);
  let v = 0;
  let t = 0;
  for (const [k, i] of picked.entries()) {
    const first = starts[i] ?? 0;
    const end = starts[i + 1] ?? 0;
    outPositions.set(positions.subarray(2 * first, 2 * end), 2 * v);
    const shift = v - first;
    for (let j = indexStarts[i] ?? 0, stop = indexStarts[i + 1] ?? 0; j < stop; j++)
      outIndices[t++] = (indices[j] ?? 0) + shift;
    v += end - first;
    outStarts[k + 1] = v;
  }
  return {
    length: picked.length,
    startIndices: outStarts,
    attributes: { getPolygon: { value: outPositions, size: 2 }, indices: outIndices },
  };
}
