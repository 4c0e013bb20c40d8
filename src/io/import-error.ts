/**
 * Typed import failures and warnings. Each code has a zh + en message in `src/i18n/import-errors.ts`
 * (`{name}` placeholders are filled from `detail`). Errors stop a layer; warnings travel with the layer.
 */

/** Why a file could not become a layer. */
export const IMPORT_ERROR_CODES = [
  'empty_file',
  'truncated_file',
  'corrupt_file',
  'invalid_json',
  'not_geojson',
  'zip_corrupt',
  'zip_too_large',
  'too_many_vertices',
  'zip_no_layers',
  'shapefile_missing_shp',
  'shapefile_missing_dbf',
  'unsupported_shape_type',
  'missing_prj',
  'missing_crs',
  'unknown_crs',
  'unparsable_crs',
  'coordinates_out_of_range',
  'invalid_geometry',
  'no_features',
  'unsupported_format',
  'csv_no_coordinates',
  'parquet_no_geometry',
  'parquet_codec_unsupported',
  'parquet_geometry_encoding',
  'cancelled',
  'read_failed',
] as const;

export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/** Things the user should know about a layer that was read. */
export const IMPORT_WARNING_CODES = [
  'shx_rebuilt',
  'encoding_detected',
  'cpg_mismatch',
  'cpg_unknown',
  'garbled_text',
  'datum_shift_ignored',
  'datum_by_ellipsoid',
  'crs_from_parameters',
  'authority_not_in_table',
  'crs_assumed_lonlat',
  'crs_overridden',
  'null_geometry_skipped',
  'invalid_geometry_skipped',
  'out_of_range_skipped',
  'rings_closed',
  'orphan_holes',
  'record_count_mismatch',
  'unsupported_fields_ignored',
  'csv_rows_skipped',
  'csv_columns_swapped',
] as const;

export type ImportWarningCode = (typeof IMPORT_WARNING_CODES)[number];

/** Placeholder values of a message. */
export type MessageDetail = Record<string, string | number>;

export interface ImportWarning {
  code: ImportWarningCode;
  detail: MessageDetail;
}

/** Plain-data form of an `ImportError` (what crosses the worker boundary). */
export interface ImportErrorData {
  code: ImportErrorCode;
  detail: MessageDetail;
  /** Technical detail for the disclosure: the message of the underlying error, if any. */
  technical: string;
}

/** A file could not be imported. `detail` fills the message placeholders; `cause` is the underlying error. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly code: ImportErrorCode,
    readonly detail: MessageDetail = {},
    options?: { cause?: unknown },
  ) {
    super(`${code} ${JSON.stringify(detail)}`, options);
  }

  /** Plain data for postMessage / comlink (class identity does not survive structured clone). */
  toData(): ImportErrorData {
    const cause =
      this.cause instanceof Error ? this.cause.message : this.cause === undefined ? '' : String(this.cause);
    return { code: this.code, detail: this.detail, technical: cause || this.message };
  }

  /** Rebuild an error from `toData()` output on the other side of a worker. */
  static fromData(data: ImportErrorData): ImportError {
    return new ImportError(data.code, data.detail, { cause: data.technical });
  }
}

/** Any thrown value as an `ImportError` (unknown failures become `read_failed` with the cause kept). */
export function toImportError(error: unknown, file: string): ImportError {
  if (error instanceof ImportError) {
    // Errors raised deep in a reader (e.g. the layer builder) do not know the file: name it here.
    if (error.detail.file !== undefined || !file || error.code === 'cancelled') return error;
    return new ImportError(error.code, { file, ...error.detail }, { cause: error.cause });
  }
  if (error instanceof DOMException && error.name === 'AbortError')
    return new ImportError('cancelled', {}, { cause: error });
  const reason = error instanceof Error ? error.message : String(error);
  return new ImportError('read_failed', { file, reason }, { cause: error });
}

/** Throw `cancelled` when the signal has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ImportError('cancelled');
}
