import { describe, expect, it } from 'vitest';
import { brightness, ndvi, ndwi } from '../../../src/core/raster/indices.ts';
import { cholesky, invertSpd, multiply, symmetricEigen } from '../../../src/core/raster/linalg.ts';
import { chiSquareCdf, quantileSorted, robustLocationScale } from '../../../src/core/raster/stats.ts';
import { otsuThreshold, resolveThreshold, robustZThreshold } from '../../../src/core/raster/threshold.ts';
import { boxMean } from '../../../src/core/raster/box-filter.ts';
import { close, dilate, erode, open } from '../../../src/core/raster/morphology.ts';

describe('indices', () => {
  it('computes NDVI, NDWI and brightness per pixel', () => {
    const blue = new Uint16Array([100, 500]);
    const green = new Uint16Array([200, 600]);
    const red = new Uint16Array([100, 400]);
    const nir = new Uint16Array([300, 200]);
    expect([...ndvi(red, nir)]).toEqual([0.5, expect.closeTo(-1 / 3, 6)]);
    expect([...ndwi(green, nir)]).toEqual([expect.closeTo(-0.2, 6), 0.5]);
    expect([...brightness([blue, green, red, nir])]).toEqual([175, 425]);
    expect([...ndvi(new Uint16Array([0]), new Uint16Array([0]))]).toEqual([0]);
  });
});

describe('linalg', () => {
  it('inverts an SPD matrix and finds eigenpairs', () => {
    const a = [
      [4, 1, 0],
      [1, 3, 1],
      [0, 1, 2],
    ];
    const inv = invertSpd(a);
    const id = multiply(a, inv);
    for (let i = 0; i < 3; i += 1)
      for (let j = 0; j < 3; j += 1) expect(id[i]![j]!).toBeCloseTo(i === j ? 1 : 0, 10);
    const l = cholesky(a);
    expect(l[0]![1]).toBe(0);
    const { values, vectors } = symmetricEigen(a);
    expect(values[0]!).toBeLessThan(values[1]!);
    for (let k = 0; k < 3; k += 1) {
      const v = vectors.map((row) => row[k]!);
      const av = multiply(
        a,
        v.map((x) => [x]),
      ).map((r) => r[0]!);
      for (let i = 0; i < 3; i += 1) expect(av[i]!).toBeCloseTo(values[k]! * v[i]!, 9);
    }
  });
});

describe('stats', () => {
  it('quantiles, median/MAD and the chi-square CDF', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    const { median, sigma } = robustLocationScale([1, 2, 3, 4, 100]);
    expect(median).toBe(3);
    expect(sigma).toBeCloseTo(1.4826, 4);
    // χ²(4): P(X ≤ x) = 1 − e^{−x/2}(1 + x/2).
    for (const x of [0.5, 3, 9.49, 20])
      expect(chiSquareCdf(x, 4)).toBeCloseTo(1 - Math.exp(-x / 2) * (1 + x / 2), 10);
    expect(chiSquareCdf(3.841, 1)).toBeCloseTo(0.95, 3);
  });
});

describe('thresholds', () => {
  it('Otsu splits bimodal data between the modes', () => {
    const values: number[] = [];
    for (let i = 0; i < 900; i += 1) values.push(10 + (i % 7) - 3);
    for (let i = 0; i < 100; i += 1) values.push(50 + (i % 5) - 2);
    const t = otsuThreshold(values);
    expect(t).toBeGreaterThan(13);
    expect(t).toBeLessThan(48);
    expect(values.filter((v) => v > t).length).toBe(100);
  });
  it('robust z is median + k·1.4826·MAD, and fixed overrides', () => {
    const values = [1, 2, 3, 4, 100];
    expect(robustZThreshold(values, 2)).toBeCloseTo(3 + 2 * 1.4826, 6);
    expect(resolveThreshold({ method: 'fixed', value: 7 }, values)).toBe(7);
    expect(resolveThreshold({ method: 'robust_z', k: 0 }, values)).toBe(3);
  });
});

describe('box filter', () => {
  it('averages over the square, leaving out edges and invalid pixels', () => {
    // 3×3: centre mean of all 9; corner mean of its 4 in-array neighbours.
    const src = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const m = boxMean(src, 3, 3, 1);
    expect(m[4]).toBeCloseTo(5, 6);
    expect(m[0]).toBeCloseTo((1 + 2 + 4 + 5) / 4, 6);
    const valid = new Uint8Array([1, 1, 1, 1, 0, 1, 1, 1, 1]);
    expect(boxMean(src, 3, 3, 1, valid)[4]).toBeCloseTo(5, 6);
    expect(boxMean(src, 3, 3, 1, valid)[0]).toBeCloseTo((1 + 2 + 4) / 3, 6);
  });
});

describe('morphology', () => {
  const w = 7;
  const h = 5;
  const grid = (rows: string[]): Uint8Array =>
    Uint8Array.from(rows.join('').split(''), (c) => (c === '#' ? 1 : 0));
  const show = (m: Uint8Array): string[] =>
    Array.from({ length: h }, (_, y) =>
      [...m.slice(y * w, (y + 1) * w)].map((v) => (v ? '#' : '.')).join(''),
    );
  it('opening removes a speck, closing fills a one-pixel gap', () => {
    const m = grid(['.......', '.###...', '.###..#', '.###...', '.......']);
    expect(show(open(m, w, h, 1))).toEqual(['.......', '.###...', '.###...', '.###...', '.......']);
    const g = grid(['.......', '.##.##.', '.##.##.', '.##.##.', '.......']);
    expect(show(close(g, w, h, 1))).toEqual(['.......', '.#####.', '.#####.', '.#####.', '.......']);
  });
  it('ignores pixels beyond the array edge', () => {
    const full = new Uint8Array(w * h).fill(1);
    expect([...erode(full, w, h, 1)].every((v) => v === 1)).toBe(true);
    const one = grid(['#......', '.......', '.......', '.......', '.......']);
    expect(show(dilate(one, w, h, 1))).toEqual(['##.....', '##.....', '.......', '.......', '.......']);
  });
});
