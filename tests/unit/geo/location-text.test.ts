import { describe, expect, it } from 'vitest';
import {
  coordinateText,
  geodesicDistanceM,
  locationText,
  MAX_SEAT_DISTANCE_M,
  NamedPointLocator,
} from '../../../src/core/geo/location.ts';
import { attributePatches, prepareLayers } from '../../../src/core/geo/attributes.ts';
import type { Polygon } from 'geojson';
import { seatsOfAdminLayers } from '../../../src/core/geo/reference-layers.ts';

const seat = { lon: 109.2, lat: 21.6, name: '合浦县政府' };

describe('location text only from covering admin data and a seat within 50 km', () => {
  it('names a near seat when admin data covers the patch', () => {
    const near = { point: seat, distanceM: geodesicDistanceM(109.22, 21.62, seat.lon, seat.lat) };
    expect(locationText(109.22, 21.62, near, true).zh).toMatch(/^合浦县政府东北约 \d\.\d 公里$/);
  });

  it('gives coordinates when no admin data covers the patch, even next to a seat', () => {
    const near = { point: seat, distanceM: 3000 };
    expect(locationText(109.22, 21.62, near, false)).toEqual({
      zh: '东经 109.2200°，北纬 21.6200°',
      en: '109.2200°E, 21.6200°N',
    });
  });

  it('gives coordinates when the nearest seat is further than 50 km', () => {
    const far = geodesicDistanceM(119.8, 31.9, seat.lon, seat.lat);
    expect(far).toBeGreaterThan(MAX_SEAT_DISTANCE_M);
    expect(locationText(119.8, 31.9, { point: seat, distanceM: far }, true).zh).toBe(
      '东经 119.8000°，北纬 31.9000°',
    );
    const edge = { point: seat, distanceM: MAX_SEAT_DISTANCE_M + 1 };
    expect(locationText(109.2, 22.06, edge, true).zh).toMatch(/^东经/);
  });

  it('writes west and south coordinates', () => {
    expect(coordinateText(-2.35, -48.86)).toEqual({
      zh: '西经 2.3500°，南纬 48.8600°',
      en: '2.3500°W, 48.8600°S',
    });
  });

  it('attribution of a patch outside imported admin layers says coordinates, not a Guangxi seat', async () => {
    const square = (lon: number, lat: number): Polygon => ({
      type: 'Polygon',
      coordinates: [
        [
          [lon, lat],
          [lon + 0.001, lat],
          [lon + 0.001, lat + 0.001],
          [lon, lat + 0.001],
          [lon, lat],
        ],
      ],
    });
    const county: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [109, 21.4],
          [109.5, 21.4],
          [109.5, 21.8],
          [109, 21.8],
          [109, 21.4],
        ],
      ],
    };
    const layers = prepareLayers({
      redlines: [],
      reserves: [],
      admin: [{ id: '450521', code: '450521', name: '合浦县', level: 'county', geometry: county }],
      namedPoints: [seat],
    });
    const result = await attributePatches(
      [{ geometry: square(109.21, 21.61) }, { geometry: square(2.35, 48.86) }],
      {
        layers,
        year: 2026,
        issued: {},
      },
    );
    expect(result.patches[0]?.location).toMatch(/合浦县政府.*约/);
    expect(result.patches[1]?.location).toMatch(/^东经 2\.35\d\d°，北纬 48\.86\d\d°$/);
    expect(result.patches[1]?.location_en).toMatch(/°E, .*°N$/);
    expect(new NamedPointLocator([seat]).nearest(2.35, 48.86)?.distanceM).toBeGreaterThan(
      MAX_SEAT_DISTANCE_M,
    );
  });
});

describe('seats the app may name', () => {
  it('keeps the points of admin layers and the bundled seats of the units loaded, nothing else', () => {
    const bundled = [
      { lon: 109.12, lat: 21.48, name: '海城区政府', code: '450502' },
      { lon: 105.34, lat: 24.77, name: '隆林各族自治县政府', code: '451031' },
      { lon: 109.2, lat: 21.6, name: '合浦县政府', code: '450521' },
    ];
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
            [109, 21.3],
          ],
        ],
      },
    };
    const township = { ...county, properties: { code: '450521100', name: '廉州镇' } };
    const point = {
      type: 'Feature' as const,
      properties: { name: '某镇' },
      geometry: { type: 'Point' as const, coordinates: [109.1, 21.5] },
    };
    expect(seatsOfAdminLayers([[county]], bundled).map((s) => s.name)).toEqual(['海城区政府']);
    expect(seatsOfAdminLayers([[township, point]], bundled).map((s) => s.name)).toEqual([
      '某镇政府',
      '合浦县政府',
    ]);
    expect(seatsOfAdminLayers([], bundled)).toEqual([]);
  });
});
