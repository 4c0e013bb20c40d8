import { describe, expect, it } from 'vitest';
import { adminFieldsOf, levelOfCode } from '../../../src/core/admin/admin-fields.ts';
import { toSquareMetres } from '../../../src/core/area-units.ts';

describe('admin fields', () => {
  it('reads the level from the code', () => {
    expect(levelOfCode('450000')).toBe('province');
    expect(levelOfCode('450500')).toBe('city');
    expect(levelOfCode('450521')).toBe('county');
    expect(levelOfCode('450521101')).toBe('township');
    expect(levelOfCode('4505')).toBeNull();
  });

  it('finds code and name under the usual field names', () => {
    expect(adminFieldsOf({ XZQDM: '450521', XZQMC: '合浦县' })).toEqual({
      code: '450521',
      name: '合浦县',
      level: 'county',
    });
    expect(adminFieldsOf({ adcode: 450000, name: '广西壮族自治区' })).toEqual({
      code: '450000',
      name: '广西壮族自治区',
      level: 'province',
    });
    expect(adminFieldsOf({ 名称: '无代码' })).toBeNull();
  });
});

describe('area units', () => {
  it('converts 亩 and 公顷 to m²', () => {
    expect(toSquareMetres(15, 'mu')).toBeCloseTo(10_000, 9);
    expect(toSquareMetres(0.5, 'ha')).toBe(5_000);
    expect(toSquareMetres(400, 'm2')).toBe(400);
  });
});
