import { describe, expect, it } from 'vitest';
import { resolveCrs } from '../../../src/core/geo/crs.ts';
import {
  fromLonLatTransformer,
  geometryToLonLat,
  toLonLatTransformer,
} from '../../../src/core/geo/reproject.ts';

/**
 * Reference values recorded from GDAL 3.6.2 / PROJ 9 on this machine with the command in each row, e.g.
 *   echo 117.5 31.2 | gdaltransform -s_srs EPSG:4490 -t_srs EPSG:4527 -output_xy
 * The geographic source is the target's own datum, so no datum shift is involved.
 */
const GDAL: ReadonlyArray<{
  cmd: string;
  target: string | number;
  lonlat: [number, number];
  xy: [number, number];
}> = [
  {
    cmd: '-s_srs EPSG:4490 -t_srs EPSG:4527',
    target: 4527,
    lonlat: [117.5, 31.2],
    xy: [39547652.4609549, 3453256.27190272],
  },
  {
    cmd: '-s_srs EPSG:4490 -t_srs EPSG:4545',
    target: 4545,
    lonlat: [109.12, 21.48],
    xy: [616075.938825967, 2376638.01525365],
  },
  {
    cmd: '-s_srs EPSG:4490 -t_srs EPSG:4502',
    target: 4502,
    lonlat: [75.9, 39.5],
    xy: [577412.692085985, 4374400.86522114],
  },
  {
    cmd: '-s_srs EPSG:4490 -t_srs EPSG:4500',
    target: 4500,
    lonlat: [126.6, 45.7],
    xy: [22313087.164623, 5065543.94164673],
  },
  {
    cmd: '-s_srs EPSG:4214 -t_srs EPSG:2415',
    target: 2415,
    lonlat: [116.4, 39.9],
    xy: [39448687.9970363, 4418676.14958198],
  },
  {
    cmd: '-s_srs EPSG:4214 -t_srs EPSG:21460',
    target: 21460,
    lonlat: [117.3, 31.7],
    xy: [528440.39133942, 3508688.61334569],
  },
  {
    cmd: '-s_srs EPSG:4610 -t_srs EPSG:2333',
    target: 2333,
    lonlat: [111.3, 23.1],
    xy: [19530734.1696728, 2555644.80803617],
  },
  {
    cmd: '-s_srs EPSG:4610 -t_srs EPSG:2385',
    target: 2385,
    lonlat: [117.3, 31.7],
    xy: [243998.442995123, 3511759.85334503],
  },
  {
    cmd: '-s_srs EPSG:4326 -t_srs EPSG:32650',
    target: 32650,
    lonlat: [117.2, 31.8],
    xy: [518931.977427724, 3518284.96379692],
  },
  {
    cmd: '-s_srs EPSG:4326 -t_srs EPSG:3857',
    target: 3857,
    lonlat: [109.1, 21.5],
    xy: [12144956.4455461, 2451599.08737786],
  },
  {
    cmd: "-s_srs EPSG:4490 -t_srs '+proj=tmerc +lat_0=0 +lon_0=114.5 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs'",
    target: 'PROJ4:+proj=tmerc +lat_0=0 +lon_0=114.5 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs',
    lonlat: [114.3, 30.6],
    xy: [480819.865465368, 3386644.94972359],
  },
  {
    cmd: "-s_srs EPSG:4490 -t_srs '+proj=aea +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +x_0=0 +y_0=0 +ellps=krass +units=m +no_defs'",
    target:
      'PROJ4:+proj=aea +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +x_0=0 +y_0=0 +ellps=krass +units=m +no_defs',
    lonlat: [108.5, 35.0],
    xy: [313752.052296564, 3740407.93677709],
  },
];

describe('toLonLat / fromLonLat against gdaltransform', () => {
  for (const row of GDAL) {
    it(`gdaltransform ${row.cmd}`, () => {
      const crs = resolveCrs(row.target);
      const forward = fromLonLatTransformer(crs);
      const inverse = toLonLatTransformer(crs);
      if (!forward || !inverse) throw new Error('projected CRS expected');
      const [x, y] = forward(...row.lonlat);
      expect(Math.abs(x - row.xy[0])).toBeLessThan(0.001);
      expect(Math.abs(y - row.xy[1])).toBeLessThan(0.001);
      const [lon, lat] = inverse(...row.xy);
      expect(Math.abs(lon - row.lonlat[0])).toBeLessThan(1e-8);
      expect(Math.abs(lat - row.lonlat[1])).toBeLessThan(1e-8);
    });
  }

  it('leaves lon/lat CRSs untouched and transforms whole geometries', () => {
    expect(toLonLatTransformer(resolveCrs(4490))).toBeNull();
    const poly = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [39547652.4609549, 3453256.27190272],
          [39548652, 3453256],
          [39548652, 3454256],
          [39547652.4609549, 3453256.27190272],
        ],
      ],
    };
    const out = geometryToLonLat(poly, resolveCrs('EPSG:4527'));
    const first = out.coordinates[0]?.[0] ?? [];
    expect(first[0]).toBeCloseTo(117.5, 8);
    expect(first[1]).toBeCloseTo(31.2, 8);
    expect(out.coordinates[0]).toHaveLength(4);
    expect(poly.coordinates[0]?.[0]?.[0]).toBe(39547652.4609549); // input not mutated
  });
});
