/**
 * Detector properties of a patch merged from parts of several tiles: counts and areas add up, means are
 * weighted by pixel count, the strongest score is kept; type, rule, confidence, shape and flag are those of the
 * largest part (the classification rules need the per-tile threshold, which differs between tiles).
 */
import type { PatchProperties } from '../detect/types.ts';

const r3 = (v: number): number => Math.round(v * 1000) / 1000;

const MEANS = [
  'score',
  'ndvi_t1',
  'ndvi_t2',
  'ndwi_t1',
  'ndwi_t2',
  'brightness_t1',
  'brightness_t2',
] as const satisfies readonly (keyof PatchProperties)[];

export function mergedProperties(parts: readonly PatchProperties[]): PatchProperties {
  if (parts.length === 0) throw new RangeError('no parts to merge');
  if (parts.length === 1) return { ...parts[0]! };
  let largest = parts[0]!;
  for (const p of parts) if (p.pixel_count > largest.pixel_count) largest = p;
  const pixels = parts.reduce((sum, p) => sum + p.pixel_count, 0);
  const out: PatchProperties = {
    ...largest,
    max_score: Math.max(...parts.map((p) => p.max_score)),
    pixel_count: pixels,
    area_m2: parts.reduce((sum, p) => sum + p.area_m2, 0),
  };
  for (const key of MEANS) {
    const values = parts.map((p) => p[key]);
    // NaN (no water index without NIR) stays NaN.
    out[key] = r3(parts.reduce((sum, p, i) => sum + values[i]! * p.pixel_count, 0) / Math.max(pixels, 1));
  }
  return out;
}
