import { describe, expect, it } from 'vitest';
import { adminFieldsOf, levelOfCode } from '../../../src/core/admin/admin-fields.ts';

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
