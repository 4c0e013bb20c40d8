import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cgcs2000 } from '../../../src/core/geo/area.ts';
import {
  compass8,
  describeLocation,
  formatDistance,
  geodesicDistanceM,
  NamedPointLocator,
  type NamedPoint,
} from '../../../src/core/geo/location.ts';

const seat: NamedPoint = {
  lon: 109.7127,
  lat: 21.5856,
  name: '山口镇政府',
  nameEn: 'Shankou Town Government',
};

/** The point reached from the seat along a geodesic with the given azimuth and length. */
function from(point: NamedPoint, azimuth: number, metres: number): [number, number] {
  const r = cgcs2000.Direct(point.lat, point.lon, azimuth, metres);
  return [r.lon2 as number, r.lat2 as number];
}

describe('location description', () => {
  it('reads 「合浦县山口镇政府西北约 2.3 公里」 for a patch 2.3 km north-west of the seat', () => {
    const [lon, lat] = from(seat, 315, 2_310);
    const d = describeLocation(lon, lat, seat, { zh: '合浦县', en: 'Hepu County' });
    expect(d.zh).toBe('合浦县山口镇政府西北约 2.3 公里');
    expect(d.en).toBe('about 2.3 km northwest of Shankou Town Government, Hepu County');
    expect(d.direction).toBe('NW');
    expect(d.distanceM).toBeCloseTo(2_310, 6);
  });

  it('uses metres under 1 km and does not repeat the county already in the name', () => {
    const [lon, lat] = from(seat, 100, 847);
    const d = describeLocation(lon, lat, { ...seat, name: '合浦县山口镇政府' }, { zh: '合浦县' });
    expect(d.zh).toBe('合浦县山口镇政府东约 850 米');
    expect(d.en).toBe('about 850 m east of Shankou Town Government');
  });

  it('says 附近 / near when the patch is at the point', () => {
    const [lon, lat] = from(seat, 200, 5);
    expect(describeLocation(lon, lat, seat).zh).toBe('山口镇政府附近');
  });

  it('splits the compass into 8 sectors of 45° centred on the directions', () => {
    expect(compass8(0)).toBe('N');
    expect(compass8(22.4)).toBe('N');
    expect(compass8(22.6)).toBe('NE');
    expect(compass8(180)).toBe('S');
    expect(compass8(-45)).toBe('NW');
    expect(compass8(337.6)).toBe('N');
    expect(compass8(-135)).toBe('SW');
  });

  it('formats distances with one decimal in km and whole tens of metres below', () => {
    expect(formatDistance(999.6).zh).toBe('1.0 公里');
    expect(formatDistance(994).zh).toBe('990 米');
    expect(formatDistance(12_345).en).toBe('12.3 km');
    expect(formatDistance(3).zh).toBe('10 米');
  });
});

describe('nearest named point', () => {
  it('matches a brute-force geodesic search', () => {
    const pointArb = fc.record({
      lon: fc.double({ min: 100, max: 101, noNaN: true }),
      lat: fc.double({ min: 40, max: 41, noNaN: true }),
      name: fc.constant('p'),
    });
    fc.assert(
      fc.property(fc.array(pointArb, { minLength: 1, maxLength: 60 }), pointArb, (points, q) => {
        const found = new NamedPointLocator(points).nearest(q.lon, q.lat)!;
        const best = Math.min(...points.map((p) => geodesicDistanceM(q.lon, q.lat, p.lon, p.lat)));
        expect(found.distanceM).toBeCloseTo(best, 6);
      }),
      { numRuns: 200, seed: 4 },
    );
    expect(new NamedPointLocator([]).nearest(100, 40)).toBeNull();
  });
});
