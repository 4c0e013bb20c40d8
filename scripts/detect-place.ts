// Location text of the command line: a seat is named only when it belongs to an admin unit given with --admin
// and lies within 50 km of the patch; otherwise the text gives the patch's coordinates.
import type { Feature, FeatureCollection } from 'geojson';

/** Farthest seat that may be named, m. */
export const MAX_SEAT_DISTANCE_M = 50_000;

/** Seats of the admin data: its own point features, plus bundled seats of the units it contains (by code). */
export function seatsOfAdmin(
  adminFiles: readonly Feature[][],
  bundled: FeatureCollection,
): FeatureCollection {
  const codes = new Set<string>();
  const points: Feature[] = [];
  for (const file of adminFiles)
    for (const f of file) {
      if (f.geometry?.type === 'Point') points.push(f);
      const code = f.properties?.code;
      if (code !== undefined && code !== null) codes.add(String(code));
    }
  for (const f of bundled.features)
    if (f.geometry?.type === 'Point' && codes.has(String(f.properties?.code))) points.push(f);
  return { type: 'FeatureCollection', features: points };
}

/** Great-circle distance, m (a sphere is plenty to decide "within 50 km"). */
export function distanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Coordinates as location text. */
export function coordinateText(lon: number, lat: number): string {
  const ew = lon >= 0 ? '东经' : '西经';
  const ns = lat >= 0 ? '北纬' : '南纬';
  return `${ew} ${Math.abs(lon).toFixed(4)}°，${ns} ${Math.abs(lat).toFixed(4)}°`;
}

/**
 * The location text of an attributed patch: the attribution's seat-based text when an admin unit given by the
 * user covers the patch and the nearest seat is within 50 km, else coordinates.
 */
export function placeText(
  a: { cx: number; cy: number; county: string; township: string; location: string },
  seats: FeatureCollection,
): string {
  let nearest = Infinity;
  for (const f of seats.features)
    if (f.geometry?.type === 'Point') {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      nearest = Math.min(nearest, distanceM(a.cx, a.cy, lon, lat));
    }
  const covered = a.county !== '' || a.township !== '';
  if (covered && a.location && nearest <= MAX_SEAT_DISTANCE_M) return a.location;
  return coordinateText(a.cx, a.cy);
}
