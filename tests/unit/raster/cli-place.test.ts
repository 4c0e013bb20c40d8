// Location text of `npm run detect`: a seat only of admin data the user gave, covering the patch, within 50 km.
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { placeText, seatsOfAdmin } from '../../../scripts/detect-place.ts';

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
    expect(seats.features.map((f) => f.properties?.name)).toEqual(['海城区']);
    expect(seatsOfAdmin([], bundled).features).toHaveLength(0);
  });

  it('names a seat within 50 km of a covered patch, else gives coordinates', () => {
    const seats = seatsOfAdmin([[county]], bundled);
    const near = {
      cx: 109.15,
      cy: 21.5,
      county: '海城区',
      township: '',
      location: '海城区政府东北约 3.5 公里',
    };
    expect(placeText(near, seats)).toBe(near.location);
    // Paris, with a Guangxi seat as the only one: coordinates, never "… 8865 公里".
    const paris = {
      cx: 2.35,
      cy: 48.85,
      county: '',
      township: '',
      location: '隆林各族自治县政府西北约 8865.4 公里',
    };
    expect(placeText(paris, seats)).toBe('东经 2.3500°，北纬 48.8500°');
    // Covered by admin data but the seat is 60 km away.
    const far = { ...near, cx: 109.7, cy: 21.6 };
    expect(placeText(far, seats)).toMatch(/^东经 109\.7000°/);
  });
});
