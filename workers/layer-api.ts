import type { DrawGeometry } from '../src/io/draw-geometry.ts';
import type { FeatureAttributes } from '../src/io/draw-features.ts';
import type { ImportErrorData, ImportWarning } from '../src/io/import-error.ts';

/** A vector layer read into lon/lat, ready for the map, DuckDB and the project store. */
export interface LayerReadResult {
  layerId: string;
  name: string;
  sourceFiles: string[];
  featureCount: number;
  /**
   * Arrow IPC stream of the `feature` rows (layer_id, fid, props, geom WKB, bbox): inserted into DuckDB, and
   * stored as is in OPFS, so a reload needs neither the source file nor a reader.
   */
  ipc: Uint8Array;
  /**
   * The layer ready to draw (triangulated polygons, paths, points). No feature objects cross to the page:
   * measured on a 200,000-polygon layer, cloning them cost ~5 s here and ~12 s on the page's thread, and sending
   * GeoJSON text instead still cost ~4 s to write and ~3 s to parse, before deck.gl converted it again.
   */
  geometry: DrawGeometry;
  /** Each row's source index and attributes: with `geometry`, what the page rebuilds features from. */
  attributes: FeatureAttributes;
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
  /** The draw geometry and attributes of a stored layer (its Arrow IPC stream), after a reload. */
  geometry(ipc: Uint8Array): Promise<{ geometry: DrawGeometry; attributes: FeatureAttributes }>;
  cancel(jobId: number): void;
}
