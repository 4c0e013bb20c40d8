/**
 * Inputs and outputs of the change-detection pipeline. The pipeline is pure: imagery comes in through
 * `readWindow` callbacks, so the same code runs in Node (batch, evaluation) and in a browser worker.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { BandArray, Geotransform, PixelWindow } from '../raster/types.ts';
import type { DataTypeName, SpectralRole } from './provenance.ts';

/** One date of imagery on the detection grid, bands already in canonical role order (see DetectInput.roles). */
export interface RasterSource {
  width: number;
  height: number;
  /** Pixel value meaning "no data" (in any band), or null. */
  nodata: number | null;
  /**
   * Read the bands of a window (role order), each `window width × height`, row-major. A source
   * may fill and return `into` (arrays from an earlier read of the same size) instead of allocating.
   */
  readWindow(window: PixelWindow, signal?: AbortSignal, into?: BandArray[]): Promise<BandArray[]>;
}

/** Region to search, per window: 1 = inside, 0 = outside; null = the whole window is inside. */
export type WindowMask = (window: PixelWindow) => Uint8Array | null;

/** Everything the pipeline needs besides its parameters. */
export interface DetectInput {
  t1: RasterSource;
  t2: RasterSource;
  /** Geotransform of the common grid (map units of the imagery's CRS). */
  geotransform: Geotransform;
  /** Map coordinates → [lon, lat]. Omit when the grid is already in lon/lat (EPSG:4326 / CGCS2000 geographic). */
  toLonLat?: (x: number, y: number) => [number, number];
  /** Search region (red lines minus reserves); the whole scene when absent. */
  mask?: WindowMask;
  /** Roles of the bands the sources return, in canonical order (default blue, green, red, nir). */
  roles?: SpectralRole[];
  /** 0-based file bands behind `roles`, per date (recorded in the provenance only). */
  fileBands?: { t1: number[]; t2: number[] };
  /** Acquisition dates (YYYY-MM-DD) when known: the season warning needs them. */
  dates?: { t1?: string | null; t2?: string | null };
  /** Data type of the files as stored (else taken from the arrays read). */
  dataType?: DataTypeName;
}

/** Change directions (shared codes). */
export type ChangeDirection = 'vegetation_loss' | 'new_bare_built' | 'new_water' | 'other_change';
/** Human-activity types (shared codes). */
export type ActivityCode =
  'mining' | 'industry' | 'energy' | 'tourism' | 'transport' | 'other' | 'aquaculture';
/** Problem types (shared codes). */
export type ProblemCode = 'occupy_space' | 'vegetation_damage' | 'function_impact' | 'other';

/**
 * Per-patch spectral and shape features (means over the patch's pixels). Indices are on scene-normalised
 * bands: "ndvi" is the vegetation index (NDVI, or excess green without NIR), "ndwi" NaN without NIR,
 * brightness the mean normalised band (0 ≈ the scene's dark end, 1 ≈ its bright end).
 */
export interface PatchFeatures {
  pixelCount: number;
  areaM2: number;
  meanZ: number;
  maxZ: number;
  ndviT1: number;
  ndviT2: number;
  ndwiT1: number;
  ndwiT2: number;
  brightnessT1: number;
  brightnessT2: number;
  /** sqrt(λ1/λ2) of the pixel-coordinate covariance: 1 = round/square, large = long and thin. */
  elongation: number;
  /** Pixels / bounding-box pixels. */
  fill: number;
}

/** Properties written on each detected patch. */
export interface PatchProperties {
  /** Mean robust z-score of the change statistic over the patch (higher = stronger change). */
  score: number;
  max_score: number;
  direction: ChangeDirection;
  activity_type: ActivityCode;
  /** 0–1: how much the (transparent, rule-based) activity suggestion should be trusted. */
  activity_conf: number;
  problem_type: ProblemCode;
  /** Id of the activity rule that fired (see classify-rules.ts). */
  rule: string;
  pixel_count: number;
  /** Approximate area: pixel count × pixel area at the patch centre. */
  area_m2: number;
  ndvi_t1: number;
  ndvi_t2: number;
  ndwi_t1: number;
  ndwi_t2: number;
  brightness_t1: number;
  brightness_t2: number;
  elongation: number;
  /** Set when the patch looks like harvest or mowing (low confidence; still listed, never dropped). */
  flag?: PatchFlag;
}

/** Flags of a patch that lower its confidence. */
export type PatchFlag = 'harvest_like';

/** A detected patch (图斑) in lon/lat. */
export type PatchFeature = Feature<Polygon | MultiPolygon, PatchProperties>;

/** Progress of a run; `patches` holds the patches completed by the tile just finished. */
export interface DetectProgress {
  phase: 'calibrate' | 'tiles' | 'finish';
  done: number;
  total: number;
  patches?: PatchFeature[];
}

/** Thrown when a run is cancelled through its AbortSignal. */
export class DetectCancelledError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('detection cancelled', options);
    this.name = 'DetectCancelledError';
  }
}

/**
 * Codes of bad input (the app and the CLI turn them into words; core never writes sentences):
 * roles_missing, roles_duplicate, roles_differ, band_count_differs, band_out_of_range (see app-request.ts);
 * no_georef (a file has no geotransform), no_crs (no or an unsupported CRS), no_overlap (the footprints do
 * not overlap), grid_mismatch (sources on different grids), too_few_valid (under 1000 pixels with data at both
 * dates), dates_unrelated (the bands of the two dates cannot be related: constant or collinear), bad_parameter,
 * internal (a bug: an executor lost tiles).
 */
export type DetectInputCode =
  | 'roles_missing'
  | 'roles_duplicate'
  | 'roles_differ'
  | 'band_count_differs'
  | 'band_out_of_range'
  | 'no_georef'
  | 'no_crs'
  | 'no_overlap'
  | 'grid_mismatch'
  | 'too_few_valid'
  | 'dates_unrelated'
  | 'bad_parameter'
  | 'internal';

/** Plain details of a bad input (numbers, role names, dates 't1'/'t2'). */
export type DetectInputDetails = Record<string, string | number | boolean | string[] | null>;

/** Thrown when inputs do not fit; `code` says what, `details` the values involved. */
export class DetectInputError extends Error {
  readonly code: DetectInputCode;
  readonly details: DetectInputDetails;
  constructor(code: DetectInputCode, details: DetectInputDetails = {}, options?: { cause?: unknown }) {
    super(`${code} ${JSON.stringify(details)}`, options);
    this.name = 'DetectInputError';
    this.code = code;
    this.details = details;
  }
}
