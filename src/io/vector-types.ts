/**
 * What the vector readers return: one layer in lon/lat with its features, the CRS found, its fields,
 * warnings, and per-feature WKB + bbox rows shaped for the DuckDB `feature` table (docs/design-notes.md, data model).
 */
import type { Feature, Geometry } from 'geojson';
import type { DatumId } from '../core/geo/crs.ts';
import type { LayerKindGuess } from './layer-kind.ts';
import type { DrawGeometry } from './draw-geometry.ts';
import type { ImportWarning } from './import-error.ts';

export type VectorFormat = 'geojson' | 'shapefile' | 'csv' | 'parquet';

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'json';

export interface FieldInfo {
  name: string;
  type: FieldType;
}

/** Attribute values are JSON-safe: string, finite number, boolean, null, or nested JSON. */
export type FeatureProps = Record<string, unknown>;

/**
 * Columnar rows, one per kept feature, transferable between threads without copying: WKB of feature i is
 * `wkb.subarray(wkbOffsets[i], wkbOffsets[i + 1])` (use `wkbAt`).
 */
export interface FeatureRows {
  count: number;
  /** Index of the feature in the source file (0-based); gaps where features were skipped. */
  fid: Int32Array;
  /** Attributes of each feature as JSON text. */
  props: string[];
  wkb: Uint8Array;
  wkbOffsets: Uint32Array;
  minx: Float64Array;
  miny: Float64Array;
  maxx: Float64Array;
  maxy: Float64Array;
}

/** The CRS the data came in (coordinates in the layer are always lon/lat). */
export interface SourceCrs {
  /** `EPSG:4527`, or `PROJ4:…` for a CRS built from WKT parameters; `resolveCrs(id)` reproduces it. */
  id: string;
  epsg: number | null;
  name: string;
  datum: DatumId;
  proj4: string;
  /** How the CRS was determined. */
  source: 'file' | 'default' | 'assumed' | 'user';
}

export interface VectorLayer {
  /** Layer name: the file name without extension (zip entry names decoded from GBK when needed). */
  name: string;
  format: VectorFormat;
  /** Files the layer was read from (for a shapefile: its .shp/.dbf/… parts). */
  sourceFiles: string[];
  crs: SourceCrs;
  kindGuess: LayerKindGuess;
  fields: FieldInfo[];
  featureCount: number;
  /** lon/lat bounds of all kept features. */
  bbox: [number, number, number, number] | null;
  /** GeoJSON features in lon/lat (RFC 7946 winding), or null when `keepFeatures: false`. */
  features: Feature<Geometry, FeatureProps>[] | null;
  /** The layer's draw buffers, or null unless `drawGeometry: true`. */
  geometry: DrawGeometry | null;
  rows: FeatureRows;
  warnings: ImportWarning[];
}

/**
 * Progress of one read: `loaded`/`total` are bytes for streamed formats (GeoJSON, zip) and records for formats
 * read record by record (Shapefile, Parquet); use the ratio. `features` = features kept so far.
 */
export interface ReadProgress {
  file: string;
  phase: 'read' | 'parse';
  loaded: number;
  total: number;
  features: number;
}

export interface ReadVectorOptions {
  /** CRS chosen by the user (EPSG code, "EPSG:4527", WKT): used when the file has none, and overrides it. */
  crs?: string | number;
  /** Keep GeoJSON features in the result (default true). Rows are always produced. */
  keepFeatures?: boolean;
  /** Build the map's draw buffers while reading (default false; the app's layer worker asks for them). */
  drawGeometry?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: ReadProgress) => void;
}

/** The WKB of row `i`. */
export function wkbAt(rows: FeatureRows, i: number): Uint8Array {
  return rows.wkb.subarray(rows.wkbOffsets[i] ?? 0, rows.wkbOffsets[i + 1] ?? 0);
}
