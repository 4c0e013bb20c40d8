import type { Position } from 'geojson';
import {
  planarPolygonArea,
  pointInAreal,
  pointInPolygonRings,
  polygonsOf,
  ringBBox,
  type Areal,
} from './rings.ts';

/** Where a label point came from: the area centroid, or an interior fallback for odd shapes. */
export type CentroidMethod = 'centroid' | 'pole' | 'scanline';

/** A representative point of a polygon that lies inside it. */
export interface InteriorPoint {
  lon: number;
  lat: number;
  method: CentroidMethod;
}

/** Area centroid (planar in lon/lat; an affine map keeps centroids, so no latitude scaling is needed). */
export function areaCentroid(geometry: Areal): [number, number] | null {
  const origin = polygonsOf(geometry)[0]?.[0]?.[0];
  if (!origin) return null;
  const ox = origin[0] as number;
  const oy = origin[1] as number;
  let a2 = 0;
  let sx = 0;
  let sy = 0;
  for (const polygon of polygonsOf(geometry)) {
    for (let r = 0; r < polygon.length; r += 1) {
      const ring = polygon[r] as Position[];
      // Outer rings count positive and holes negative whatever their stored orientation.
      let ringA = 0;
      let ringX = 0;
      let ringY = 0;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
        const x0 = (ring[j] as Position)[0]! - ox;
        const y0 = (ring[j] as Position)[1]! - oy;
        const x1 = (ring[i] as Position)[0]! - ox;
        const y1 = (ring[i] as Position)[1]! - oy;
        const cross = x0 * y1 - x1 * y0;
        ringA += cross;
        ringX += (x0 + x1) * cross;
        ringY += (y0 + y1) * cross;
      }
      const sign = (ringA >= 0 ? 1 : -1) * (r === 0 ? 1 : -1);
      a2 += sign * ringA;
      sx += sign * ringX;
      sy += sign * ringY;
    }
  }
  if (a2 === 0 || !Number.isFinite(a2)) return null;
  return [ox + sx / (3 * a2), oy + sy / (3 * a2)];
}

/** Signed distance (scaled degrees) from a point to a polygon's boundary: positive inside. */
function signedDistance(x: number, y: number, polygon: Position[][], kx: number): number {
  let best = Infinity;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
      const ax = (ring[j] as Position)[0]! * kx;
      const ay = (ring[j] as Position)[1]!;
      const bx = (ring[i] as Position)[0]! * kx;
      const by = (ring[i] as Position)[1]!;
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
      const ex = ax + t * dx - x;
      const ey = ay + t * dy - y;
      const d2 = ex * ex + ey * ey;
      if (d2 < best) best = d2;
    }
  }
  const inside = pointInPolygonRings(x / kx, y, polygon) === 'inside';
  return (inside ? 1 : -1) * Math.sqrt(best);
}

interface Cell {
  x: number;
  y: number;
  h: number;
  d: number;
  max: number;
}

/** Binary max-heap of cells by their potential (`max`), for the best-first search. */
class MaxHeap {
  private readonly items: Cell[] = [];
  constructor(initial: Cell[]) {
    for (const item of initial) this.push(item);
  }
  push(item: Cell): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (a[parent]!.max >= a[i]!.max) break;
      [a[parent], a[i]] = [a[i]!, a[parent]!];
      i = parent;
    }
  }
  pop(): Cell | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]!.max > a[m]!.max) m = l;
        if (r < a.length && a[r]!.max > a[m]!.max) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Pole of inaccessibility (the polylabel search): the interior point farthest from the boundary, found by
 * best-first subdivision of square cells. Longitudes are scaled by cos(latitude) so distances are fair.
 */
export function poleOfInaccessibility(
  polygon: Position[][],
  precisionFraction = 1e-3,
): [number, number] | null {
  const outer = polygon[0];
  if (!outer || outer.length < 4) return null;
  const [minLon, minY, maxLon, maxY] = ringBBox(outer);
  const kx = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const minX = minLon * kx;
  const maxX = maxLon * kx;
  const size = Math.min(maxX - minX, maxY - minY);
  if (!(size > 0)) return null;
  const precision = Math.max(maxX - minX, maxY - minY) * precisionFraction;
  const cell = (x: number, y: number, h: number): Cell => {
    const d = signedDistance(x, y, polygon, kx);
    return { x, y, h, d, max: d + h * Math.SQRT2 };
  };
  const queue: Cell[] = [];
  for (let x = minX; x < maxX; x += size) {
    for (let y = minY; y < maxY; y += size) queue.push(cell(x + size / 2, y + size / 2, size / 2));
  }
  let best = cell((minX + maxX) / 2, (minY + maxY) / 2, 0);
  const c = areaCentroid({ type: 'Polygon', coordinates: polygon });
  if (c) {
    const centroidCell = cell(c[0] * kx, c[1], 0);
    if (centroidCell.d > best.d) best = centroidCell;
  }
  const heap = new MaxHeap(queue);
  for (let current = heap.pop(); current; current = heap.pop()) {
    if (current.d > best.d) best = current;
    if (current.max - best.d <= precision) continue;
    const h = current.h / 2;
    heap.push(cell(current.x - h, current.y - h, h));
    heap.push(cell(current.x + h, current.y - h, h));
    heap.push(cell(current.x - h, current.y + h, h));
    heap.push(cell(current.x + h, current.y + h, h));
  }
  return best.d > 0 ? [best.x / kx, best.y] : null;
}

/** Midpoint of the widest interior run of a horizontal line through the polygon: always interior. */
export function scanlinePoint(polygon: Position[][]): [number, number] | null {
  const outer = polygon[0];
  if (!outer) return null;
  const [, minY, , maxY] = ringBBox(outer);
  for (const f of [0.5, 0.37, 0.61, 0.23, 0.77, 0.11, 0.89]) {
    const y = minY + f * (maxY - minY);
    const xs: number[] = [];
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
        const a = ring[j] as Position;
        const b = ring[i] as Position;
        if (a[1]! > y !== b[1]! > y) xs.push(a[0]! + ((y - a[1]!) * (b[0]! - a[0]!)) / (b[1]! - a[1]!));
      }
    }
    xs.sort((p, q) => p - q);
    let bestX: number | null = null;
    let bestWidth = 0;
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const width = xs[k + 1]! - xs[k]!;
      if (width > bestWidth) [bestWidth, bestX] = [width, (xs[k]! + xs[k + 1]!) / 2];
    }
    if (bestX !== null && pointInPolygonRings(bestX, y, polygon) === 'inside') return [bestX, y];
  }
  return null;
}

/**
 * The patch's centre point, guaranteed inside it: the area centroid when that falls inside (the usual
 * case), otherwise the pole of inaccessibility of the largest part (crescents, rings, L-shapes), with a
 * scanline midpoint as the last resort for extremely thin slivers.
 */
export function interiorPoint(geometry: Areal): InteriorPoint {
  const c = areaCentroid(geometry);
  if (c && pointInAreal(c[0], c[1], geometry) === 'inside')
    return { lon: c[0], lat: c[1], method: 'centroid' };
  const largest = largestPart(geometry);
  const pole = poleOfInaccessibility(largest);
  if (pole && pointInAreal(pole[0], pole[1], geometry) === 'inside') {
    return { lon: pole[0], lat: pole[1], method: 'pole' };
  }
  const scan = scanlinePoint(largest);
  if (scan) return { lon: scan[0], lat: scan[1], method: 'scanline' };
  const v = largest[0]?.[0] ?? [NaN, NaN];
  return { lon: v[0] as number, lat: v[1] as number, method: 'scanline' };
}

function largestPart(geometry: Areal): Position[][] {
  let best: Position[][] = [];
  let bestArea = -1;
  for (const polygon of polygonsOf(geometry)) {
    const area = planarPolygonArea(polygon);
    if (area > bestArea) [best, bestArea] = [polygon, area];
  }
  return best;
}
