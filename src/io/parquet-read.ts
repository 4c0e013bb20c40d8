/**
 * GeoParquet / Parquet with a WKB geometry column, read with hyparquet (DuckDB-WASM has no parquet extension
 * offline). The `geo` metadata gives the column, its encoding and its CRS (PROJJSON; absent = OGC:CRS84);
 * without it, a binary column named geometry/geom/wkb/shape is used and the CRS is decided from the coordinates.
 */
import type { Geometry } from 'geojson';
import { gunzipSync } from 'fflate';
import { parquetMetadata, parquetReadObjects, type FileMetaData } from 'hyparquet';
import type { CrsInput } from '../core/geo/crs.ts';
import { decodeWkb, extendBbox, type Bbox } from '../core/geo/wkb.ts';
import { checkParquetPages } from './parquet-pages.ts';
import { ImportError, throwIfCancelled, type ImportWarning } from './import-error.ts';
import { LayerBuilder } from './vector-build.ts';
import { chooseCrs, crsForUndeclared, type LayerCrs } from './vector-crs.ts';
import { stemOf, type ByteSource } from './vector-source.ts';
import type { FeatureProps, ReadVectorOptions, VectorLayer } from './vector-types.ts';

const GEOMETRY_NAMES = ['geometry', 'geom', 'wkb', 'wkb_geometry', 'the_geom', 'shape', 'geo'];
const BATCH = 50_000;

interface GeoColumn {
  name: string;
  /** undefined: not stated (CRS84 by the GeoParquet spec); null: stated unknown; else the PROJJSON/string. */
  crs: unknown;
  hasGeoMetadata: boolean;
}

function magicOk(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === 0x50 && bytes[at + 1] === 0x41 && bytes[at + 2] === 0x52 && bytes[at + 3] === 0x31;
}

function readMetadata(file: string, buffer: ArrayBuffer, bytes: Uint8Array): FileMetaData {
  if (bytes.byteLength === 0) throw new ImportError('empty_file', { file });
  if (!magicOk(bytes, 0)) throw new ImportError('corrupt_file', { file, reason: 'not a Parquet file' });
  if (bytes.byteLength < 12 || !magicOk(bytes, bytes.byteLength - 4)) {
    throw new ImportError('truncated_file', { file, actual: bytes.byteLength });
  }
  try {
    return parquetMetadata(buffer);
  } catch (error) {
    throw new ImportError('corrupt_file', { file, reason: 'unreadable Parquet footer' }, { cause: error });
  }
}

interface GeoMetadata {
  primary_column?: string;
  columns?: Record<string, { encoding?: string; crs?: unknown }>;
}

/** The `geo` key-value metadata: must be a JSON object (a corrupt or hostile file may hold anything). */
function parseGeoMetadata(file: string, text: string): GeoMetadata {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ImportError(
      'corrupt_file',
      { file, reason: 'unreadable GeoParquet metadata' },
      { cause: error },
    );
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(value) || (value.columns !== undefined && !isObject(value.columns)))
    throw new ImportError('corrupt_file', { file, reason: 'GeoParquet metadata is not an object' });
  for (const column of Object.values(value.columns ?? {}))
    if (!isObject(column))
      throw new ImportError('corrupt_file', { file, reason: 'bad GeoParquet column entry' });
  if (value.primary_column !== undefined && typeof value.primary_column !== 'string')
    throw new ImportError('corrupt_file', { file, reason: 'bad GeoParquet primary column' });
  return value as GeoMetadata;
}

function geoColumn(file: string, metadata: FileMetaData): GeoColumn {
  const geoText = metadata.key_value_metadata?.find((kv) => kv.key === 'geo')?.value;
  const columns = metadata.schema.slice(1).map((s) => String(s.name));
  if (geoText) {
    const geo = parseGeoMetadata(file, geoText);
    const name = geo.primary_column ?? Object.keys(geo.columns ?? {})[0] ?? '';
    const column = geo.columns?.[name];
    if (!column) throw new ImportError('parquet_no_geometry', { file, columns: columns.join(', ') });
    if ((column.encoding ?? '').toUpperCase() !== 'WKB') {
      throw new ImportError('parquet_geometry_encoding', { file, encoding: column.encoding ?? '?' });
    }
    return { name, crs: 'crs' in column ? column.crs : undefined, hasGeoMetadata: true };
  }
  const binary = metadata.schema.filter(
    (s) => s.type === 'BYTE_ARRAY' && !s.converted_type && !s.logical_type,
  );
  const found = binary.find((s) => GEOMETRY_NAMES.includes(String(s.name).toLowerCase()));
  if (!found) throw new ImportError('parquet_no_geometry', { file, columns: columns.join(', ') });
  return { name: found.name, crs: null, hasGeoMetadata: false };
}

/** PROJJSON (or a string) from GeoParquet metadata → `resolveCrs` input. */
function crsInput(file: string, crs: unknown): CrsInput {
  if (typeof crs === 'string') return crs;
  const projjson = crs as { id?: { authority?: string; code?: string | number }; name?: string };
  const id = projjson.id;
  if (id?.authority && id.code !== undefined) return `${id.authority}:${id.code}`;
  throw new ImportError('unknown_crs', {
    file,
    crs: projjson.name ?? 'PROJJSON',
    reason: 'PROJJSON without id',
  });
}

/** JSON-safe attribute value. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return null;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

async function readRows(
  file: string,
  buffer: ArrayBuffer,
  start: number,
  end: number,
): Promise<Record<string, unknown>[]> {
  try {
    return await parquetReadObjects({
      file: buffer,
      rowStart: start,
      rowEnd: end,
      utf8: false,
      parsers: { geometryFromBytes: (b: Uint8Array) => b, geographyFromBytes: (b: Uint8Array) => b },
      compressors: { GZIP: (input: Uint8Array) => gunzipSync(input) },
    });
  } catch (error) {
    const codec = /unsupported compression codec: (\w+)/.exec(
      error instanceof Error ? error.message : '',
    )?.[1];
    if (codec) throw new ImportError('parquet_codec_unsupported', { file, codec }, { cause: error });
    throw new ImportError('corrupt_file', { file, reason: 'unreadable Parquet data' }, { cause: error });
  }
}

/** Read a (Geo)Parquet file as a layer. Throws `ImportError`. */
export async function readParquet(source: ByteSource, options: ReadVectorOptions = {}): Promise<VectorLayer> {
  const file = source.name;
  const bytes = await source.bytes();
  const buffer =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? (bytes.buffer as ArrayBuffer)
      : (bytes.slice().buffer as ArrayBuffer);
  const metadata = readMetadata(file, buffer, bytes);
  checkParquetPages(file, buffer, metadata);
  const geo = geoColumn(file, metadata);
  const total = Number(metadata.num_rows);

  // Geometries are decoded first: without a stated CRS the coordinates decide (degrees or ask).
  const geometries: (Geometry | null)[] = [];
  const props: FeatureProps[] = [];
  const bbox: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (let start = 0; start < total; start += BATCH) {
    throwIfCancelled(options.signal);
    for (const row of await readRows(file, buffer, start, Math.min(total, start + BATCH))) {
      const wkb = row[geo.name];
      let g: Geometry | null = null;
      if (wkb instanceof Uint8Array && wkb.byteLength > 0) {
        try {
          g = decodeWkb(wkb);
          extendBbox(bbox, g);
        } catch {
          g = { type: 'Polygon', coordinates: [] }; // malformed WKB: reported as invalid by the builder
        }
      }
      geometries.push(g);
      const p: FeatureProps = {};
      for (const [k, v] of Object.entries(row))
        if (k !== geo.name && !(v instanceof Uint8Array)) p[k] = plain(v);
      props.push(p);
    }
    options.onProgress?.({
      file,
      phase: 'parse',
      loaded: Math.min(total, start + BATCH),
      total,
      features: props.length,
    });
  }
  if (total === 0) throw new ImportError('no_features', { file });

  const warnings: ImportWarning[] = [];
  let crs: LayerCrs | null;
  if (geo.crs === undefined && geo.hasGeoMetadata) {
    crs = chooseCrs(file, 'OGC:CRS84', options.crs);
    if (crs?.source === 'file') crs = { ...crs, source: 'default' };
  } else {
    crs = chooseCrs(file, geo.crs === null ? null : crsInput(file, geo.crs), options.crs);
  }
  crs ??= crsForUndeclared(file, bbox[0] <= bbox[2] ? bbox : null, 'missing_crs');
  const builder = new LayerBuilder(crs, options.keepFeatures ?? true, true, options.drawGeometry);
  geometries.forEach((g, i) => builder.add(i, g, props[i] ?? {}));
  return builder.finish({
    name: stemOf(file),
    format: 'parquet',
    sourceFiles: [file],
    file,
    fields: null,
    warnings,
  });
}
