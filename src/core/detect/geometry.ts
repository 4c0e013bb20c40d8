/**
 * Pixel-space polygons → GeoJSON in lon/lat, and pixel areas on the ellipsoid. Pixel corners map through the
 * geotransform, then through `toLonLat` when the grid is projected.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { FlatRing, Geotransform, PixelPolygon } from '../raster/types.ts';

/** Map coordinates → [lon, lat]. */
export type ToLonLat = (x: number, y: number) => [number, number];

const A = 6378137;
const E2 = 0.00669437999014; // WGS 84 / CGCS2000 first eccentricity squared (equal to 1e-11)

/** Pixel-corner (column, row) of the scene → [lon, lat]. */
export function pixelToLonLat(
  gt: Geotransform,
  toLonLat: ToLonLat | undefined,
  col: number,
  row: number,
): [number, number] {
  const x = gt[0] + col * gt[1] + row * gt[2];
  const y = gt[3] + col * gt[4] + row * gt[5];
  return toLonLat ? toLonLat(x, y) : [x, y];
}

/** Area in m² of the pixel whose top-left corner is (col, row), from its corners in lon/lat. */
export function pixelAreaM2(
  gt: Geotransform,
  toLonLat: ToLonLat | undefined,
  col: number,
  row: number,
): number {
  const [lon0, lat0] = pixelToLonLat(gt, toLonLat, col, row);
  const [lon1, lat1] = pixelToLonLat(gt, toLonLat, col + 1, row);
  const [lon2, lat2] = pixelToLonLat(gt, toLonLat, col, row + 1);
  const phi = (lat0 * Math.PI) / 180;
  const s2 = Math.sin(phi) ** 2;
  const n = A / Math.sqrt(1 - E2 * s2); // prime-vertical radius
  const m = (A * (1 - E2)) / (1 - E2 * s2) ** 1.5; // meridional radius
  const kx = (Math.PI / 180) * n * Math.cos(phi);
  const ky = (Math.PI / 180) * m;
  const ax = (lon1 - lon0) * kx;
  const ay = (lat1 - lat0) * ky;
  const bx = (lon2 - lon0) * kx;
  const by = (lat2 - lat0) * ky;
  return Math.abs(ax * by - ay * bx);
}

const round = (v: number): number => Math.round(v * 1e9) / 1e9;

function ringToPositions(
  ring: FlatRing,
  ox: number,
  oy: number,
  gt: Geotransform,
  toLonLat?: ToLonLat,
): Position[] {
  const out: Position[] = [];
  for (let i = 0; i < ring.length; i += 2) {
    const [lon, lat] = pixelToLonLat(gt, toLonLat, ring[i]! + ox, ring[i + 1]! + oy);
    out.push([round(lon), round(lat)]);
  }
  const first = out[0];
  if (first) out.push([first[0]!, first[1]!]);
  return out;
}

/** Twice the signed area of a closed position ring (positive = counter-clockwise with y up). */
function signedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i += 1)
    s += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return s;
}

function orient(ring: Position[], ccw: boolean): Position[] {
  return signedArea2(ring) > 0 === ccw ? ring : ring.reverse();
}

/**
 * Pixel polygons (coordinates relative to `ox`, `oy` in scene pixels) → Polygon or MultiPolygon in lon/lat,
 * outer rings counter-clockwise and holes clockwise (RFC 7946).
 */
export function toGeometry(
  polygons: readonly PixelPolygon[],
  ox: number,
  oy: number,
  gt: Geotransform,
  toLonLat?: ToLonLat,
): Polygon | MultiPolygon {
  const parts = polygons.map((p) => [
    orient(ringToPositions(p.outer, ox, oy, gt, toLonLat), true),
    ...p.holes.map((h) => orient(ringToPositions(h, ox, oy, gt, toLonLat), false)),
  ]);
  if (parts.length === 1) return { type: 'Polygon', coordinates: parts[0]! };
  return { type: 'MultiPolygon', coordinates: parts };
}
