import type { FvcSummary } from '../src/core/indicators/fvc.ts';
import type { ClassCounts } from '../src/core/indicators/landcover.ts';
import type { ZoneGeometry } from '../src/core/indicators/raster-job.ts';
import type { VectorAssessmentInput, VectorSums } from '../src/core/indicators/vector.ts';

/** FVC of one scene inside the red lines, per county zone. */
export interface FvcRequest {
  /** The scene's GeoTIFF (a File from OPFS: read block by block, never whole). */
  scene: Blob;
  /** Zero-based band indexes. */
  red: number;
  nir: number;
  zones: ZoneGeometry;
  soilPercent: number;
  vegPercent: number;
}

/** What the worker reports for one scene: the summary and what it read (for traceability). */
export interface FvcResult {
  summary: FvcSummary;
  width: number;
  height: number;
  crs: string;
  seconds: number;
}

/** Class counts of a land-cover raster inside the red lines, per county zone. */
export interface LandCoverRequest {
  scene: Blob;
  band: number;
  zones: ZoneGeometry;
}

/**
 * The assessment worker (workers/indicators.worker.ts): raster jobs (FVC, land cover) and the vector sums, off
 * the main thread. Progress arrives through `onProgress` (wrap it in `Comlink.proxy`); `cancel(jobId)`
 * rejects the job with an AssessmentCancelledError.
 */
export interface AssessApi {
  fvc(jobId: number, request: FvcRequest, onProgress?: (share: number) => void): Promise<FvcResult>;
  landCover(
    jobId: number,
    request: LandCoverRequest,
    onProgress?: (share: number) => void,
  ): Promise<ClassCounts>;
  vector(
    jobId: number,
    input: VectorAssessmentInput,
    onProgress?: (share: number) => void,
  ): Promise<VectorSums>;
  cancel(jobId: number): void;
}
