/**
 * Split a patch outline along a drawn line, and merge two outlines. Both clip with polyclip (via turf), so
 * the parts of a split share their cut edge vertex for vertex and merge back without a gap.
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { difference, featureCollection, intersect, union } from '@turf/turf';
import { bboxOf, planarPolygonArea, polygonsOf, type Areal, type BBox } from './rings.ts';
import { edgesConflict, OutlineEditError } from './outline-edit.ts';
import { segmentsMayIntersect } from './rings.ts';

const feature = (geometry: Areal): Feature<Areal> => ({ type: 'Feature', properties: {}, geometry });

/** Consecutive repeats removed. */
function cleanLine(line: readonly Position[]): [number, number][] {
  const out: [number, number][] = [];
  for (const [x = 0, y = 0] of line) {
    const last = out[out.length - 1];
    if (!last || last[0] !== x || last[1] !== y) out.push([x, y]);
  }
  return out;
}

/** True when the open polyline meets itself anywhere but at the shared ends of consecutive segments. */
export function lineCrossesItself(line: readonly Position[]): boolean {
  for (let i = 0; i + 1 < line.length; i += 1) {
    for (let j = i + 1; j + 1 < line.length; j += 1) {
      const [a, b, c, d] = [line[i]!, line[i + 1]!, line[j]!, line[j + 1]!];
      if (j === i + 1 ? edgesConflict(a, b, c, d) : segmentsMayIntersect(a, b, c, d)) return true;
    }
  }
  return false;
}

/** Where a ray from `from` along `direction` leaves the box (exactly on its boundary). */
function exitPoint(from: [number, number], direction: [number, number], box: BBox): [number, number] {
  const [minX, minY, maxX, maxY] = box;
  const [dx, dy] = direction;
  const tx = dx > 0 ? (maxX - from[0]) / dx : dx < 0 ? (minX - from[0]) / dx : Infinity;
  const ty = dy > 0 ? (maxY - from[1]) / dy : dy < 0 ? (minY - from[1]) / dy : Infinity;
  if (tx <= ty) return [dx > 0 ? maxX : minX, from[1] + tx * dy];
  return [from[0] + ty * dx, dy > 0 ? maxY : minY];
}

/** Position of a boundary point along the box perimeter, counter-clockwise from the south-west corner. */
function perimeter(p: [number, number], box: BBox): number {
  const [minX, minY, maxX, maxY] = box;
  const w = maxX - minX;
  const h = maxY - minY;
  if (p[1] === minY) return p[0] - minX;
  if (p[0] === maxX) return w + (p[1] - minY);
  if (p[1] === maxY) return w + h + (maxX - p[0]);
  return 2 * w + h + (maxY - p[1]);
}

/**
 * One side of the line inside the box: the line (extended straight at both ends to the box edge) and the
 * box boundary walked counter-clockwise from the line's end back to its start.
 */
function sideOf(line: [number, number][], box: BBox): Polygon {
  const first = line[0]!;
  const second = line[1]!;
  const last = line[line.length - 1]!;
  const beforeLast = line[line.length - 2]!;
  const start = exitPoint(first, [first[0] - second[0], first[1] - second[1]], box);
  const end = exitPoint(last, [last[0] - beforeLast[0], last[1] - beforeLast[1]], box);
  const path = [start, ...line, end];
  if (lineCrossesItself(path))
    throw new OutlineEditError('line_self_intersection', 'the line crosses itself');
  const [minX, minY, maxX, maxY] = box;
  const total = 2 * (maxX - minX + maxY - minY);
  const corners: [number, number][] = [
    [maxX, minY],
    [maxX, maxY],
    [minX, maxY],
    [minX, minY],
  ];
  const from = perimeter(end, box);
  let to = perimeter(start, box);
  if (to <= from) to += total;
  const walk = corners
    .flatMap((c) => [perimeter(c, box), perimeter(c, box) + total].map((s) => ({ c, s })))
    .filter(({ s }) => s > from && s < to)
    .sort((a, b) => a.s - b.s)
    .map(({ c }) => c);
  return { type: 'Polygon', coordinates: [[...path, ...walk, start]] };
}

const polygonsOfResult = (result: Feature<Polygon | MultiPolygon> | null): Position[][][] =>
  result ? polygonsOf(result.geometry) : [];

/**
 * Splits an outline along a polyline into its parts (each a Polygon), largest first. The line should cross
 * the outline; its ends are extended straight, so a line that stops just short of the edge still cuts.
 * Throws OutlineEditError: `line_too_short`, `line_self_intersection`, or `no_cut` when fewer than 2 parts.
 */
export function splitByLine(geometry: Areal, line: readonly Position[]): Polygon[] {
  const clean = cleanLine(line);
  if (clean.length < 2) throw new OutlineEditError('line_too_short', 'draw a line of at least two points');
  if (lineCrossesItself(clean))
    throw new OutlineEditError('line_self_intersection', 'the line crosses itself');
  const box = bboxOf(geometry);
  for (const [x, y] of clean) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  const margin = Math.max(box[2] - box[0], box[3] - box[1], 1e-6);
  const outer: BBox = [box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin];
  const side = feature(sideOf(clean, outer));
  const patch = feature(geometry);
  const parts = [
    ...polygonsOfResult(intersect(featureCollection([patch, side]))),
    ...polygonsOfResult(difference(featureCollection([patch, side]))),
  ]
    .filter((p) => planarPolygonArea(p) > 0)
    .sort((a, b) => planarPolygonArea(b) - planarPolygonArea(a));
  if (parts.length < 2) throw new OutlineEditError('no_cut', 'the line does not cut the patch in two');
  return parts.map((coordinates) => ({ type: 'Polygon', coordinates }));
}

/**
 * Union of two outlines. When they neither overlap nor share an edge the result has as many parts as the
 * two had together: refused (`disjoint`) unless `allowMulti`, then returned as a MultiPolygon.
 */
export function mergeOutlines(a: Areal, b: Areal, allowMulti = false): Areal {
  const merged = union(featureCollection([feature(a), feature(b)]));
  if (!merged) throw new OutlineEditError('empty', 'the merged outline is empty');
  const count = polygonsOf(merged.geometry).length;
  if (count >= polygonsOf(a).length + polygonsOf(b).length && !allowMulti)
    throw new OutlineEditError('disjoint', 'the patches neither touch nor overlap');
  return merged.geometry;
}
