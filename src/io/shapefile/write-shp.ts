/**
 * .shp and .shx writer for polygon layers (shape type 5). Outer rings are written clockwise and holes
 * counter-clockwise, as the format requires (GeoJSON has it the other way round); a record without geometry is
 * a Null shape. Coordinates are written as given (the caller projects them).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

type Areal = Polygon | MultiPolygon;

/** Twice the signed area of a ring (positive = counter-clockwise in x-right, y-up axes). */
function signedArea2(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as Position;
    const b = ring[i] as Position;
    s += (a[0] as number) * (b[1] as number) - (b[0] as number) * (a[1] as number);
  }
  return s;
}

/** The rings of a polygon in shapefile order and orientation, each closed. */
function shpRings(geometry: Areal): Position[][] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const out: Position[][] = [];
  for (const polygon of polygons)
    polygon.forEach((ring, k) => {
      if (ring.length < 3) return;
      const closed = [...ring];
      const first = closed[0] as Position;
      const last = closed[closed.length - 1] as Position;
      if (first[0] !== last[0] || first[1] !== last[1]) closed.push(first);
      const clockwise = signedArea2(closed) < 0;
      // Outer ring (k = 0) clockwise, holes counter-clockwise.
      out.push(clockwise === (k === 0) ? closed : closed.reverse());
    });
  return out;
}

interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}
const emptyBox = (): Box => ({ minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity });
function grow(box: Box, p: Position): void {
  box.minX = Math.min(box.minX, p[0] as number);
  box.minY = Math.min(box.minY, p[1] as number);
  box.maxX = Math.max(box.maxX, p[0] as number);
  box.maxY = Math.max(box.maxY, p[1] as number);
}

function header(v: DataView, fileBytes: number, box: Box): void {
  v.setInt32(0, 9994, false);
  v.setInt32(24, fileBytes / 2, false);
  v.setInt32(28, 1000, true);
  v.setInt32(32, 5, true);
  const finite = Number.isFinite(box.minX);
  [box.minX, box.minY, box.maxX, box.maxY].forEach((n, i) => v.setFloat64(36 + 8 * i, finite ? n : 0, true));
}

/** .shp and .shx bytes of polygon records (null = no geometry). */
export function writePolygonShp(geometries: readonly (Areal | null)[]): { shp: Uint8Array; shx: Uint8Array } {
  const records = geometries.map((g) => (g ? shpRings(g) : []));
  const contentBytes = records.map((rings) => {
    const points = rings.reduce((n, r) => n + r.length, 0);
    return rings.length === 0 ? 4 : 44 + 4 * rings.length + 16 * points;
  });
  const shpBytes = 100 + contentBytes.reduce((n, c) => n + 8 + c, 0);
  const shp = new Uint8Array(shpBytes);
  const shx = new Uint8Array(100 + 8 * records.length);
  const sv = new DataView(shp.buffer);
  const xv = new DataView(shx.buffer);
  const all = emptyBox();
  let at = 100;
  records.forEach((rings, i) => {
    const length = contentBytes[i] as number;
    xv.setInt32(100 + 8 * i, at / 2, false);
    xv.setInt32(104 + 8 * i, length / 2, false);
    sv.setInt32(at, i + 1, false);
    sv.setInt32(at + 4, length / 2, false);
    const c = at + 8;
    if (rings.length === 0) sv.setInt32(c, 0, true);
    else {
      const box = emptyBox();
      for (const ring of rings) for (const p of ring) grow(box, p);
      grow(all, [box.minX, box.minY]);
      grow(all, [box.maxX, box.maxY]);
      sv.setInt32(c, 5, true);
      [box.minX, box.minY, box.maxX, box.maxY].forEach((n, k) => sv.setFloat64(c + 4 + 8 * k, n, true));
      sv.setInt32(c + 36, rings.length, true);
      sv.setInt32(
        c + 40,
        rings.reduce((n, r) => n + r.length, 0),
        true,
      );
      let index = 0;
      let p = c + 44 + 4 * rings.length;
      rings.forEach((ring, k) => {
        sv.setInt32(c + 44 + 4 * k, index, true);
        index += ring.length;
        for (const pt of ring) {
          sv.setFloat64(p, pt[0] as number, true);
          sv.setFloat64(p + 8, pt[1] as number, true);
          p += 16;
        }
      });
    }
    at += 8 + length;
  });
  header(sv, shpBytes, all);
  header(xv, shx.length, all);
  return { shp, shx };
}
