/**
 * The transparent rule set that turns a patch's spectral and shape features into a change direction, a
 * suggested activity type and a problem type. Rules are data, read top to bottom; the first that matches
 * wins. Indices are on scene-normalised bands (each band 0 at its low and 1 at its high percentile in the
 * scene): NDVI/NDWI unitless (NDVI is excess green without NIR; NDWI is NaN without NIR, so no water rule fires),
 * brightness = the mean normalised band (0 ≈ the scene's dark end, 1 ≈ its bright end), area in m².
 * They are deliberately simple and meant to be reviewed by experts, not trusted blindly.
 */
import type { ActivityCode, ChangeDirection, PatchFeatures, ProblemCode } from './types.ts';

/** Water when NDWI is above this and the pixel is dark (see isWater); vegetated when NDVI is above VEGETATED. */
export const WATER = 0.3;
export const VEGETATED = 0.3;
/** Water is dark in every band: mean normalised band below this. */
export const WATER_DARK = 0.4;

const isWater = (ndwi: number, brightness: number): boolean => ndwi > WATER && brightness < WATER_DARK;

export interface DirectionRule {
  direction: ChangeDirection;
  why: string;
  when: (f: PatchFeatures) => boolean;
}

export const DIRECTION_RULES: readonly DirectionRule[] = [
  {
    direction: 'new_water',
    why: 'dark with NDWI above 0.3 at T2, not at T1',
    when: (f) => isWater(f.ndwiT2, f.brightnessT2) && !isWater(f.ndwiT1, f.brightnessT1),
  },
  {
    direction: 'vegetation_loss',
    why: 'vegetated at T1 (NDVI ≥ 0.3) and NDVI fell by ≥ 0.1',
    when: (f) => f.ndviT1 >= VEGETATED && f.ndviT1 - f.ndviT2 >= 0.1,
  },
  {
    direction: 'new_bare_built',
    why: 'T2 is neither water nor vegetated (bare soil, rock, roofs, paving)',
    when: (f) => f.ndviT2 < VEGETATED && !isWater(f.ndwiT2, f.brightnessT2),
  },
  { direction: 'other_change', why: 'none of the above', when: () => true },
];

export interface ActivityRule {
  id: string;
  /** Directions this rule applies to (all when omitted). */
  directions?: readonly ChangeDirection[];
  when: (f: PatchFeatures) => boolean;
  activity: ActivityCode;
  problem: ProblemCode;
  /** Base confidence of the suggestion, scaled by the change strength in classify.ts. */
  confidence: number;
  why: string;
}

const always = (): boolean => true;

export const ACTIVITY_RULES: readonly ActivityRule[] = [
  {
    id: 'pond',
    directions: ['new_water'],
    when: (f) => f.elongation < 3 && f.areaM2 <= 200_000,
    activity: 'aquaculture',
    problem: 'occupy_space',
    confidence: 0.5,
    why: 'new compact water body up to 20 ha: ponds (养殖)',
  },
  {
    id: 'new_lake',
    directions: ['new_water'],
    when: always,
    activity: 'other',
    problem: 'function_impact',
    confidence: 0.4,
    why: 'large or irregular new water: artificial lake or reservoir (人造湖)',
  },
  {
    id: 'reclamation',
    directions: ['new_bare_built', 'other_change'],
    when: (f) => isWater(f.ndwiT1, f.brightnessT1),
    activity: 'other',
    problem: 'occupy_space',
    confidence: 0.5,
    why: 'water at T1 became land: reclamation or filled shoreline (围填海/破坏自然岸线)',
  },
  {
    id: 'linear',
    directions: ['new_bare_built', 'vegetation_loss'],
    when: (f) => f.elongation >= 4,
    activity: 'transport',
    problem: 'occupy_space',
    confidence: 0.5,
    why: 'long and thin (elongation ≥ 4): road, railway, pipeline corridor',
  },
  {
    id: 'dark_array',
    directions: ['new_bare_built'],
    when: (f) => f.brightnessT2 < 0.2 && f.ndviT2 < 0.15 && f.fill >= 0.6 && f.areaM2 >= 10_000,
    activity: 'energy',
    problem: 'occupy_space',
    confidence: 0.35,
    why: 'dark, compact, ≥ 1 ha, unvegetated: photovoltaic array',
  },
  {
    id: 'bright_bare',
    directions: ['new_bare_built', 'vegetation_loss'],
    when: (f) => f.brightnessT2 >= 0.7 && f.ndviT2 < 0.15 && f.areaM2 >= 10_000,
    activity: 'mining',
    problem: 'vegetation_damage',
    confidence: 0.35,
    why: 'very bright bare ground ≥ 1 ha: quarry, open pit or sand extraction',
  },
  {
    id: 'large_site',
    directions: ['new_bare_built'],
    when: (f) => f.areaM2 >= 20_000,
    activity: 'industry',
    problem: 'occupy_space',
    confidence: 0.35,
    why: 'new bare/built surface ≥ 2 ha: industrial or construction site',
  },
  {
    id: 'small_building',
    directions: ['new_bare_built'],
    when: always,
    activity: 'other',
    problem: 'occupy_space',
    confidence: 0.3,
    why: 'small new bare/built surface: buildings (e.g. 别墅) or yards',
  },
  {
    id: 'clearing',
    directions: ['vegetation_loss'],
    when: always,
    activity: 'other',
    problem: 'vegetation_damage',
    confidence: 0.4,
    why: 'vegetation removed: clearing of forest/grass (毁林/毁草)',
  },
  {
    id: 'unexplained',
    when: always,
    activity: 'other',
    problem: 'other',
    confidence: 0.2,
    why: 'a change with no clear signature',
  },
];
