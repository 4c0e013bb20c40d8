/**
 * Otsu's threshold on a histogram: the bin index t maximising the between-class variance when bins [0, t)
 * form one class and [t, n) the other. Returns the first bin of the upper class (1..n-1), or n when the
 * histogram holds fewer than two distinct non-empty bins.
 */
export function otsuThreshold(histogram: ArrayLike<number>): number {
  const n = histogram.length;
  let total = 0;
  let sumAll = 0;
  for (let i = 0; i < n; i++) {
    const count = histogram[i] ?? 0;
    total += count;
    sumAll += i * count;
  }
  if (total === 0) return n;
  let weightLow = 0;
  let sumLow = 0;
  let best = -1;
  let bestAt = n;
  for (let t = 1; t < n; t++) {
    const count = histogram[t - 1] ?? 0;
    weightLow += count;
    sumLow += (t - 1) * count;
    const weightHigh = total - weightLow;
    if (weightLow === 0 || weightHigh === 0) continue;
    const meanLow = sumLow / weightLow;
    const meanHigh = (sumAll - sumLow) / weightHigh;
    const between = weightLow * weightHigh * (meanLow - meanHigh) ** 2;
    if (between > best) {
      best = between;
      bestAt = t;
    }
  }
  return bestAt;
}

/** Histogram of a byte array (256 bins), skipping the value `skip` when given (e.g. 0 = outside the mask). */
export function byteHistogram(values: Uint8Array, skip: number | null = null): Float64Array {
  const histogram = new Float64Array(256);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    histogram[v] = (histogram[v] as number) + 1;
  }
  if (skip !== null) histogram[skip] = 0;
  return histogram;
}
