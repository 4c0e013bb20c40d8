// Scene-relative pieces of the engine on synthetic data: the automatic threshold, the cloud test, the harvest
// flag, pixel-size scaled defaults and the season warning.
import { describe, expect, it } from 'vitest';
import { pixelModel, cloudAt, type Calibration } from '../../../src/core/detect/features.ts';
import { detectChanges } from '../../../src/core/detect/pipeline.ts';
import type { Geotransform } from '../../../src/core/raster/types.ts';
import { harvestLike } from '../../../src/core/detect/harvest.ts';
import { resolutionDefaults, withResolution } from '../../../src/core/detect/resolution.ts';
import { seasonsDiffer } from '../../../src/core/detect/season.ts';
import type { PatchFeatures } from '../../../src/core/detect/types.ts';
import { kittlerIllingworth, resolveThresholdDetailed } from '../../../src/core/raster/threshold.ts';
import { memorySource, prng, syntheticPair } from './synthetic.ts';

/** Gaussian samples (Box–Muller) from a seeded generator. */
function gauss(rnd: () => number, mean: number, sd: number): number {
  const u = Math.max(rnd(), 1e-12);
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

/** log(1 + χ²) values like the engine's: unchanged pixels χ²(4), changed ones scaled up by `lift`. */
function chiSample(n: number, changedShare: number, lift: number, seed: number): Float64Array {
  const rnd = prng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    let chi = 0;
    for (let k = 0; k < 4; k += 1) chi += gauss(rnd, 0, 1) ** 2;
    if (rnd() < changedShare) chi = chi * lift + lift * 4;
    out[i] = Math.log1p(chi);
  }
  return out;
}

describe('automatic threshold', () => {
  it('cuts between two modes, and its share follows the amount of change', () => {
    const little = resolveThresholdDetailed({ method: 'auto' }, chiSample(40_000, 0.03, 12, 1));
    const much = resolveThresholdDetailed({ method: 'auto' }, chiSample(40_000, 0.25, 12, 2));
    expect(little.method).toBe('kittler_illingworth');
    expect(much.method).toBe('kittler_illingworth');
    const share = (values: Float64Array, t: number): number =>
      values.filter((v) => v > t).length / values.length;
    // Close to the true shares, not a fixed share of each scene.
    expect(share(chiSample(40_000, 0.03, 12, 1), little.value)).toBeGreaterThan(0.02);
    expect(share(chiSample(40_000, 0.03, 12, 1), little.value)).toBeLessThan(0.06);
    expect(share(chiSample(40_000, 0.25, 12, 2), much.value)).toBeGreaterThan(0.2);
    expect(share(chiSample(40_000, 0.25, 12, 2), much.value)).toBeLessThan(0.32);
  });

  it('falls back to a robust z when the statistic has one mode', () => {
    // Unchanged pixels only: log(1 + χ²(4)), whose cube root of χ² is close to one Gaussian.
    const one = chiSample(40_000, 0, 1, 5);
    const cube = one.map((v) => Math.cbrt(Math.expm1(v)));
    expect(kittlerIllingworth(cube).gain).toBeLessThan(0.05);
    const t = resolveThresholdDetailed({ method: 'auto', fallbackK: 2 }, one);
    expect(t.method).toBe('robust_z');
    expect(t.fallback).not.toBeNull();
    const sorted = Float64Array.from(one).sort();
    const median = sorted[sorted.length >> 1]!;
    expect(t.value).toBeGreaterThan(median);
    // Sensitivity shifts the result in robust σ: a shift of 1 moves it by (0.5 × the k = 2 margin).
    const shifted = resolveThresholdDetailed({ method: 'auto', fallbackK: 2, shift: 1 }, one).value;
    expect(shifted - t.value).toBeCloseTo((t.value - median) / 2, 1);
  });
});

describe('cloud and shadow test', () => {
  // Bands blue, green, red, nir already on a 0–1 scene scale (identity scales).
  const identity = { gain: [1, 1, 1, 1], offset: [0, 0, 0, 0] };
  const cal: Pick<Calibration, 'roles' | 'scale1' | 'scale2' | 'own2' | 'clouds' | 'gateValues'> = {
    roles: ['blue', 'green', 'red', 'nir'],
    scale1: identity,
    scale2: identity,
    own2: identity,
    clouds: { t1: false, t2: true },
    gateValues: { water: 0.3, vegetatedBoth: null, brightBoth: null, vegetatedAfter: null },
  };
  const px = (v: number[]): Float32Array[] => v.map((x) => Float32Array.of(x));

  it('masks a white cloud far above the scene range at T2, not a new bright roof or a clear pixel', () => {
    const m = pixelModel(cal);
    const ground = px([0.3, 0.35, 0.4, 0.5]);
    expect(cloudAt(m, ground, px([1.8, 1.8, 1.75, 1.7]), 0)).toBe(2);
    // A new roof at the top of the range: bright and white, but not beyond the scene's range.
    expect(cloudAt(m, ground, px([0.95, 1, 1, 0.9]), 0)).toBe(0);
    // Bright but coloured (bare red soil): not a cloud.
    expect(cloudAt(m, ground, px([1.5, 2.2, 3, 2]), 0)).toBe(0);
    expect(cloudAt(m, ground, ground, 0)).toBe(0);
  });

  it('masks a dark cloud shadow on a cloudy date only', () => {
    const ground = px([0.3, 0.35, 0.4, 0.5]);
    const shadow = px([0.05, 0.05, 0.04, 0.06]);
    expect(cloudAt(pixelModel(cal), ground, shadow, 0)).toBe(2);
    expect(cloudAt(pixelModel({ ...cal, clouds: { t1: false, t2: false } }), ground, shadow, 0)).toBe(0);
  });
});

describe('harvest-like vegetation loss', () => {
  const gates = { water: 0.3, vegetatedBoth: 0.5, brightBoth: 0.9, vegetatedAfter: 0.6 };
  const field: PatchFeatures = {
    pixelCount: 400,
    areaM2: 40_000,
    meanZ: 4,
    maxZ: 6,
    ndviT1: 0.7,
    ndviT2: 0.2,
    ndwiT1: -0.4,
    ndwiT2: -0.1,
    brightnessT1: 0.4,
    brightnessT2: 0.43,
    elongation: 1.4,
    fill: 0.85,
  };
  it('flags a large, compact field that lost its green at flat brightness', () => {
    expect(harvestLike(field, gates, 0.3)).toBe(true);
  });
  it('does not flag clearing that brightens the ground, a thin strip, or a small patch', () => {
    expect(harvestLike({ ...field, brightnessT2: 0.7 }, gates, 0.3)).toBe(false);
    expect(harvestLike({ ...field, elongation: 6 }, gates, 0.3)).toBe(false);
    expect(harvestLike({ ...field, areaM2: 2000 }, gates, 0.3)).toBe(false);
    expect(harvestLike({ ...field, ndviT1: 0.4 }, gates, 0.3)).toBe(false);
  });
});

describe('pixel-size scaled defaults', () => {
  it('keeps the 10 m defaults and grows radii and tiles at finer pixels', () => {
    expect(resolutionDefaults(10)).toEqual({ smoothRadius: 1, openRadius: 0, tileSize: 512 });
    expect(resolutionDefaults(30).smoothRadius).toBe(1);
    const aerial = resolutionDefaults(1.5);
    expect(aerial.smoothRadius).toBe(7);
    expect(aerial.openRadius).toBe(1);
    const fine = resolutionDefaults(0.5);
    expect(fine.smoothRadius).toBeGreaterThan(aerial.smoothRadius);
    expect(fine.smoothRadius).toBeLessThanOrEqual(16);
    expect(fine.tileSize).toBeGreaterThanOrEqual(16 * (fine.smoothRadius + 2 * fine.openRadius));
  });
  it('never overrides what the caller set', () => {
    expect(withResolution({ smoothRadius: 3 }, 0.5).smoothRadius).toBe(3);
    expect(withResolution({}, 0.5).smoothRadius).toBe(resolutionDefaults(0.5).smoothRadius);
  });
});

describe('season warning', () => {
  it('warns for different seasons, by hemisphere, and only when both dates are known', () => {
    expect(seasonsDiffer('2016-01-10', '2018-07-10', 30)).toBe(true);
    expect(seasonsDiffer('2016-07-01', '2018-08-20', 30)).toBe(false);
    expect(seasonsDiffer('2016-12-15', '2018-02-01', -33)).toBe(false);
    expect(seasonsDiffer('2016-12-15', '2018-06-01', -33)).toBe(true);
    expect(seasonsDiffer(null, '2018-06-01', 30)).toBe(false);
    // Near the equator only gaps of more than two months warn.
    expect(seasonsDiffer('2016-01-10', '2018-02-20', 5)).toBe(false);
    expect(seasonsDiffer('2016-01-10', '2018-06-20', 5)).toBe(true);
  });
});

describe('zero fill without a declared nodata value', () => {
  it('leaves pixels that are 0 in every band of a date out, instead of finding change there', async () => {
    const pair = syntheticPair(160, 120, 10, 4);
    // T2 acquired only right of column 40 (0 in every band to the left, as in a clipped scene).
    for (const band of pair.t2) for (let y = 0; y < 120; y += 1) band.fill(0, y * 160, y * 160 + 40);
    const gt: Geotransform = [109.0, 9e-5, 0, 21.6, 0, -9e-5];
    const result = await detectChanges(
      { t1: memorySource(pair.t1, 160, 120), t2: memorySource(pair.t2, 160, 120), geotransform: gt },
      { minAreaM2: 1000 },
    );
    expect(result.calibration.zeroFill).toBe(true);
    expect(result.patches.length).toBeGreaterThan(0);
    const westOfFill = 109.0 + 40 * 9e-5;
    for (const p of result.patches) {
      const ring =
        p.geometry.type === 'Polygon' ? p.geometry.coordinates[0]! : p.geometry.coordinates[0]![0]!;
      // Every vertex lies east of the fill (polygon edges at pixel borders: on or right of column 40).
      for (const [lon] of ring) expect(lon!).toBeGreaterThanOrEqual(westOfFill - 1e-9);
    }
  });
});
