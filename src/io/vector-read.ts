/**
 * One entry for vector files: dropped/picked files (or bytes with names) → one outcome per layer. Zips are
 * opened (one layer per shapefile or per GeoJSON/CSV/Parquet inside); loose shapefile parts are grouped by
 * base name. A failing layer does not stop the others; cancellation stops everything.
 */
import { readCsvPoints } from './csv-points.ts';
import { readGeoJson } from './geojson-read.ts';
import { ImportError, throwIfCancelled, toImportError, type ImportErrorData } from './import-error.ts';
import { readParquet } from './parquet-read.ts';
import { readShapefile, type ShapefileParts } from './shapefile/read.ts';
import { unzipEntries } from './shapefile/zip.ts';
import {
  extensionOf,
  sourceFromBytes,
  stemOf,
  toSource,
  type ByteSource,
  type VectorInput,
} from './vector-source.ts';
import type { ReadVectorOptions, VectorLayer } from './vector-types.ts';

export type VectorReadOutcome =
  { ok: true; layer: VectorLayer } | { ok: false; files: string[]; error: ImportErrorData };

const SHAPEFILE_PARTS = new Set(['shp', 'shx', 'dbf', 'prj', 'cpg']);
/** Sidecar files that come with shapefiles and are not needed. */
const IGNORED = new Set([
  'sbn',
  'sbx',
  'qix',
  'fix',
  'xml',
  'aih',
  'ain',
  'atx',
  'qmd',
  'qml',
  'sld',
  'lyr',
  'md',
  'txt',
  'pdf',
]);
const READERS: Readonly<Record<string, (s: ByteSource, o: ReadVectorOptions) => Promise<VectorLayer>>> = {
  geojson: readGeoJson,
  json: readGeoJson,
  csv: readCsvPoints,
  tsv: readCsvPoints,
  parquet: readParquet,
  geoparquet: readParquet,
};

/** What to read: single-file layers, shapefile groups, and files we cannot read. */
interface Plan {
  singles: ByteSource[];
  shapefiles: Map<string, ShapefileParts>;
  unsupported: string[];
}

async function addToPlan(plan: Plan, source: ByteSource, prefix: string, inZip: boolean): Promise<void> {
  const ext = extensionOf(source.name);
  if (SHAPEFILE_PARTS.has(ext)) {
    const key = `${prefix}${source.name.slice(0, source.name.length - ext.length - 1)}`.toLowerCase();
    const parts = plan.shapefiles.get(key) ?? { name: stemOf(source.name) };
    parts[ext as 'shp'] = { name: `${prefix}${source.name}`, bytes: await source.bytes() };
    plan.shapefiles.set(key, parts);
  } else if (ext in READERS) {
    plan.singles.push(source);
  } else if (!(inZip && IGNORED.has(ext))) {
    plan.unsupported.push(`${prefix}${source.name}`);
  }
}

async function readZip(
  source: ByteSource,
  plan: Plan,
  options: ReadVectorOptions,
): Promise<VectorReadOutcome | null> {
  const bytes = await source.bytes();
  options.onProgress?.({
    file: source.name,
    phase: 'read',
    loaded: bytes.byteLength,
    total: source.size,
    features: 0,
  });
  const entries = unzipEntries(source.name, bytes);
  const before = plan.singles.length + plan.shapefiles.size;
  for (const entry of entries) {
    if (extensionOf(entry.name) === 'zip') continue; // nested archives are not opened
    await addToPlan(plan, sourceFromBytes(entry.name, entry.bytes), `${source.name}/`, true);
  }
  if (plan.singles.length + plan.shapefiles.size === before) {
    return {
      ok: false,
      files: [source.name],
      error: new ImportError('zip_no_layers', { file: source.name }).toData(),
    };
  }
  return null;
}

async function outcome(files: string[], read: () => Promise<VectorLayer>): Promise<VectorReadOutcome> {
  try {
    return { ok: true, layer: await read() };
  } catch (error) {
    const e = toImportError(error, files[0] ?? '');
    if (e.code === 'cancelled') throw e;
    return { ok: false, files, error: e.toData() };
  }
}

/**
 * Read vector files. Returns one outcome per layer found (a zip may hold several); throws only
 * `ImportError('cancelled')`. `options.crs` applies to every layer (use it to answer `missing_prj`).
 */
export async function readVector(
  inputs: readonly VectorInput[],
  options: ReadVectorOptions = {},
): Promise<VectorReadOutcome[]> {
  const plan: Plan = { singles: [], shapefiles: new Map(), unsupported: [] };
  const results: VectorReadOutcome[] = [];
  for (const input of inputs) {
    throwIfCancelled(options.signal);
    const source = toSource(input);
    if (extensionOf(source.name) !== 'zip') {
      await addToPlan(plan, source, '', false);
      continue;
    }
    try {
      const failed = await readZip(source, plan, options);
      if (failed) results.push(failed);
    } catch (error) {
      const e = toImportError(error, source.name);
      if (e.code === 'cancelled') throw e;
      results.push({ ok: false, files: [source.name], error: e.toData() });
    }
  }
  for (const file of plan.unsupported) {
    results.push({
      ok: false,
      files: [file],
      error: new ImportError('unsupported_format', { file }).toData(),
    });
  }
  for (const source of plan.singles) {
    const reader = READERS[extensionOf(source.name)];
    if (reader) results.push(await outcome([source.name], () => reader(source, options)));
  }
  for (const parts of plan.shapefiles.values()) {
    const files = (['shp', 'shx', 'dbf', 'prj', 'cpg'] as const).flatMap((k) =>
      parts[k] ? [parts[k].name] : [],
    );
    results.push(await outcome(files, () => Promise.resolve(readShapefile(parts, options))));
  }
  return results;
}
