/**
 * Shapefile polygon assembly: outer rings are clockwise, holes counter-clockwise (ESRI spec). Each hole goes
 * to the smallest outer ring that contains it; a hole inside no outer ring is kept as its own polygon
 * (counted). Files that ignore orientation (no clockwise ring at all) are assembled by nesting depth instead.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { ringArea2 } from '../vector-geometry.ts';

interface Ring {
  points: Position[];
  area: number;
  bbox: [number, number, number, number];
}

function toRing(points: Position[]): Ring {
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    const x = p[0] ?? 0;
    const y = p[1] ?? 0;
    if (x < bbox[0]) bbox[0] = x;
    if (y < bbox[1]) bbox[1] = y;
    if (x > bbox[2]) bbox[2] = x;
    if (y > bbox[3]) bbox[3] = y;
  }
  return { points, area: ringArea2(points) / 2, bbox };
}

/** 1 inside, 0 on the boundary, -1 outside. */
export function pointInRing(x: number, y: number, ring: Position[]): number {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]?.[0] ?? 0;
    const yi = ring[i]?.[1] ?? 0;
    const xj = ring[j]?.[0] ?? 0;
    const yj = ring[j]?.[1] ?? 0;
    const cross = (xj - xi) * (y - yi) - (yj - yi) * (x - xi);
    if (
      cross === 0 &&
      x >= Math.min(xi, xj) &&
      x <= Math.max(xi, xj) &&
      y >= Math.min(yi, yj) &&
      y <= Math.max(yi, yj)
    ) {
      return 0;
    }
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? 1 : -1;
}

/** Does `outer` contain `inner`? Decided by the first vertex of `inner` not on the boundary of `outer`. */
function contains(outer: Ring, inner: Ring): boolean {
  const [a, b] = [outer.bbox, inner.bbox];
  if (b[0] < a[0] || b[1] < a[1] || b[2] > a[2] || b[3] > a[3]) return false;
  for (const p of inner.points) {
    const where = pointInRing(p[0] ?? 0, p[1] ?? 0, outer.points);
    if (where !== 0) return where > 0;
  }
  return true;
}

/** Smallest ring of `candidates` containing `ring`. */
function smallestContainer(ring: Ring, candidates: Ring[]): Ring | undefined {
  let best: Ring | undefined;
  for (const c of candidates) {
    if (c !== ring && contains(c, ring) && (!best || Math.abs(c.area) < Math.abs(best.area))) best = c;
  }
  return best;
}

export interface AssembleStats {
  orphanHoles: number;
}

/** Polygon or MultiPolygon from the parts of one shapefile polygon record (null when all rings are empty). */
export function assemblePolygon(parts: Position[][], stats: AssembleStats): Polygon | MultiPolygon | null {
  const rings = parts.map(toRing).filter((r) => r.area !== 0);
  let outers = rings.filter((r) => r.area < 0);
  let holes = rings.filter((r) => r.area > 0);
  if (outers.length === 0 && holes.length > 0) {
    // No clockwise ring: the writer ignored orientation. Even nesting depth = outer, odd = hole.
    const depth = (r: Ring): number => rings.filter((c) => c !== r && contains(c, r)).length;
    outers = rings.filter((r) => depth(r) % 2 === 0);
    holes = rings.filter((r) => depth(r) % 2 === 1);
  }
  const polygons = new Map<Ring, Position[][]>(outers.map((o) => [o, [o.points]]));
  for (const hole of holes) {
    const owner = smallestContainer(hole, outers);
    if (owner) polygons.get(owner)?.push(hole.points);
    else {
      stats.orphanHoles++;
      polygons.set(hole, [hole.points]);
    }
  }
  const list = [...polygons.values()];
  if (list.length === 0) return null;
  if (list.length === 1) return { type: 'Polygon', coordinates: list[0] ?? [] };
  return { type: 'MultiPolygon', coordinates: list };
}
