import type { PackedPatches } from '../src/core/change/patch-codec.ts';
import type { ChangePatch } from '../src/core/change/patches.ts';
import type { MultiPolygon, Polygon } from 'geojson';
import type { BandRole } from '../src/core/display/band-roles.ts';

/** The app's DetectRequest (src/state/detection.svelte.ts), restated here: workers do not import state. */
export interface DetectRequest {
  t1: Blob;
  t2: Blob;
  t1Roles: BandRole[];
  t2Roles: BandRole[];
  /** Red-line polygons (lon/lat); empty = the whole scene. */
  include: (Polygon | MultiPolygon)[];
  /** Reserves excluded from the search. */
  exclude: (Polygon | MultiPolygon)[];
  /** null = automatic threshold; otherwise 0..1, higher finds more. */
  sensitivity: number | null;
  minAreaM2: number;
}

/** What the detection worker returns: the patches (packed, transferred; see unpackPatches) and the params. */
export interface DetectWorkerResult {
  patches: PackedPatches;
  params: Record<string, unknown>;
}

/** Progress of a run: share 0..1, a short message and the patches completed since the last report. */
export type DetectProgress = (share: number, message: string, newPatches: ChangePatch[]) => void;

/**
 * The change-detection worker (workers/detect.worker.ts): reads the two images from their Blobs block by
 * block (geotiff `fromBlob`), runs src/core/change in strips and reports each strip's new patches. Wrap
 * `onProgress` in `Comlink.proxy`; `cancel(jobId)` rejects the job with a ChangeCancelledError.
 */
export interface DetectApi {
  detect(jobId: number, request: DetectRequest, onProgress?: DetectProgress): Promise<DetectWorkerResult>;
  cancel(jobId: number): void;
}
