import type { MultiPolygon, Polygon, Position } from 'geojson';

/** A polygonal geometry in lon/lat degrees (the only kinds the overlay works on). */
export type Areal = Polygon | MultiPolygon;

/** Axis-aligned box `[minX, minY, maxX, maxY]` in degrees. */
export type BBox = [number, number, number, number];

/** Where a point lies relative to a polygon. */
export type PointLocation = 'inside' | 'outside' | 'boundary';

/** Error for geometry that cannot be used (empty, not polygonal, non-finite coordinates). */
export class GeometryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GeometryError';
  }
}

/** The polygons of an areal geometry as coordinate arrays (outer ring first, then holes). */
export function polygonsOf(geometry: Areal): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Builds the smallest areal geometry from polygons: null when empty, a Polygon when there is one. */
export function arealFromPolygons(polygons: Position[][][]): Areal | null {
  const kept = polygons.filter((p) => p.length > 0 && (p[0]?.length ?? 0) >= 4);
  if (kept.length === 0) return null;
  if (kept.length === 1) return { type: 'Polygon', coordinates: kept[0] as Position[][] };
  return { type: 'MultiPolygon', coordinates: kept };
}

/** Number of vertices (closing vertices included) of an areal geometry. */
export function vertexCount(geometry: Areal): number {
  let n = 0;
  for (const polygon of polygonsOf(geometry)) for (const ring of polygon) n += ring.length;
  return n;
}

/** Bounding box of a ring. */
export function ringBBox(ring: Position[]): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of ring) {
    const x = p[0] as number;
    const y = p[1] as number;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

/** Bounding box of an areal geometry (outer rings suffice: holes lie inside them). */
export function bboxOf(geometry: Areal): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygonsOf(geometry)) {
    const outer = polygon[0];
    if (outer) extendBBox(box, ringBBox(outer));
  }
  if (!(box[0] <= box[2]) || !(box[1] <= box[3]) || !box.every(Number.isFinite)) {
    throw new GeometryError('geometry has no finite coordinates');
  }
  return box;
}

/** Grows `box` in place so that it also covers `other`. */
export function extendBBox(box: BBox, other: BBox): void {
  if (other[0] < box[0]) box[0] = other[0];
  if (other[1] < box[1]) box[1] = other[1];
  if (other[2] > box[2]) box[2] = other[2];
  if (other[3] > box[3]) box[3] = other[3];
}

/** True when two closed boxes share at least one point. */
export function bboxesIntersect(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** True when `inner` lies inside the closed box `outer`. */
export function bboxContains(outer: BBox, inner: BBox): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && inner[2] <= outer[2] && inner[3] <= outer[3];
}

/**
 * Locates a point against one ring by crossing number. Points on an edge (collinear and within the
 * segment's extent, tested exactly on the doubles) are reported as 'boundary'.
 */
export function pointInRing(x: number, y: number, ring: Position[]): PointLocation {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i, i += 1) {
    const a = ring[i] as Position;
    const b = ring[j] as Position;
    const ax = a[0] as number;
    const ay = a[1] as number;
    const bx = b[0] as number;
    const by = b[1] as number;
    if (ax === x && ay === y) return 'boundary';
    if (ay > y !== by > y) {
      const cross = (bx - ax) * (y - ay) - (x - ax) * (by - ay);
      if (cross === 0) return 'boundary';
      // Edge crosses the horizontal line through the point; count it when it lies to the right.
      if (cross > 0 === by > ay) inside = !inside;
    } else if (ay === y && by === y && (ax - x) * (bx - x) <= 0) {
      return 'boundary';
    }
  }
  return inside ? 'inside' : 'outside';
}

/** Locates a point against one polygon (outer ring + holes). */
export function pointInPolygonRings(x: number, y: number, polygon: Position[][]): PointLocation {
  const outer = polygon[0];
  if (!outer) return 'outside';
  const where = pointInRing(x, y, outer);
  if (where !== 'inside') return where;
  for (let h = 1; h < polygon.length; h += 1) {
    const inHole = pointInRing(x, y, polygon[h] as Position[]);
    if (inHole === 'boundary') return 'boundary';
    if (inHole === 'inside') return 'outside';
  }
  return 'inside';
}

/** Locates a point against an areal geometry; 'inside' wins over 'boundary' across parts. */
export function pointInAreal(x: number, y: number, geometry: Areal): PointLocation {
  let onBoundary = false;
  for (const polygon of polygonsOf(geometry)) {
    const where = pointInPolygonRings(x, y, polygon);
    if (where === 'inside') return 'inside';
    if (where === 'boundary') onBoundary = true;
  }
  return onBoundary ? 'boundary' : 'outside';
}

/**
 * Conservative test whether segment a–b touches the closed box: may answer true for a segment that only
 * passes within rounding distance of a corner, never false for one that touches it. Callers use `true`
 * as "must do the exact work", so erring that way is safe.
 */
export function segmentTouchesBox(ax: number, ay: number, bx: number, by: number, box: BBox): boolean {
  const [minX, minY, maxX, maxY] = box;
  if (Math.max(ax, bx) < minX || Math.min(ax, bx) > maxX) return false;
  if (Math.max(ay, by) < minY || Math.min(ay, by) > maxY) return false;
  // The box's four corners lie on one strict side of the segment's line ⇒ no contact.
  const dx = bx - ax;
  const dy = by - ay;
  const s1 = dx * (minY - ay) - dy * (minX - ax);
  const s2 = dx * (minY - ay) - dy * (maxX - ax);
  const s3 = dx * (maxY - ay) - dy * (minX - ax);
  const s4 = dx * (maxY - ay) - dy * (maxX - ax);
  const slack = 1e-12 * (Math.abs(dx) + Math.abs(dy)) * (maxX - minX + maxY - minY + 1);
  if (s1 > slack && s2 > slack && s3 > slack && s4 > slack) return false;
  if (s1 < -slack && s2 < -slack && s3 < -slack && s4 < -slack) return false;
  return true;
}

/** Orientation of c against a→b with a slack for rounding: 1 left, -1 right, 0 too close to call. */
function orientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const cross = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  const slack = 1e-12 * (Math.abs(bx - ax) + Math.abs(by - ay)) * (Math.abs(cx - ax) + Math.abs(cy - ay));
  return cross > slack ? 1 : cross < -slack ? -1 : 0;
}

/**
 * Conservative segment intersection test: true when a–b and c–d cross, touch or are collinear and overlap,
 * and also when a rounding-size doubt exists. Never false for segments that meet.
 */
export function segmentsMayIntersect(a: Position, b: Position, c: Position, d: Position): boolean {
  const [ax, ay, bx, by] = [a[0] as number, a[1] as number, b[0] as number, b[1] as number];
  const [cx, cy, dx, dy] = [c[0] as number, c[1] as number, d[0] as number, d[1] as number];
  if (Math.max(ax, bx) < Math.min(cx, dx) || Math.max(cx, dx) < Math.min(ax, bx)) return false;
  if (Math.max(ay, by) < Math.min(cy, dy) || Math.max(cy, dy) < Math.min(ay, by)) return false;
  const o1 = orientation(ax, ay, bx, by, cx, cy);
  const o2 = orientation(ax, ay, bx, by, dx, dy);
  if (o1 !== 0 && o1 === o2) return false;
  const o3 = orientation(cx, cy, dx, dy, ax, ay);
  const o4 = orientation(cx, cy, dx, dy, bx, by);
  return o3 === 0 || o3 !== o4;
}

/** True when segment a–b meets any edge of the polygons (conservatively). */
function segmentMeetsEdges(a: Position, b: Position, polygons: Position[][][]): boolean {
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let j = 1; j < ring.length; j += 1) {
        if (segmentsMayIntersect(a, b, ring[j - 1] as Position, ring[j] as Position)) return true;
      }
    }
  }
  return false;
}

/**
 * True when the boundary of `feature` meets `patch`: one of its edges near the patch box crosses or
 * touches a patch edge, or has an end inside the patch (a feature ring wholly inside the patch crosses no
 * patch edge, so its vertices must give it away). Conservative: doubt answers true.
 */
export function boundaryMeetsPatch(feature: Areal, patch: Areal, patchBox: BBox): boolean {
  const patchPolygons = polygonsOf(patch);
  for (const polygon of polygonsOf(feature)) {
    for (const ring of polygon) {
      if (!bboxesIntersect(ringBBox(ring), patchBox)) continue;
      for (let i = 1; i < ring.length; i += 1) {
        const a = ring[i - 1] as Position;
        const b = ring[i] as Position;
        if (!segmentTouchesBox(a[0] as number, a[1] as number, b[0] as number, b[1] as number, patchBox))
          continue;
        if (pointInAreal(a[0] as number, a[1] as number, patch) !== 'outside') return true;
        if (segmentMeetsEdges(a, b, patchPolygons)) return true;
      }
    }
  }
  return false;
}

/** True when any edge of the geometry touches the closed box (conservatively, see `segmentTouchesBox`). */
export function boundaryTouchesBox(geometry: Areal, box: BBox): boolean {
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i += 1) {
        const a = ring[i - 1] as Position;
        const b = ring[i] as Position;
        if (segmentTouchesBox(a[0] as number, a[1] as number, b[0] as number, b[1] as number, box))
          return true;
      }
    }
  }
  return false;
}

/** Unsigned planar (degree²) area of a ring by the shoelace formula; only for ranking and sanity checks. */
export function planarRingArea(ring: Position[]): number {
  let twice = 0;
  const o = ring[0];
  if (!o) return 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const a = ring[j] as Position;
    const b = ring[i] as Position;
    twice += (a[0]! - o[0]!) * (b[1]! - o[1]!) - (b[0]! - o[0]!) * (a[1]! - o[1]!);
  }
  return Math.abs(twice) / 2;
}

/** Unsigned planar area of a polygon (outer minus holes), degree². */
export function planarPolygonArea(polygon: Position[][]): number {
  let area = 0;
  polygon.forEach((ring, r) => (area += r === 0 ? planarRingArea(ring) : -planarRingArea(ring)));
  return area;
}

/** Drops a repeated closing vertex so loops can visit each vertex once. */
export function openRing(ring: Position[]): Position[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (ring.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) {
    return ring.slice(0, -1);
  }
  return ring;
}
