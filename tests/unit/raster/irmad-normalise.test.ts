import { describe, expect, it } from 'vitest';
import { chiSquare, fitIrMad } from '../../../src/core/raster/irmad.ts';
import { applyBandNormalisation, fitBandNormalisation } from '../../../src/core/raster/normalise.ts';
import { prng } from './synthetic.ts';

function scene(n: number, seed: number) {
  const rnd = prng(seed);
  const x = Array.from({ length: 4 }, () => new Float32Array(n));
  const y = Array.from({ length: 4 }, () => new Float32Array(n));
  const changed = new Uint8Array(n);
  for (let i = 0; i < n; i += 1) {
    const a = rnd();
    const b = rnd();
    changed[i] = i % 25 === 0 ? 1 : 0;
    for (let k = 0; k < 4; k += 1) {
      const v = 500 + 1500 * a * (k + 1) * 0.3 + 800 * b * (4 - k) * 0.2 + rnd() * 40;
      x[k]![i] = v;
      y[k]![i] = (changed[i] ? 3000 - v * 0.5 : 1.2 * v + 100 * k) + rnd() * 40;
    }
  }
  return { x, y, changed };
}

describe('IR-MAD', () => {
  it('separates changed pixels and ignores per-band gain/offset between dates', () => {
    const { x, y, changed } = scene(20_000, 11);
    const { model, weights } = fitIrMad(x, y);
    expect(model.rho[3]!).toBeGreaterThan(0.9);
    const chi = chiSquare(model, x, y);
    let minChanged = Infinity;
    const unchanged: number[] = [];
    for (let i = 0; i < chi.length; i += 1) {
      if (changed[i]) minChanged = Math.min(minChanged, chi[i]!);
      else unchanged.push(chi[i]!);
    }
    unchanged.sort((a, b) => a - b);
    // Unchanged pixels follow roughly χ²(4) (median 3.36); re-weighting towards the most stable pixels
    // shrinks the MAD variances, so the statistic runs somewhat high. The threshold is relative, so fine.
    expect(unchanged[unchanged.length >> 1]!).toBeGreaterThan(2);
    expect(unchanged[unchanged.length >> 1]!).toBeLessThan(10);
    expect(minChanged).toBeGreaterThan(unchanged[Math.floor(unchanged.length * 0.99)]!);
    expect(weights[0]!).toBeLessThan(0.01); // pixel 0 is changed
    // Rescaling a band of date 2 does not change the statistic.
    const y2 = y.map((band, k) => band.map((v) => v * (1 + k * 0.3) + 500));
    const chi2 = chiSquare(fitIrMad(x, y2).model, x, y2);
    for (const i of [1, 2, 3, 25, 50, 999]) expect(chi2[i]!).toBeCloseTo(chi[i]!, 1);
  });
});

describe('PIF normalisation', () => {
  it('recovers gain and offset despite 10 % changed pixels', () => {
    const rnd = prng(5);
    const n = 5000;
    const t1 = new Float32Array(n);
    const t2 = new Float32Array(n);
    for (let i = 0; i < n; i += 1) {
      t2[i] = 300 + rnd() * 2000;
      t1[i] = i % 10 === 0 ? 4000 * rnd() : 0.8 * t2[i]! + 150 + (rnd() - 0.5) * 20;
    }
    const fit = fitBandNormalisation(t1, t2);
    expect(fit.gain).toBeCloseTo(0.8, 2);
    expect(fit.offset).toBeGreaterThan(140);
    expect(fit.offset).toBeLessThan(160);
    expect(fit.used).toBeLessThan(n * 0.95);
    expect(applyBandNormalisation(new Float32Array([1000]), fit)[0]!).toBeCloseTo(950, -1);
  });
});
