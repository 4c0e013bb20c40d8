/**
 * Automatic thresholds of the change statistic. Both work on a sample of the statistic (the calibration
 * sample of the scene); the user can always replace the result with a fixed value.
 */
import { quantileSorted, robustLocationScale, sortedFinite } from './stats.ts';

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

/** Outcome of {@link kittlerIllingworth}. */
export interface MinimumErrorCut {
  /** The cut (upper edge of the best bin), or NaN when no interior minimum exists. */
  threshold: number;
  /** Share of the values above the cut. */
  upperShare: number;
  /** Ashman's D of the two fitted Gaussians: ≥ 2 means two separable modes. */
  separation: number;
  /**
   * How much better two Gaussians explain the histogram than one (difference of the minimum-error costs, in
   * nats); ≤ 0 for a single Gaussian, whatever the cut (a tail cut alone has a large Ashman's D).
   */
  gain: number;
}

/**
 * Kittler–Illingworth minimum-error threshold: the cut that best explains a histogram as two Gaussians
 * (minimises P₁·ln σ₁ + P₂·ln σ₂ − P₁·ln P₁ − P₂·ln P₂). Unlike a z-score it does not take a fixed share of
 * the scene: a scene with much change gets a lower cut relative to its spread, one with little a higher one.
 * `from` restricts cuts to values above it (the change class is the upper one). Histogram between the 0.1 and
 * 99.9 % quantiles so a few extreme values do not squeeze the bins.
 */
export function kittlerIllingworth(values: ArrayLike<number>, from = -Infinity, bins = 256): MinimumErrorCut {
  const sorted = sortedFinite(values);
  const none = { threshold: Number.NaN, upperShare: 0, separation: 0, gain: 0 };
  if (sorted.length < 100) return none;
  const lo = quantileSorted(sorted, 0.001);
  const hi = quantileSorted(sorted, 0.999);
  if (!(hi > lo)) return none;
  const width = (hi - lo) / bins;
  const hist = new Float64Array(bins);
  for (const v of sorted) {
    const b = Math.max(0, Math.min(bins - 1, Math.floor((v - lo) / width)));
    hist[b] = hist[b]! + 1;
  }
  const total = sorted.length;
  // Prefix sums of count, Σx and Σx² at bin centres.
  const c = new Float64Array(bins + 1);
  const s1 = new Float64Array(bins + 1);
  const s2 = new Float64Array(bins + 1);
  for (let i = 0; i < bins; i += 1) {
    const x = lo + (i + 0.5) * width;
    c[i + 1] = c[i]! + hist[i]!;
    s1[i + 1] = s1[i]! + hist[i]! * x;
    s2[i + 1] = s2[i]! + hist[i]! * x * x;
  }
  const minVar = (width * width) / 12;
  let best = Infinity;
  let bestIndex = -1;
  let bestSep = 0;
  const costs = new Float64Array(bins).fill(Infinity);
  for (let i = 0; i < bins - 1; i += 1) {
    const cut = lo + (i + 1) * width;
    if (cut <= from) continue;
    const n1 = c[i + 1]!;
    const n2 = total - n1;
    if (n1 < 10 || n2 < 10) continue;
    const m1 = s1[i + 1]! / n1;
    const m2 = (s1[bins]! - s1[i + 1]!) / n2;
    const v1 = Math.max(minVar, s2[i + 1]! / n1 - m1 * m1);
    const v2 = Math.max(minVar, (s2[bins]! - s2[i + 1]!) / n2 - m2 * m2);
    const p1 = n1 / total;
    const p2 = n2 / total;
    const j = p1 * 0.5 * Math.log(v1) + p2 * 0.5 * Math.log(v2) - p1 * Math.log(p1) - p2 * Math.log(p2);
    costs[i] = j;
    if (j < best) {
      best = j;
      bestIndex = i;
      bestSep = (Math.SQRT2 * Math.abs(m2 - m1)) / Math.sqrt(v1 + v2);
    }
  }
  if (bestIndex < 0) return none;
  const meanAll = s1[bins]! / total;
  const single = 0.5 * Math.log(Math.max(minVar, s2[bins]! / total - meanAll * meanAll));
  const gain = single - best;
  // A minimum at the edge of the allowed range is no cut between two modes.
  const first = costs.findIndex((v) => Number.isFinite(v));
  let last = bins - 1;
  while (last > 0 && !Number.isFinite(costs[last]!)) last -= 1;
  if (bestIndex === first || bestIndex === last) return { ...none, separation: bestSep, gain };
  const threshold = lo + (bestIndex + 1) * width;
  let above = 0;
  for (const v of sorted) if (v > threshold) above += 1;
  return { threshold, upperShare: above / total, separation: bestSep, gain };
}

/** How the threshold of the change statistic is chosen. */
export type ThresholdSpec =
  | { method: 'robust_z'; k: number }
  | { method: 'otsu' }
  | { method: 'fixed'; value: number }
  /**
   * Scene-adaptive: Kittler–Illingworth on the statistic, falling back to a robust z of `fallbackK` when the
   * distribution shows no second mode; `shift` moves the result by that many robust σ (sensitivity).
   */
  | { method: 'auto'; shift?: number; fallbackK?: number };

/** A resolved threshold and how it was found. */
export interface ResolvedThreshold {
  value: number;
  method: 'kittler_illingworth' | 'robust_z' | 'otsu' | 'fixed';
  fallback: 'unimodal' | 'change_class_too_small' | 'change_class_too_large' | null;
}

/** Limits of the automatic threshold, in robust z (median + z·σ) and in share of the scene. */
export const AUTO_LIMITS = {
  minZ: 1.5,
  maxZ: 6,
  minShare: 0.001,
  maxShare: 0.4,
  minSeparation: 2,
  /** Two Gaussians must lower the minimum-error cost by this much (nats) over one. */
  minGain: 0.02,
};

/** Resolve a threshold spec on a sample of the statistic, saying which method gave it. */
export function resolveThresholdDetailed(spec: ThresholdSpec, sample: ArrayLike<number>): ResolvedThreshold {
  switch (spec.method) {
    case 'fixed':
      return { value: spec.value, method: 'fixed', fallback: null };
    case 'otsu':
      return { value: otsuThreshold(sample), method: 'otsu', fallback: null };
    case 'robust_z':
      return { value: robustZThreshold(sample, spec.k), method: 'robust_z', fallback: null };
    case 'auto': {
      const { median, sigma } = robustLocationScale(sample);
      const shift = (spec.shift ?? 0) * sigma;
      const z = (v: number): number => (sigma > 0 ? (v - median) / sigma : 0);
      // The statistic is log(1 + χ²); on unchanged pixels χ² is chi-square distributed, and its cube root is
      // close to Gaussian (Wilson–Hilferty), which is what a two-Gaussian minimum-error cut assumes.
      const cube = new Float64Array(sample.length);
      for (let i = 0; i < sample.length; i += 1) cube[i] = Math.cbrt(Math.expm1(sample[i]!));
      const raw = kittlerIllingworth(cube, Math.cbrt(Math.expm1(median)));
      const cut = { ...raw, threshold: Math.log1p(raw.threshold ** 3) };
      let fallback: ResolvedThreshold['fallback'] = null;
      if (
        !Number.isFinite(cut.threshold) ||
        cut.separation < AUTO_LIMITS.minSeparation ||
        cut.gain < AUTO_LIMITS.minGain
      )
        fallback = 'unimodal';
      else if (cut.upperShare < AUTO_LIMITS.minShare || z(cut.threshold) > AUTO_LIMITS.maxZ)
        fallback = 'change_class_too_small';
      else if (cut.upperShare > AUTO_LIMITS.maxShare || z(cut.threshold) < AUTO_LIMITS.minZ)
        fallback = 'change_class_too_large';
      if (fallback)
        return { value: median + (spec.fallbackK ?? 2) * sigma + shift, method: 'robust_z', fallback };
      return { value: cut.threshold + shift, method: 'kittler_illingworth', fallback: null };
    }
  }
}

/** Resolve a threshold spec on a sample of the statistic. */
export function resolveThreshold(spec: ThresholdSpec, sample: ArrayLike<number>): number {
  return resolveThresholdDetailed(spec, sample).value;
}
