import type { MultiPolygon, Polygon } from 'geojson';
import type { BandRole } from '../src/core/display/band-roles.ts';
import type { DetectPlan } from '../src/core/detect/app-request.ts';
import type { Calibration } from '../src/core/detect/features.ts';
import type { DetectParams, DetectParamsInput } from '../src/core/detect/params.ts';
import type { TileJob, TileResult } from '../src/core/detect/tile-work.ts';
import type { RunProvenance } from '../src/core/detect/provenance.ts';
import type { DetectProgress, PatchFeature } from '../src/core/detect/types.ts';

/** A detection job: two dates of imagery (File/Blob or bytes), optional search region, parameter overrides. */
export interface DetectRequest {
  jobId: string;
  /** Earlier date. ArrayBuffers are wrapped in a Blob once, so helper workers share them without copies. */
  t1: Blob | ArrayBuffer;
  t2: Blob | ArrayBuffer;
  /**
   * Band roles per date, one per file band ('pan' and 'other' ignored). Bad roles reject with a
   * DetectInputError code (see src/core/detect/app-request.ts). Default: guessed from the band count.
   */
  roles?: { t1: BandRole[]; t2: BandRole[] };
  /** Older callers: 0-based file bands of blue, green, red, nir for both dates (ignored when `roles` is set). */
  bands?: [number, number, number, number];
  /** Acquisition dates (YYYY-MM-DD) when known: the season warning needs both. */
  dates?: { t1?: string; t2?: string };
  params?: DetectParamsInput;
  /** Red lines (include) minus nature reserves (exclude), lon/lat. The whole scene when absent. */
  region?: { include?: (Polygon | MultiPolygon)[]; exclude?: (Polygon | MultiPolygon)[] };
  /** Helper workers for tile work (default: one per core; 0 = all work in this worker). */
  helpers?: number;
}

/** The outcome of a job: patches plus what the `run` table records. */
export interface DetectResponse {
  jobId: string;
  patches: PatchFeature[];
  /** Resolved parameters (plain data, for `run.params`). */
  params: DetectParams;
  calibration: Calibration;
  /** Radiometry, bands, clouds and threshold of the run (for `run.params` and the verification sheet). */
  provenance: RunProvenance;
  /** Name of the detection grid's CRS (T2's). */
  crs: string;
  width: number;
  height: number;
  stats: { tiles: number; components: number; patches: number; seconds: number; helpers: number };
}

/** Work a coordinator hands to a helper worker: compute tiles of two images with a given calibration. */
export interface TileWorkRequest {
  jobId: string;
  t1: Blob;
  t2: Blob;
  /** The coordinator's plan (bands read per date, roles). */
  plan: DetectPlan;
  jobs: TileJob[];
  calibration: Calibration;
  params: DetectParams;
}

/** The raster worker (workers/raster.worker.ts). The same module also serves as a helper worker. */
export interface RasterApi {
  /**
   * Run change detection; `onProgress` (a Comlink.proxy) gets per-tile progress with the patches just finished.
   * Bad input rejects with an error named DetectInputError whose `code` and `details` survive the worker
   * boundary (read them with `detectInputErrorOf` in src/state/detect-client.ts).
   */
  detect(request: DetectRequest, onProgress?: (progress: DetectProgress) => void): Promise<DetectResponse>;
  /** Cancel a running job; its `detect` call rejects with a DetectCancelledError message. */
  cancel(jobId: string): void;
  /** Helper role: compute tiles, handing each result (buffers transferred) to `deliver`. */
  computeTiles(request: TileWorkRequest, deliver: (result: TileResult) => void): Promise<void>;
}
