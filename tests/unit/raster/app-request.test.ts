import { describe, expect, it } from 'vitest';
import { detectInputErrorOf, paramsFor, planFromRoles } from '../../../src/core/detect/app-request.ts';
import { DetectInputError } from '../../../src/core/detect/types.ts';

/** The code of the DetectInputError `run` throws (fails the test when it throws something else or nothing). */
function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DetectInputError) return error.code;
    throw error;
  }
  throw new Error('expected a DetectInputError');
}

describe('detection request from the app', () => {
  it('reads bands in canonical role order wherever they are, per date', () => {
    const plan = planFromRoles(['nir', 'red', 'green', 'blue'], ['blue', 'green', 'red', 'nir']);
    expect(plan.roles).toEqual(['blue', 'green', 'red', 'nir']);
    expect(plan.read).toEqual({ t1: [3, 2, 1, 0], t2: [0, 1, 2, 3] });
    expect(plan.off).toEqual(['swir']);
  });

  it('runs RGB-only with the NIR features off, and uses SWIR when present', () => {
    const rgb = planFromRoles(['red', 'green', 'blue'], ['red', 'green', 'blue']);
    expect(rgb.roles).toEqual(['blue', 'green', 'red']);
    expect(rgb.off).toEqual(expect.arrayContaining(['ndvi', 'ndwi', 'swir']));
    const six = ['blue', 'green', 'red', 'nir', 'swir1', 'swir2'] as const;
    const landsat = planFromRoles([...six, 'other'], ['pan', ...six]);
    expect(landsat.roles).toEqual([...six]);
    expect(landsat.read.t2).toEqual([1, 2, 3, 4, 5, 6]);
    expect(landsat.off).toEqual([]);
  });

  it('refuses bad roles with a code and details, no sentence', () => {
    expect(codeOf(() => planFromRoles(['red', 'green', 'other'], ['red', 'green', 'other']))).toBe(
      'roles_missing',
    );
    expect(codeOf(() => planFromRoles(['red', 'red', 'blue'], ['red', 'green', 'blue']))).toBe(
      'roles_duplicate',
    );
    expect(codeOf(() => planFromRoles(['red', 'green', 'blue'], ['blue', 'green', 'red', 'nir']))).toBe(
      'band_count_differs',
    );
    expect(codeOf(() => planFromRoles(['red', 'green', 'blue'], ['red', 'green', 'nir']))).toBe(
      'roles_differ',
    );
    expect(
      codeOf(() =>
        planFromRoles(['blue', 'green', 'red', 'nir'], ['blue', 'green', 'red', 'nir'], { t1: 3, t2: 4 }),
      ),
    ).toBe('band_out_of_range');
    try {
      planFromRoles(['red', 'other', 'other'], ['red', 'other', 'other']);
    } catch (error) {
      expect((error as DetectInputError).details).toEqual({ date: 't1', have: ['red'], need: 3 });
      expect((error as Error).message).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('keeps the code of an error that crossed a worker (only name and message survive)', () => {
    const original = new DetectInputError('band_out_of_range', { date: 't2', band: 7, count: 6 });
    const crossed = Object.assign(new Error(original.message), { name: original.name });
    expect(detectInputErrorOf(crossed)).toEqual({
      code: 'band_out_of_range',
      details: { date: 't2', band: 7, count: 6 },
    });
    expect(detectInputErrorOf(new Error('other'))).toBeNull();
  });

  it('keeps the automatic threshold and maps sensitivity monotonically onto its shift', () => {
    expect(paramsFor({ sensitivity: null, minAreaM2: 500 })).toEqual({ minAreaM2: 500 });
    const shift = (s: number): number => {
      const t = paramsFor({ sensitivity: s, minAreaM2: 0 }).threshold;
      if (t?.method !== 'auto') throw new Error('expected auto');
      return t.shift ?? 0;
    };
    expect(shift(0.5)).toBe(0);
    expect(shift(0)).toBeGreaterThan(shift(0.5));
    expect(shift(1)).toBeLessThan(shift(0.5));
  });
});
