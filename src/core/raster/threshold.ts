/**
 * Automatic thresholds of the change statistic. Both work on a sample of the statistic (the calibration
 * sample of the scene); the user can always replace the result with a fixed value.
 */
import { robustLocationScale, sortedFinite } from './stats.ts';

/**
 * Otsu's threshold: the cut maximising the between-class variance of a histogram of `values`
 * (`bins` equal-width bins between the min and max). Returns the upper edge of the best bin.
 */
export function otsuThreshold(values: ArrayLike<number>, bins = 256): number {
  const sorted = sortedFinite(values);
  if (sorted.length === 0) return Number.NaN;
  const lo = sorted[0]!;
  const hi = sorted[sorted.length - 1]!;
  if (hi === lo) return lo;
  const width = (hi - lo) / bins;
  const hist = new Float64Array(bins);
  for (const v of sorted) {
    const b = Math.min(bins - 1, Math.floor((v - lo) / width));
    hist[b] = hist[b]! + 1;
  }
  const total = sorted.length;
  let sumAll = 0;
  for (let i = 0; i < bins; i += 1) sumAll += i * hist[i]!;
  let w0 = 0;
  let sum0 = 0;
  let best = -1;
  let bestIndex = 0;
  for (let i = 0; i < bins - 1; i += 1) {
    w0 += hist[i]!;
    sum0 += i * hist[i]!;
    const w1 = total - w0;
    if (w0 === 0 || w1 === 0) continue;
    const m0 = sum0 / w0;
    const m1 = (sumAll - sum0) / w1;
    const between = w0 * w1 * (m0 - m1) ** 2;
    if (between > best) {
      best = between;
      bestIndex = i;
    }
  }
  return lo + (bestIndex + 1) * width;
}

/** Robust z threshold: median + k · σ̂ with σ̂ = 1.4826 · MAD. Suited to rare change (a few % of pixels). */
export function robustZThreshold(values: ArrayLike<number>, k: number): number {
  const { median, sigma } = robustLocationScale(values);
  return median + k * sigma;
}

/** How the threshold of the change statistic is chosen. */
export type ThresholdSpec =
  { method: 'robust_z'; k: number } | { method: 'otsu' } | { method: 'fixed'; value: number };

/** Resolve a threshold spec on a sample of the statistic. */
export function resolveThreshold(spec: ThresholdSpec, sample: ArrayLike<number>): number {
  switch (spec.method) {
    case 'fixed':
      return spec.value;
    case 'otsu':
      return otsuThreshold(sample);
    case 'robust_z':
      return robustZThreshold(sample, spec.k);
  }
}
