import geographiclib from 'geographiclib-geodesic';
import { cgcs2000 } from './area.ts';
import { PointIndex } from './spatial-index.ts';

/** A named reference point: a township/county seat (镇政府, 县政府) or another named feature. */
export interface NamedPoint {
  lon: number;
  lat: number;
  /** Chinese name as it should appear, e.g. 「山口镇政府」. */
  name: string;
  /** English name; the Chinese name is used when absent. */
  nameEn?: string;
  /** GB/T 2260 code of the unit whose seat this is, when known. */
  code?: string;
}

/** The 8 compass directions, clockwise from north. */
export const COMPASS8 = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;
export type Compass8 = (typeof COMPASS8)[number];

const COMPASS_ZH: Record<Compass8, string> = {
  N: '北',
  NE: '东北',
  E: '东',
  SE: '东南',
  S: '南',
  SW: '西南',
  W: '西',
  NW: '西北',
};
const COMPASS_EN: Record<Compass8, string> = {
  N: 'north',
  NE: 'northeast',
  E: 'east',
  SE: 'southeast',
  S: 'south',
  SW: 'southwest',
  W: 'west',
  NW: 'northwest',
};

/** Below this distance the direction means nothing and the text says 「附近」 / "near". */
export const NEAR_METRES = 20;

/** The 45° sector of an azimuth (degrees clockwise from north, any range). */
export function compass8(azimuthDeg: number): Compass8 {
  const normal = ((azimuthDeg % 360) + 360) % 360;
  return COMPASS8[Math.round(normal / 45) % 8] as Compass8;
}

/** A located patch relative to its reference point. */
export interface LocationDescription {
  zh: string;
  en: string;
  point: NamedPoint;
  direction: Compass8;
  /** Geodesic distance from the point to the patch centre, metres. */
  distanceM: number;
}

/** Distance text: 「2.3 公里」 / "2.3 km" with one decimal from 1 km on, else whole tens of metres. */
export function formatDistance(distanceM: number): { zh: string; en: string } {
  const metres = Math.max(10, Math.round(distanceM / 10) * 10);
  if (metres < 1000) return { zh: `${metres} 米`, en: `${metres} m` };
  const km = (distanceM / 1000).toFixed(1);
  return { zh: `${km} 公里`, en: `${km} km` };
}

/**
 * Describes where a patch centre lies from a named point, e.g. 「合浦县山口镇政府西北约 2.3 公里」 and
 * "about 2.3 km northwest of Shankou Town Government, Hepu County". The county prefix is added unless the
 * point's name already starts with it.
 */
export function describeLocation(
  lon: number,
  lat: number,
  point: NamedPoint,
  county?: { zh?: string; en?: string },
): LocationDescription {
  const inverse = cgcs2000.Inverse(
    point.lat,
    point.lon,
    lat,
    lon,
    geographiclib.Geodesic.DISTANCE | geographiclib.Geodesic.AZIMUTH,
  );
  const distanceM = inverse.s12 ?? 0;
  const direction = compass8(inverse.azi1 ?? 0);
  const countyZh = county?.zh && !point.name.startsWith(county.zh) ? county.zh : '';
  const nameEn = point.nameEn ?? point.name;
  const countyEn = county?.en && !nameEn.includes(county.en) ? `, ${county.en}` : '';
  if (distanceM < NEAR_METRES) {
    return {
      zh: `${countyZh}${point.name}附近`,
      en: `near ${nameEn}${countyEn}`,
      point,
      direction,
      distanceM,
    };
  }
  const text = formatDistance(distanceM);
  return {
    zh: `${countyZh}${point.name}${COMPASS_ZH[direction]}约 ${text.zh}`,
    en: `about ${text.en} ${COMPASS_EN[direction]} of ${nameEn}${countyEn}`,
    point,
    direction,
    distanceM,
  };
}

/** A seat further than this from a patch says nothing useful about where the patch is. */
export const MAX_SEAT_DISTANCE_M = 50_000;

/**
 * Coordinates as words: 「东经 109.1234°，北纬 21.4800°」 / "109.1234°E, 21.4800°N". Four decimals (≈ 10 m)
 * find the patch on the ground; the command line writes the same.
 */
export function coordinateText(lon: number, lat: number): { zh: string; en: string } {
  const x = Math.abs(lon).toFixed(4);
  const y = Math.abs(lat).toFixed(4);
  return {
    zh: `${lon < 0 ? '西经' : '东经'} ${x}°，${lat < 0 ? '南纬' : '北纬'} ${y}°`,
    en: `${x}°${lon < 0 ? 'W' : 'E'}, ${y}°${lat < 0 ? 'S' : 'N'}`,
  };
}

/**
 * The location text of a patch. It names a seat only when administrative data covers the patch (`covered`:
 * a county of the imported admin layers contains it) and the nearest seat is at most 50 km away; otherwise it
 * gives the coordinates, never a distant seat ("…县政府西北约 8865.4 公里" on a scene abroad).
 */
export function locationText(
  lon: number,
  lat: number,
  near: { point: NamedPoint; distanceM: number } | null,
  covered: boolean,
  county?: { zh?: string; en?: string },
): { zh: string; en: string } {
  if (covered && near && near.distanceM <= MAX_SEAT_DISTANCE_M) {
    const described = describeLocation(lon, lat, near.point, county);
    return { zh: described.zh, en: described.en };
  }
  return coordinateText(lon, lat);
}

/** Geodesic distance in metres between two lon/lat points on CGCS2000. */
export function geodesicDistanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return cgcs2000.Inverse(lat1, lon1, lat2, lon2, geographiclib.Geodesic.DISTANCE).s12 ?? 0;
}

/** Finds the geodesically nearest named point, with a degree-space index to keep the candidates few. */
export class NamedPointLocator {
  private readonly index: PointIndex<NamedPoint>;

  constructor(points: readonly NamedPoint[]) {
    this.index = new PointIndex(points);
  }

  /** The nearest point and its distance, or null when there are no points. */
  nearest(lon: number, lat: number): { point: NamedPoint; distanceM: number } | null {
    const first = this.index.nearestInDegrees(lon, lat, 1)[0];
    if (first === undefined) return null;
    const seed = this.index.points[first] as NamedPoint;
    const radius = geodesicDistanceM(lon, lat, seed.lon, seed.lat);
    // Every point closer than the seed lies in this box: ≥ 110 km per degree of latitude, and per degree
    // of longitude ≥ 111 km × cos of the largest |latitude| the box reaches.
    const dLat = radius / 110_000 + 1e-9;
    const maxLat = Math.min(89.9, Math.abs(lat) + dLat);
    const dLon = Math.min(180, radius / (111_000 * Math.cos((maxLat * Math.PI) / 180)) + 1e-9);
    let best = { point: seed, distanceM: radius };
    for (const i of this.index.within([lon - dLon, lat - dLat, lon + dLon, lat + dLat])) {
      const p = this.index.points[i] as NamedPoint;
      const d = geodesicDistanceM(lon, lat, p.lon, p.lat);
      if (d < best.distanceM) best = { point: p, distanceM: d };
    }
    return best;
  }
}
