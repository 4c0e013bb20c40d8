import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  AdminJoiner,
  parentCodes,
  type AdminFeature,
  type AdminLevel,
} from '../../../src/core/geo/admin-join.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): Position[][] => [
  [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ],
];
const feature = (code: string, level: AdminLevel, ring: Position[][], name?: string): AdminFeature => ({
  id: code,
  code,
  level,
  geometry: { type: 'Polygon', coordinates: ring },
  ...(name ? { name } : {}),
});

const NAMES: Record<string, string> = {
  '450000': '广西壮族自治区',
  '450500': '北海市',
  '450521': '合浦县',
  '110000': '北京市',
  '110100': '市辖区',
  '110105': '朝阳区',
  '420000': '湖北省',
  '429000': '省直辖县级行政区划',
  '429004': '仙桃市',
};
const lookup = (code: string) => NAMES[code];

// Two townships of 合浦县 sharing the meridian 109.2 (their boundary is a zig-zag line).
const west = feature(
  '450521101',
  'township',
  [
    [
      [109.1, 21.5],
      [109.2, 21.5],
      [109.21, 21.55],
      [109.2, 21.6],
      [109.1, 21.6],
      [109.1, 21.5],
    ],
  ],
  '廉州镇',
);
const east = feature(
  '450521102',
  'township',
  [
    [
      [109.2, 21.5],
      [109.3, 21.5],
      [109.3, 21.6],
      [109.2, 21.6],
      [109.21, 21.55],
      [109.2, 21.5],
    ],
  ],
  '山口镇',
);

describe('admin join', () => {
  it('finds the township by point in polygon and derives county, city and province by code prefix', () => {
    const joiner = new AdminJoiner([west, east], lookup);
    const place = joiner.locate(109.25, 21.55);
    expect(place.township).toEqual({ code: '450521102', name: '山口镇' });
    expect(place.county).toEqual({ code: '450521', name: '合浦县' });
    expect(place.city).toEqual({ code: '450500', name: '北海市' });
    expect(place.province).toEqual({ code: '450000', name: '广西壮族自治区' });
  });

  it('follows a zig-zag township boundary', () => {
    const joiner = new AdminJoiner([west, east], lookup);
    expect(joiner.locate(109.205, 21.55).township?.code).toBe('450521101'); // west of the bulge at 109.21
    expect(joiner.locate(109.215, 21.55).township?.code).toBe('450521102');
    expect(joiner.locate(109.205, 21.51).township?.code).toBe('450521102'); // east of 109.202 there
  });

  it('decides points on a shared boundary the same way whatever the input order', () => {
    const onBoundary = [109.21, 21.55] as const; // the shared vertex
    const a = new AdminJoiner([west, east], lookup).locate(...onBoundary);
    const b = new AdminJoiner([east, west], lookup).locate(...onBoundary);
    expect(a.township?.code).toBe('450521101');
    expect(b.township?.code).toBe('450521101');
  });

  it('uses county polygons when there are no townships, and leaves what it cannot know empty', () => {
    const joiner = new AdminJoiner([feature('450521', 'county', rect(109, 21, 110, 22))], lookup);
    const place = joiner.locate(109.5, 21.5);
    expect(place.township).toBeNull();
    expect(place.county?.name).toBe('合浦县');
    expect(place.city?.code).toBe('450500');
    const nowhere = joiner.locate(120, 30);
    expect(nowhere).toEqual({ province: null, city: null, county: null, township: null });
  });

  it('falls back to coarser polygons when the township code is not GB/T 2260', () => {
    const joiner = new AdminJoiner(
      [
        feature('T-17', 'township', rect(109, 21, 110, 22), '某镇'),
        feature('450521', 'county', rect(109, 21, 110, 22)),
      ],
      lookup,
    );
    const place = joiner.locate(109.5, 21.5);
    expect(place.township).toEqual({ code: 'T-17', name: '某镇' });
    expect(place.county?.code).toBe('450521');
  });

  it('accepts 12-digit township codes', () => {
    const joiner = new AdminJoiner(
      [feature('450521102000', 'township', rect(109, 21, 110, 22), '山口镇')],
      lookup,
    );
    expect(joiner.locate(109.5, 21.5).county?.code).toBe('450521');
  });

  it('names the city level of municipalities and province-governed county-level cities sensibly', () => {
    const joiner = new AdminJoiner(
      [
        feature('110105', 'county', rect(116, 39, 117, 40)),
        feature('429004', 'county', rect(113, 30, 114, 31)),
      ],
      lookup,
    );
    expect(joiner.locate(116.5, 39.5).city).toEqual({ code: '110100', name: '北京市' });
    expect(joiner.locate(113.5, 30.5).city).toEqual({ code: '429000', name: '仙桃市' });
  });

  it('derives parent codes from a code prefix', () => {
    expect(parentCodes('450521')).toEqual({ province: '450000', city: '450500', county: '450521' });
    expect(parentCodes('450521102')).toEqual({ province: '450000', city: '450500', county: '450521' });
    expect(parentCodes('450500')).toEqual({ province: '450000', city: '450500', county: null });
    expect(parentCodes('450000')).toEqual({ province: '450000', city: null, county: null });
  });
});
