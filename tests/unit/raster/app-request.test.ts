import { describe, expect, it } from 'vitest';
import { bandsFromRoles, paramsFor } from '../../../src/core/detect/app-request.ts';

describe('detection request from the app', () => {
  it('finds blue, green, red and NIR wherever they are', () => {
    expect(bandsFromRoles(['blue', 'green', 'red', 'nir'], ['blue', 'green', 'red', 'nir'])).toEqual([
      0, 1, 2, 3,
    ]);
    expect(bandsFromRoles(['nir', 'red', 'green', 'blue'], ['nir', 'red', 'green', 'blue'])).toEqual([
      3, 2, 1, 0,
    ]);
  });

  it('refuses a missing band or dates whose band order differs, saying what to fix', () => {
    expect(() => bandsFromRoles(['red', 'green', 'blue'], ['red', 'green', 'blue'])).toThrow(/近红外.*nir/);
    expect(() => bandsFromRoles(['blue', 'green', 'red', 'nir'], ['nir', 'red', 'green', 'blue'])).toThrow(
      /波段顺序不同/,
    );
  });

  it('keeps the tuned threshold on automatic and maps sensitivity monotonically', () => {
    expect(paramsFor({ sensitivity: null, minAreaM2: 500 })).toEqual({ minAreaM2: 500 });
    const k = (s: number): number => {
      const t = paramsFor({ sensitivity: s, minAreaM2: 0 }).threshold;
      if (t?.method !== 'robust_z') throw new Error('expected robust_z');
      return t.k;
    };
    expect(k(0.5)).toBe(2);
    expect(k(0)).toBeGreaterThan(k(0.5));
    expect(k(1)).toBeLessThan(k(0.5));
    expect(k(1)).toBeGreaterThan(0);
  });
});
