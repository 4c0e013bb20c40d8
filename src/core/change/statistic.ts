/** Band order used by the change kernels. */
export const BANDS = ['blue', 'green', 'red', 'nir'] as const;

/** Per-band linear map of T1 onto T2's radiometry: t1' = gain * t1 + offset. */
export interface Normalisation {
  gain: number[];
  offset: number[];
  /** Standard deviation of each T2 band (scales differences to z-units). */
  sd2: number[];
}

/** Direction codes stored in the direction byte (0 = no data). */
export const DIRECTION_CODES = [
  'none',
  'vegetation_loss',
  'new_bare_built',
  'new_water',
  'other_change',
] as const;
export type Direction = Exclude<(typeof DIRECTION_CODES)[number], 'none'>;

/** Global weights of the change statistic (no per-city values). */
export interface StatisticWeights {
  cva: number;
  vegetationLoss: number;
  bareBuilt: number;
  water: number;
  /** Multiplier where both dates are water (NDWI > 0): turbidity and glint are not human activity. */
  stableWater: number;
  /** Multiplier where T2 is vegetated (NDVI ≥ 0.4): new human structures are rarely green. */
  vegetatedAfter: number;
}

// Measured on OSCD (pixel F1, see the report): additive direction terms lowered F1 (they fire on seasonal
// vegetation), while damping water-to-water and still-green pixels raised it; directions still label patches.
export const DEFAULT_WEIGHTS: StatisticWeights = {
  cva: 1,
  vegetationLoss: 0,
  bareBuilt: 0,
  water: 0,
  stableWater: 0.2,
  vegetatedAfter: 0.5,
};

/** Median and interquartile spread (scaled to a normal sd) of one of the 8 sample columns: robust to change. */
function robustMoments(values: Float32Array, count: number, band: number): [number, number] {
  const column = new Float32Array(count);
  for (let i = 0; i < count; i++) column[i] = values[i * 8 + band] as number;
  column.sort();
  const at = (q: number): number => column[Math.min(count - 1, Math.floor(q * count))] as number;
  return [at(0.5), Math.max(1e-9, (at(0.75) - at(0.25)) / 1.349)];
}

function moments(
  values: Float32Array,
  count: number,
  band: number,
  keep: Uint8Array | null,
): [number, number] {
  let n = 0;
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < count; i++) {
    if (keep && keep[i] === 0) continue;
    const v = values[i * 8 + band] as number;
    n++;
    sum += v;
    sum2 += v * v;
  }
  const mean = n > 0 ? sum / n : 0;
  return [mean, Math.sqrt(Math.max(1e-9, n > 0 ? sum2 / n - mean * mean : 1))];
}

/**
 * Relative radiometric normalisation from samples (8 values per sample: T1 bands then T2 bands): median/IQR
 * matching over all samples, then mean/std matching refitted on the samples whose change under that first fit
 * is below the median (a cheap pseudo-invariant-feature step).
 */
export function fitNormalisation(samples: Float32Array, count: number): Normalisation {
  const fit = (keep: Uint8Array | null, robust = false): Normalisation => {
    const gain: number[] = [];
    const offset: number[] = [];
    const sd2: number[] = [];
    for (let b = 0; b < 4; b++) {
      const [m1, s1] = robust ? robustMoments(samples, count, b) : moments(samples, count, b, keep);
      const [m2, s2] = robust ? robustMoments(samples, count, b + 4) : moments(samples, count, b + 4, keep);
      gain.push(s2 / s1);
      offset.push(m2 - (s2 / s1) * m1);
      sd2.push(s2);
    }
    return { gain, offset, sd2 };
  };
  const all = fit(null);
  if (count < 16) return all;
  // Two candidate first fits, mean/std and median/IQR (a large changed area drags the former): keep the one
  // under which the typical pixel changes least in its own z-units, then refit on the quieter half. (Measured
  // in the common full-scene units instead, the choice flips on two OSCD cities and pooled F1 drops 0.353 → 0.346.)
  const changeUnder = (norm: Normalisation): Float32Array => {
    const change = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      let sum = 0;
      for (let b = 0; b < 4; b++) {
        const t1 = (norm.gain[b] as number) * (samples[i * 8 + b] as number) + (norm.offset[b] as number);
        sum += ((samples[i * 8 + 4 + b] as number) - t1) ** 2 / (norm.sd2[b] as number) ** 2;
      }
      change[i] = sum;
    }
    return change;
  };
  const medianOf = (values: Float32Array): number => Float32Array.from(values).sort()[count >> 1] as number;
  const plain = changeUnder(all);
  const robust = changeUnder(fit(null, true));
  const change = medianOf(robust) < medianOf(plain) ? robust : plain;
  const median = medianOf(change);
  const keep = new Uint8Array(count);
  for (let i = 0; i < count; i++) keep[i] = (change[i] as number) <= median ? 1 : 0;
  const refit = fit(keep);
  // Refitting on the quiet half shrinks the T2 spread; keep the full-scene spread for z-scaling.
  return { ...refit, sd2: all.sd2 };
}

/** The change statistic and direction of one pixel (band values: blue, green, red, nir). */
export function pixelChange(
  t1: readonly number[] | Float32Array,
  t2: readonly number[] | Float32Array,
  norm: Normalisation,
  weights: StatisticWeights,
): { statistic: number; direction: number } {
  const a = [0, 0, 0, 0];
  let cva = 0;
  for (let b = 0; b < 4; b++) {
    a[b] = (norm.gain[b] as number) * (t1[b] as number) + (norm.offset[b] as number);
    cva += (((t2[b] as number) - (a[b] as number)) / (norm.sd2[b] as number)) ** 2;
  }
  cva = Math.sqrt(cva / 4);
  const [b1, g1, r1, n1] = a as [number, number, number, number];
  const b2 = t2[0] as number;
  const g2 = t2[1] as number;
  const r2 = t2[2] as number;
  const n2 = t2[3] as number;
  const ndvi1 = (n1 - r1) / Math.max(1e-6, Math.abs(n1 + r1));
  const ndvi2 = (n2 - r2) / Math.max(1e-6, Math.abs(n2 + r2));
  const ndwi1 = (g1 - n1) / Math.max(1e-6, Math.abs(g1 + n1));
  const ndwi2 = (g2 - n2) / Math.max(1e-6, Math.abs(g2 + n2));
  const sdBright = ((norm.sd2[0] as number) + (norm.sd2[1] as number) + (norm.sd2[2] as number)) / 3;
  const dBright = ((b2 + g2 + r2) / 3 - (b1 + g1 + r1) / 3) / sdBright;
  const vegetationLoss = Math.max(0, ndvi1 - ndvi2) * (ndvi1 > 0.2 ? 1 : 0.5);
  const bareBuilt = Math.max(0, dBright) * (ndvi2 < 0.3 ? 1 : 0.3);
  const water = ndwi2 > 0 ? Math.max(0, ndwi2 - ndwi1) : 0;
  const damping =
    (ndwi1 > 0 && ndwi2 > 0 ? weights.stableWater : 1) * (ndvi2 >= 0.4 ? weights.vegetatedAfter : 1);
  const statistic =
    damping * weights.cva * cva +
    weights.vegetationLoss * vegetationLoss * 4 +
    weights.bareBuilt * bareBuilt +
    weights.water * water * 4;
  let direction = 4;
  if (water > 0.25 && ndwi2 > 0.1) direction = 3;
  else if (ndvi1 - ndvi2 > 0.15 && ndvi1 > 0.2) direction = 1;
  else if (dBright > 0.3 && ndvi2 < 0.35) direction = 2;
  return { statistic, direction };
}
