import type { Position } from 'geojson';
// Default import: the package is CommonJS, and Node's ESM loader cannot see its named exports.
import geographiclib from 'geographiclib-geodesic';
import { polygonsOf, type Areal } from './rings.ts';

/** Semi-major axis of CGCS2000 / GRS80, metres. */
export const CGCS2000_A = 6378137;
/** Flattening of CGCS2000 / GRS80 (WGS84's is 1/298.257223563; the areas differ by < 1e-9). */
export const CGCS2000_F = 1 / 298.257222101;
/** Square metres in one hectare (公顷). */
export const M2_PER_HA = 10_000;
/** Square metres in one mu (亩): 1 亩 = 10000/15 m² ≈ 666.67 m². */
export const M2_PER_MU = 10_000 / 15;

/** The CGCS2000 ellipsoid as a geographiclib geodesic; shared because construction precomputes series. */
export const cgcs2000 = new geographiclib.Geodesic.Geodesic(CGCS2000_A, CGCS2000_F);

type PolygonAreaInstance = ReturnType<typeof cgcs2000.Polygon>;

/** One accumulator reused by every call: Clear() is cheaper than constructing one per ring. */
let accumulator: PolygonAreaInstance | null = null;

function sharedAccumulator(): PolygonAreaInstance {
  accumulator ??= cgcs2000.Polygon(false);
  accumulator.Clear();
  return accumulator;
}

/**
 * Unsigned ellipsoidal area (m²) of one ring whose edges are geodesics, by geographiclib's PolygonArea.
 * Orientation does not matter; a repeated closing vertex is ignored.
 */
export function ringAreaM2(ring: Position[]): number {
  let n = ring.length;
  if (n < 3) return 0;
  const first = ring[0] as Position;
  const last = ring[n - 1] as Position;
  if (first[0] === last[0] && first[1] === last[1]) n -= 1;
  if (n < 3) return 0;
  const polygon = sharedAccumulator();
  for (let i = 0; i < n; i += 1) {
    const p = ring[i] as Position;
    polygon.AddPoint(p[1] as number, p[0] as number);
  }
  // reverse=false, sign=true: signed area, so a clockwise ring gives a small negative number, never
  // "the rest of the ellipsoid" (which is what sign=false returns for the other orientation).
  const area = polygon.Compute(false, true).area ?? 0;
  return Math.abs(area);
}

/** Ellipsoidal area (m²) of one polygon: outer ring minus its holes. */
export function polygonAreaM2(polygon: Position[][]): number {
  let area = 0;
  for (let r = 0; r < polygon.length; r += 1) {
    const ringArea = ringAreaM2(polygon[r] as Position[]);
    area += r === 0 ? ringArea : -ringArea;
  }
  return Math.max(0, area);
}

/** Ellipsoidal area (m²) on CGCS2000 of a Polygon or MultiPolygon in lon/lat degrees (parts must not overlap). */
export function geodesicAreaM2(geometry: Areal): number {
  let area = 0;
  for (const polygon of polygonsOf(geometry)) area += polygonAreaM2(polygon);
  return area;
}

/** An area in the three units the annexes use. */
export interface AreaMeasures {
  m2: number;
  ha: number;
  mu: number;
}

/** Converts square metres to m², 公顷 and 亩. */
export function areaMeasures(m2: number): AreaMeasures {
  return { m2, ha: m2 / M2_PER_HA, mu: m2 / M2_PER_MU };
}

/** Ellipsoidal area of a geometry in m², 公顷 and 亩. */
export function measureArea(geometry: Areal): AreaMeasures {
  return areaMeasures(geodesicAreaM2(geometry));
}
