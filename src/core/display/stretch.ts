/** A typed array of pixel values of one band. */
export type BandArray =
  Uint8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** True when a value is nodata: the declared nodata value, NaN, or (for unsigned imagery without one) 0. */
export function isNoData(value: number, nodata: number | null): boolean {
  if (Number.isNaN(value)) return true;
  return nodata === null ? false : value === nodata;
}

/**
 * Percentiles of a band, ignoring nodata. Sorting a sample is enough for a display stretch: we take at most
 * `maxSamples` evenly spaced values so the cost does not grow with the window.
 */
export function bandPercentiles(
  values: BandArray,
  nodata: number | null,
  percents: readonly number[],
  maxSamples = 200_000,
): number[] {
  const step = Math.max(1, Math.floor(values.length / maxSamples));
  const sample: number[] = [];
  for (let i = 0; i < values.length; i += step) {
    const value = values[i] ?? Number.NaN;
    if (!isNoData(value, nodata)) sample.push(value);
  }
  if (sample.length === 0) return percents.map(() => 0);
  sample.sort((a, b) => a - b);
  return percents.map((p) => {
    const index = Math.min(sample.length - 1, Math.max(0, Math.round((p / 100) * (sample.length - 1))));
    return sample[index] ?? 0;
  });
}

/** Linear stretch of each of three bands between its min and max into 8-bit RGBA; nodata is transparent. */
export function stretchToRgba(
  bands: readonly [BandArray, BandArray, BandArray],
  min: readonly [number, number, number],
  max: readonly [number, number, number],
  nodata: number | null,
): Uint8ClampedArray<ArrayBuffer> {
  const length = bands[0].length;
  const out = new Uint8ClampedArray(length * 4);
  const scale = [0, 1, 2].map((b) => 255 / Math.max(1e-9, (max[b] ?? 1) - (min[b] ?? 0)));
  for (let i = 0; i < length; i += 1) {
    let empty = true;
    for (let b = 0; b < 3; b += 1) {
      const value = bands[b]?.[i] ?? Number.NaN;
      if (!isNoData(value, nodata)) empty = false;
      out[i * 4 + b] = (value - (min[b] ?? 0)) * (scale[b] ?? 1);
    }
    out[i * 4 + 3] = empty ? 0 : 255;
  }
  return out;
}
