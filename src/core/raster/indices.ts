/**
 * Per-pixel spectral indices. Inputs are reflectance-like bands (any scale, the same for all bands);
 * outputs are Float32Array. Pixels where both inputs are 0 give 0 (no division by zero).
 */
import type { BandArray } from './types.ts';

/** (a − b) / (a + b) per pixel. */
export function normalisedDifference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  out?: Float32Array,
): Float32Array {
  const n = a.length;
  const result = out ?? new Float32Array(n);
  for (let i = 0; i < n; i += 1) {
    const x = a[i]!;
    const y = b[i]!;
    const s = x + y;
    result[i] = s === 0 ? 0 : (x - y) / s;
  }
  return result;
}

/** NDVI = (nir − red) / (nir + red): high on vegetation, ≈ 0 on soil and built-up, < 0 on water. */
export function ndvi(red: ArrayLike<number>, nir: ArrayLike<number>, out?: Float32Array): Float32Array {
  return normalisedDifference(nir, red, out);
}

/** McFeeters NDWI = (green − nir) / (green + nir): > 0 on open water. */
export function ndwi(green: ArrayLike<number>, nir: ArrayLike<number>, out?: Float32Array): Float32Array {
  return normalisedDifference(green, nir, out);
}

/**
 * Brightness = mean of the bands, in the bands' own scale. With blue, green, red, nir it is high on bare soil,
 * sand, concrete and new roofs, low on water and dense vegetation: the bare/built-up measure of the pipeline.
 */
export function brightness(
  bands: readonly BandArray[] | readonly Float32Array[],
  out?: Float32Array,
): Float32Array {
  const first = bands[0];
  if (!first) return out ?? new Float32Array(0);
  const n = first.length;
  const result = out ?? new Float32Array(n);
  result.fill(0);
  for (const band of bands) for (let i = 0; i < n; i += 1) result[i] = result[i]! + band[i]!;
  const inv = 1 / bands.length;
  for (let i = 0; i < n; i += 1) result[i] = result[i]! * inv;
  return result;
}
