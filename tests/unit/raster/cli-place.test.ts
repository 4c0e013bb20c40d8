// Location text of `npm run detect`: a seat only of admin data the user gave, covering the patch, within 50 km.
// The command line uses the app's rule (core/geo): these check it with the CLI's inputs.
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { geodesicDistanceM, locationText, type NamedPoint } from '../../../src/core/geo/location.ts';
import { seatsOf, seatsOfAdminLayers } from '../../../src/core/geo/reference-layers.ts';

/** The CLI's seats: of the admin units given, from the bundled seats (as scripts/detect.ts picks them). */
const seatsOfAdmin = (admin: FeatureCollection['features'][], all: FeatureCollection): NamedPoint[] =>
  seatsOfAdminLayers(admin, seatsOf(all));

/** The attribution's text for a patch at (cx, cy), covered or not by the admin data. */
function placeText(
  p: { cx: number; cy: number; county: string; township: string },
  seats: NamedPoint[],
): string {
  let near: { point: NamedPoint; distanceM: number } | null = null;
  for (const point of seats) {
    const distanceM = geodesicDistanceM(p.cx, p.cy, point.lon, point.lat);
    if (!near || distanceM < near.distanceM) near = { point, distanceM };
  }
  return locationText(p.cx, p.cy, near, p.county !== '' || p.township !== '').zh;
}

const bundled: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { code: '450502', name: '海城区' },
      geometry: { type: 'Point', coordinates: [109.12, 21.48] },
    },
    {
      type: 'Feature',
      properties: { code: '451031', name: '隆林各族自治县' },
      geometry: { type: 'Point', coordinates: [105.34, 24.77] },
    },
  ],
};
const county = {
  type: 'Feature' as const,
  properties: { code: '450502', name: '海城区' },
  geometry: {
    type: 'Polygon' as const,
    coordinates: [
      [
        [109, 21.3],
        [109.3, 21.3],
        [109.3, 21.6],
        [109, 21.6],
        [109, 21.3],
      ],
    ],
  },
};

describe('CLI location text', () => {
  it('uses only seats of the admin units given', () => {
    const seats = seatsOfAdmin([[county]], bundled);
    expect(seats.map((p) => p.name)).toEqual(['海城区政府']);
    expect(seatsOfAdmin([], bundled)).toHaveLength(0);
  });

  it('names a seat within 50 km of a covered patch, else gives coordinates', () => {
    const seats = seatsOfAdmin([[county]], bundled);
    const near = {
      cx: 109.15,
      cy: 21.5,
      county: '海城区',
      township: '',
    };
    expect(placeText(near, seats)).toMatch(/^海城区.*公里$/);
    // Paris, with a Guangxi seat as the only one: coordinates, never "… 8865 公里".
    const paris = {
      cx: 2.35,
      cy: 48.85,
      county: '',
      township: '',
    };
    expect(placeText(paris, seats)).toBe('东经 2.3500°，北纬 48.8500°');
    // Covered by admin data but the seat is 60 km away.
    const far = { ...near, cx: 109.7, cy: 21.6 };
    expect(placeText(far, seats)).toMatch(/^东经 109\.7000°/);
  });
});
