/**
 * Parameters of a detection run: one global set (never per scene; pixel-size dependent ones scale with the
 * pixel, see resolution.ts), recorded as a plain object in the `run` table. Every field can be overridden;
 * `resolveParams` fills and checks the rest.
 */
import type { ThresholdSpec } from '../raster/threshold.ts';
import { DetectInputError } from './types.ts';

/**
 * Pixel gates: a pixel cannot be "change of interest" when its dates look like these. null disables a gate.
 * Every index is computed on scene-normalised bands (each band mapped to 0–1 between its own percentiles), and
 * the vegetation and brightness gates are quantiles of the scene's own distribution (both dates pooled), so
 * no gate depends on a sensor's scale.
 */
export interface GateParams {
  /** Water at both dates (normalised NDWI > this at T1 and T2): turbidity, tide, glint. Off without NIR. */
  waterBoth: number | null;
  /** Vegetated at both dates: vegetation index above this quantile of the scene at T1 and T2 (phenology). */
  vegetatedBoth: number | null;
  /** Bright at both dates: brightness above this quantile of the scene at T1 and T2 (roofs changing tone). */
  brightBoth: number | null;
  /** Dense vegetation at T2: vegetation index above this quantile of the scene (regrowth, crops). */
  vegetatedAfter: number | null;
}

export interface DetectParams {
  /** Core tile size in pixels (tiles are read with a halo around them). */
  tileSize: number;
  /** Radius of the mean filter applied to the change statistic (1 = 3×3). */
  smoothRadius: number;
  /** Threshold of the smoothed statistic: scene-adaptive (auto), robust z, Otsu, or a fixed value. */
  threshold: ThresholdSpec;
  gates: GateParams;
  /** Low and high percentiles (0–100) of the per-scene band normalisation. */
  percentiles: [number, number];
  /** Mask clouds and cloud shadows on each date. */
  cloudMask: boolean;
  /** Morphological opening then closing radii (0 = off). */
  openRadius: number;
  closeRadius: number;
  /** Minimum mapping unit, m². */
  minAreaM2: number;
  /** Drop patches whose mean z-score is below this (null = keep all above the pixel threshold). */
  minPatchScore: number | null;
  /**
   * Drop patches whose mean z-score exceeds the scene's threshold by less than this many robust σ (null =
   * off): a patch that only just crosses the cut on average is mostly noise around it.
   */
  patchMarginZ: number | null;
  /** Douglas–Peucker tolerance of the output polygons, in pixels. */
  simplifyPx: number;
  /** Calibration sample: at most this many pixels, read as windows of `sampleWindow` pixels. */
  samplePixels: number;
  sampleWindow: number;
  /** Pixels used to fit IR-MAD and the normalisation (evenly spaced in the sample). */
  fitPixels: number;
}

/** The global parameter set (docs/detection.md says how it was chosen); pixel-size dependent ones scale. */
export const DEFAULT_DETECT_PARAMS: DetectParams = {
  tileSize: 512,
  smoothRadius: 1,
  threshold: { method: 'auto' },
  gates: { waterBoth: 0.3, vegetatedBoth: 0.7, brightBoth: 0.97, vegetatedAfter: 0.85 },
  percentiles: [1, 99],
  cloudMask: true,
  openRadius: 0,
  closeRadius: 0,
  minAreaM2: 3000,
  minPatchScore: null,
  patchMarginZ: 0.25,
  simplifyPx: 1,
  samplePixels: 1 << 20,
  sampleWindow: 256,
  fitPixels: 200_000,
};

/** Overrides accepted by {@link resolveParams}: any field, gates one by one. */
export type DetectParamsInput = Partial<Omit<DetectParams, 'gates'>> & { gates?: Partial<GateParams> };

function check(ok: boolean, message: string): void {
  if (!ok) throw new DetectInputError('bad_parameter', { message });
}

/** Defaults + overrides, validated. */
export function resolveParams(input: DetectParamsInput = {}): DetectParams {
  const p: DetectParams = {
    ...DEFAULT_DETECT_PARAMS,
    ...input,
    gates: { ...DEFAULT_DETECT_PARAMS.gates, ...input.gates },
  };
  check(Number.isInteger(p.tileSize) && p.tileSize >= 16, 'tileSize must be an integer ≥ 16');
  for (const key of ['smoothRadius', 'openRadius', 'closeRadius'] as const)
    check(Number.isInteger(p[key]) && p[key] >= 0 && p[key] <= 16, `${key} must be an integer 0–16`);
  check(p.minAreaM2 >= 0, 'minAreaM2 must be ≥ 0');
  const [plo, phi] = p.percentiles;
  check(plo >= 0 && phi <= 100 && phi - plo >= 10, 'percentiles must be 0 ≤ low < high ≤ 100, 10 apart');
  for (const key of ['vegetatedBoth', 'brightBoth', 'vegetatedAfter'] as const) {
    const q = p.gates[key];
    check(q === null || (q >= 0 && q <= 1), `gates.${key} is a quantile 0–1 or null`);
  }
  check(
    p.patchMarginZ === null || (Number.isFinite(p.patchMarginZ) && p.patchMarginZ >= 0),
    'patchMarginZ must be a number ≥ 0 or null',
  );
  check(p.simplifyPx >= 0, 'simplifyPx must be ≥ 0');
  check(p.samplePixels >= 4096 && p.fitPixels >= 100, 'sample sizes too small');
  if (p.threshold.method === 'robust_z')
    check(Number.isFinite(p.threshold.k), 'threshold.k must be a number');
  if (p.threshold.method === 'fixed')
    check(Number.isFinite(p.threshold.value), 'threshold.value must be a number');
  return p;
}

/** Pixels of context each tile needs around its core so that tiled results equal whole-scene results. */
export function haloOf(p: DetectParams): number {
  return p.smoothRadius + 2 * p.openRadius + 2 * p.closeRadius;
}
