/**
 * Harvest-like vegetation loss: a large, compact patch that was among the scene's greenest at T1, lost most of
 * that green, and kept its brightness. Fields harvested or mown look like this; clearing for building or
 * mining brightens the ground. Such patches stay listed with a flag and lower confidence, never dropped.
 */
import type { GateValues } from './features.ts';
import type { PatchFeatures } from './types.ts';

export const HARVEST = {
  /** At least this large, m²… */
  minAreaM2: 5000,
  /** …compact (elongation below, fill above)… */
  maxElongation: 3,
  minFill: 0.5,
  /** …brightness change within this (normalised units, 1 = the scene's dark-to-bright range)… */
  maxBrightnessChange: 0.08,
  /** …and the vegetation index fell by at least this share of the way from T1 to the scene's median. */
  minGreenLoss: 0.5,
};

/** True when a patch looks like harvest. `gates` are the scene's gate values; `vegMedian` its median index. */
export function harvestLike(f: PatchFeatures, gates: GateValues, vegMedian: number): boolean {
  const green = gates.vegetatedBoth;
  if (green === null || !(f.ndviT1 >= green)) return false;
  if (f.areaM2 < HARVEST.minAreaM2 || f.elongation >= HARVEST.maxElongation || f.fill < HARVEST.minFill)
    return false;
  if (Math.abs(f.brightnessT2 - f.brightnessT1) > HARVEST.maxBrightnessChange) return false;
  return f.ndviT1 - f.ndviT2 >= HARVEST.minGreenLoss * (f.ndviT1 - vegMedian);
}
