import type { ImportErrorData, ImportWarning } from '../src/io/import-error.ts';

/** A vector layer read into lon/lat, ready for the map, DuckDB and the project store. */
export interface LayerReadResult {
  layerId: string;
  name: string;
  sourceFiles: string[];
  /**
   * The features are not sent: the page parses `normalized` instead. Measured on a 200,000-polygon layer,
   * structured cloning the feature objects cost ~5 s in the worker and ~12 s on the page's thread (JSON.parse of
   * the same bytes: ~1 s), and held a second serialized copy of the layer.
   */
  featureCount: number;
  /** Arrow IPC stream of the `feature` rows (layer_id, fid, props, geom WKB, bbox). */
  ipc: Uint8Array;
  /** The layer as normalised lon/lat GeoJSON, stored in OPFS so a reload re-reads it without the source. */
  normalized: Uint8Array;
  bbox: [number, number, number, number] | null;
  /** `EPSG:4527` or `PROJ4:…`: the CRS the file came in. */
  crs: string;
  crsName: string;
  kindGuess: string;
  fields: string[];
  warnings: ImportWarning[];
}

/** One layer read, or one file group that failed with a reason the user can read. */
export type LayerReadOutcome =
  { ok: true; result: LayerReadResult } | { ok: false; files: string[]; error: ImportErrorData };

/** The vector import worker (workers/layer.worker.ts). */
export interface LayerApi {
  read(
    jobId: number,
    files: { name: string; file: Blob }[],
    onProgress: (share: number | null, message: string) => void,
  ): Promise<LayerReadOutcome[]>;
  cancel(jobId: number): void;
}
