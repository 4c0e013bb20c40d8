/** Order statistics and distribution functions used to calibrate the change statistic. */

/** Sorted copy of the finite values (typed-array sort is numeric). */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i += 1) if (Number.isFinite(values[i]!)) n += 1;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i]!;
    if (Number.isFinite(v)) out[j++] = v;
  }
  return out.sort();
}

/** Quantile (0–1) of a sorted array by linear interpolation; NaN when empty. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = Math.min(n - 1, Math.max(0, q * (n - 1)));
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** The k-th smallest value (0-based) of `a`, partially reordering `a` in place (Hoare quickselect). */
export function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    // Median of three as pivot keeps sorted or constant inputs linear.
    const mid = (lo + hi) >> 1;
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i += 1;
      while (a[j]! > pivot) j -= 1;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/** Median of the finite values (the mean of the two middle ones for an even count); NaN when empty. */
export function median(values: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < values.length; i += 1) if (Number.isFinite(values[i]!)) n += 1;
  if (n === 0) return Number.NaN;
  const a = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i += 1) if (Number.isFinite(values[i]!)) a[j++] = values[i]!;
  const hi = selectKth(a, n >> 1);
  if (n % 2 === 1) return hi;
  // The lower middle is the largest value left of the upper middle after selection.
  let lo = -Infinity;
  for (let i = 0; i < n >> 1; i += 1) if (a[i]! > lo) lo = a[i]!;
  return (lo + hi) / 2;
}

/** Median and MAD scaled to a normal σ (1.4826 · median |x − median|), in linear time. */
export function robustLocationScale(values: ArrayLike<number>): { median: number; sigma: number } {
  const m = median(values);
  const dev = new Float64Array(values.length);
  for (let i = 0; i < values.length; i += 1) dev[i] = Math.abs(values[i]! - m);
  return { median: m, sigma: 1.4826 * median(dev) };
}

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for x > 0.
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i += 1) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised lower incomplete gamma P(a, x). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const lg = logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 500; n += 1) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - lg);
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i += 1) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return 1 - Math.exp(-x + a * Math.log(x) - lg) * h;
}

/** CDF of the chi-square distribution with k degrees of freedom (closed form for even k). */
export function chiSquareCdf(x: number, k: number): number {
  if (x <= 0) return 0;
  if (k % 2 === 0 && k <= 40) {
    const h = x / 2;
    let term = 1;
    let sum = 1;
    for (let i = 1; i < k / 2; i += 1) {
      term *= h / i;
      sum += term;
    }
    return 1 - Math.exp(-h) * sum;
  }
  return gammaP(k / 2, x / 2);
}
