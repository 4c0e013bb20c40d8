/**
 * What a detection run records about its imagery: radiometry, bands, masks and how the threshold was set.
 * Plain data (stored in the `run` table's params JSON, shown in the app and the verification sheet); codes,
 * never sentences, so the app can say them in Chinese or English.
 */

/** Spectral roles detection uses, in their canonical order (pan/other bands are ignored). */
export const SPECTRAL_ROLES = ['blue', 'green', 'red', 'nir', 'swir1', 'swir2'] as const;
export type SpectralRole = (typeof SPECTRAL_ROLES)[number];

/** Features that need a band the imagery may lack; listed in `featuresOff` when switched off. */
export type FeatureCode =
  /** NDVI (needs NIR): replaced by a visible-band vegetation index (excess green). */
  | 'ndvi'
  /** NDWI water test (needs NIR): the water gate is off. */
  | 'ndwi'
  /** SWIR moisture/bare-soil contrast (needs SWIR 1). */
  | 'swir'
  /** Blue band in the cloud test (haze is blue-bright): clouds are found by whiteness only. */
  | 'cloud_blue';

/** Pixel data type of the files (as stored). */
export type DataTypeName = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

/**
 * How the values were read: integer digital numbers, float reflectance (0–1), or integer reflectance × 10000
 * (a guess from the range; it changes nothing downstream, where every rule is scene-relative).
 */
export type RadiometryKind = 'dn' | 'reflectance' | 'scaled_reflectance';

/** How the change threshold was chosen. */
export type ThresholdMethodUsed = 'kittler_illingworth' | 'robust_z' | 'otsu' | 'fixed';

/** Why the automatic threshold fell back to a robust z (null when it did not). */
export type ThresholdFallback = 'unimodal' | 'change_class_too_small' | 'change_class_too_large' | null;

export interface RunProvenance {
  /** A hint from band count, data type and range, e.g. 'rgb_8bit', 'sentinel2_l1c', 'landsat_6band'; null when unsure. */
  sensorGuess: string | null;
  dataType: DataTypeName;
  /** Bits actually used by integer data (e.g. 12 for values ≤ 4095 in 16-bit); null for floats. */
  bitDepth: number | null;
  /** Smallest and largest value seen in the calibration sample over both dates and all bands used. */
  valueRange: [number, number];
  radiometry: RadiometryKind;
  /** Each band of each date mapped to 0–1 between its own low and high percentiles in the scene. */
  normalisation: 'per_scene_percentile';
  /** The percentiles used by the normalisation. */
  percentiles: [number, number];
  /** Roles used, in the order the engine reads them. */
  roles: SpectralRole[];
  /** 0-based file bands read for each role, per date. */
  bands: { t1: number[]; t2: number[] };
  featuresOff: FeatureCode[];
  /** The vegetation index of the gates and the patch attributes. */
  vegetationIndex: 'ndvi' | 'excess_green';
  /** Cloud and cloud-shadow area masked on each date (estimated from the calibration sample), m². */
  cloudMaskedM2: { t1: number; t2: number };
  /** Acquisition dates when known (YYYY-MM-DD). */
  dates: { t1: string | null; t2: string | null };
  /** True when the two dates fall in different seasons (changes of vegetation may be phenology). */
  seasonWarning: boolean;
  thresholdMethod: ThresholdMethodUsed;
  thresholdFallback: ThresholdFallback;
  /** Share of the calibration sample above the threshold. */
  changeShare: number;
  /** Ground size of a pixel at the scene centre, m. */
  pixelSizeM: number;
  /** Patches flagged as harvest-like vegetation loss (low confidence, still listed). */
  harvestLike: number;
}
