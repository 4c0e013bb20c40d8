import type { MultiPolygon, Polygon } from 'geojson';
import type { Calibration } from '../src/core/detect/features.ts';
import type { DetectParams, DetectParamsInput } from '../src/core/detect/params.ts';
import type { TileJob, TileResult } from '../src/core/detect/tile-work.ts';
import type { DetectProgress, PatchFeature } from '../src/core/detect/types.ts';

/** A detection job: two dates of imagery (File/Blob or bytes), optional search region, parameter overrides. */
export interface DetectRequest {
  jobId: string;
  /** Earlier date. ArrayBuffers are wrapped in a Blob once, so helper workers share them without copies. */
  t1: Blob | ArrayBuffer;
  t2: Blob | ArrayBuffer;
  /** 0-based file bands holding blue, green, red, nir (default 0, 1, 2, 3). */
  bands?: [number, number, number, number];
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
  bands: [number, number, number, number];
  jobs: TileJob[];
  calibration: Calibration;
  params: DetectParams;
}

/** The raster worker (workers/raster.worker.ts). The same module also serves as a helper worker. */
export interface RasterApi {
  /** Run change detection; `onProgress` (a Comlink.proxy) gets per-tile progress with the patches just finished. */
  detect(request: DetectRequest, onProgress?: (progress: DetectProgress) => void): Promise<DetectResponse>;
  /** Cancel a running job; its `detect` call rejects with a DetectCancelledError message. */
  cancel(jobId: string): void;
  /** Helper role: compute tiles, handing each result (buffers transferred) to `deliver`. */
  computeTiles(request: TileWorkRequest, deliver: (result: TileResult) => void): Promise<void>;
}
