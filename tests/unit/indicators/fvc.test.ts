import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  accumulateNdvi,
  fvcOf,
  FvcParameterError,
  histogramMeanFvc,
  histogramPercentile,
  ndviBin,
  binNdvi,
  ndviOf,
  NdviHistograms,
  summariseFvc,
} from '../../../src/core/indicators/fvc.ts';

/** 20 pixels whose NDVI is k/20 (k = 0…19): nir = 20 + k, red = 20 − k. */
function ramp(): { red: Uint16Array; nir: Uint16Array } {
  const red = new Uint16Array(20);
  const nir = new Uint16Array(20);
  for (let k = 0; k < 20; k += 1) {
    red[k] = 20 - k;
    nir[k] = 20 + k;
  }
  return { red, nir };
}

describe('NDVI and FVC of one pixel', () => {
  it('follows the formulas', () => {
    expect(ndviOf(0.1, 0.5)).toBeCloseTo(0.4 / 0.6, 12);
    expect(ndviOf(0, 0)).toBeNaN();
    expect(fvcOf(0.5, 0.1, 0.9)).toBeCloseTo(0.5, 12);
    expect(fvcOf(0.05, 0.1, 0.9)).toBe(0);
    expect(fvcOf(0.95, 0.1, 0.9)).toBe(1);
    expect(() => fvcOf(0.5, 0.6, 0.6)).toThrow(FvcParameterError);
  });

  it('quantises NDVI to 1e-4 bins and back', () => {
    expect(ndviBin(-1)).toBe(0);
    expect(ndviBin(1)).toBe(20_000);
    expect(ndviBin(0.123449)).toBe(11_234);
    expect(binNdvi(ndviBin(0.4567))).toBeCloseTo(0.4567, 12);
    expect(ndviBin(Number.NaN)).toBe(-1);
  });
});

describe('histograms, percentiles and mean FVC', () => {
  it('gives the hand-computed end members and means of a known ramp', () => {
    const { red, nir } = ramp();
    const zones = new Uint8Array(20).fill(1, 0, 10).fill(2, 10, 20);
    const hist = new NdviHistograms(2);
    expect(accumulateNdvi(hist, red, nir, zones, 20)).toBe(20);
    const s = summariseFvc(hist, 5, 95);
    // Nearest rank: P5 → rank ⌈1⌉ = 1 (NDVI 0), P95 → rank ⌈19⌉ = 19 (NDVI 18/20 = 0.9).
    expect(s.ndviSoil).toBe(0);
    expect(s.ndviVeg).toBeCloseTo(0.9, 12);
    // FVC = k/18 for k ≤ 18 and 1 for k = 19: (171/18 + 1) / 20 = 0.525.
    expect(s.meanFvc).toBeCloseTo(0.525, 12);
    // Zone 1 holds k = 0…9: (45/18)/10 = 0.25; zone 2 holds k = 10…19: (126/18 + 1)/10 = 0.8.
    expect(s.zoneMeanFvc[0]).toBeCloseTo(0.25, 12);
    expect(s.zoneMeanFvc[1]).toBeCloseTo(0.8, 12);
    expect(s.zonePixels).toEqual([10, 10]);
    expect(s.pixels).toBe(20);
  });

  it('skips zone 0, nodata and zero-sum pixels; reads interleaved bands by offset and stride', () => {
    const { red, nir } = ramp();
    const interleaved = new Uint16Array(40 * 2);
    for (let i = 0; i < 20; i += 1) {
      interleaved[i * 4] = 7; // another band
      interleaved[i * 4 + 1] = red[i] as number;
      interleaved[i * 4 + 3] = nir[i] as number;
    }
    const zones = new Uint8Array(20).fill(1);
    zones[0] = 0;
    interleaved[1 * 4 + 1] = 9999; // nodata in red
    const hist = new NdviHistograms(1);
    const n = accumulateNdvi(hist, interleaved, interleaved, zones, 20, {
      redOffset: 1,
      nirOffset: 3,
      stride: 4,
      nodata: 9999,
    });
    expect(n).toBe(18);
    const zeros = new NdviHistograms(1);
    expect(accumulateNdvi(zeros, new Uint8Array(3), new Uint8Array(3), new Uint8Array(3).fill(1), 3)).toBe(0);
  });

  it('nearest-rank percentiles of small histograms', () => {
    const h = new Float64Array(20_001);
    for (const v of [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]) {
      const b = ndviBin(v);
      h[b] = (h[b] as number) + 1;
    }
    expect(histogramPercentile(h, 5)).toBeCloseTo(0.1, 12);
    expect(histogramPercentile(h, 50)).toBeCloseTo(0.5, 12);
    expect(histogramPercentile(h, 51)).toBeCloseTo(0.6, 12);
    expect(histogramPercentile(h, 95)).toBeCloseTo(1.0, 12);
    expect(histogramPercentile(new Float64Array(20_001), 5)).toBeNull();
    expect(() => summariseFvc(new NdviHistograms(1), 95, 5)).toThrow(FvcParameterError);
  });

  it('the histogram mean equals the per-pixel mean of quantised NDVI (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 10000 }), fc.integer({ min: 1, max: 10000 })), {
          minLength: 1,
          maxLength: 200,
        }),
        (pairs) => {
          const red = Uint16Array.from(pairs.map((p) => p[0]));
          const nir = Uint16Array.from(pairs.map((p) => p[1]));
          const hist = new NdviHistograms(1);
          accumulateNdvi(hist, red, nir, new Uint8Array(pairs.length).fill(1), pairs.length);
          const soil = -0.2;
          const veg = 0.7;
          const direct = pairs.reduce((s, [r, n]) => s + fvcOf(ndviOf(r, n), soil, veg), 0) / pairs.length;
          const fromHist = histogramMeanFvc(hist.zone(1), soil, veg) as number;
          // Quantisation moves NDVI by ≤ 0.5e-4, so FVC by ≤ 0.5e-4 / (veg − soil).
          expect(Math.abs(fromHist - direct)).toBeLessThanOrEqual(0.5e-4 / (veg - soil) + 1e-12);
        },
      ),
      { numRuns: 100 },
    );
  });
});
