/**
 * Query rows → a cell output that can be stored (IndexedDB, `.rnb.json`): JSON values only, rows capped,
 * geometry turned into GeoJSON features for the map display (a `geom` WKB column, or lon/lat columns).
 */
import type { Feature, Geometry, Position } from 'geojson';
import { decodeWkb } from '../geo/wkb.ts';
import type { ChartSpec, Json, OutputResult } from './model.ts';

/** Rows kept in a stored output; the row count still reports all. */
export const MAX_STORED_ROWS = 1000;
/** Features kept for the map display. */
export const MAX_FEATURES = 5000;

export interface ColumnInfo {
  name: string;
  /** Arrow type name, e.g. `Utf8`, `Float64`, `Timestamp<MICROSECOND>`, `Binary`. */
  type: string;
}

const GEOMETRY_COLUMNS = ['geom', 'geometry', 'wkb', 'geom_wkb'];
const LON_LAT: readonly [string, string][] = [
  ['lon', 'lat'],
  ['lng', 'lat'],
  ['longitude', 'latitude'],
  ['cx', 'cy'],
  ['x', 'y'],
];

/** A value as stored: JSON only (dates as ISO text, blobs described, big integers as numbers or text). */
export function toJsonValue(value: unknown, type = ''): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (/^(Date|Timestamp)/.test(type) && Number.isFinite(value)) {
      const iso = new Date(value).toISOString();
      return type.startsWith('Date') ? iso.slice(0, 10) : iso;
    }
    return Number.isFinite(value) ? value : String(value);
  }
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `BLOB(${value.length} B)`;
  if (Array.isArray(value)) return value.map((v) => toJsonValue(v));
  if (typeof value === 'object') {
    const json = (value as { toJSON?: () => unknown }).toJSON?.() ?? value;
    if (Array.isArray(json)) return json.map((v) => toJsonValue(v));
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(json as Record<string, unknown>)) out[k] = toJsonValue(v);
    return out;
  }
  return String(value);
}

function round(p: Position): Position {
  return [Math.round((p[0] as number) * 1e7) / 1e7, Math.round((p[1] as number) * 1e7) / 1e7];
}

function roundGeometry(g: Geometry): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: round(g.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: g.type, coordinates: g.coordinates.map(round) } as Geometry;
    case 'Polygon':
    case 'MultiLineString':
      return { type: g.type, coordinates: g.coordinates.map((r) => r.map(round)) } as Geometry;
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(round))) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map(roundGeometry) };
  }
}

/** Which columns carry geometry: a WKB column, or a lon/lat pair; null when none. */
export function geometryColumns(
  columns: readonly ColumnInfo[],
): { wkb: string } | { lon: string; lat: string } | null {
  const wkb = columns.find(
    (c) => GEOMETRY_COLUMNS.includes(c.name.toLowerCase()) && /Binary|Blob/i.test(c.type),
  );
  if (wkb) return { wkb: wkb.name };
  const byLower = new Map(columns.map((c) => [c.name.toLowerCase(), c.name]));
  for (const [lon, lat] of LON_LAT) {
    const a = byLower.get(lon);
    const b = byLower.get(lat);
    if (a && b) return { lon: a, lat: b };
  }
  return null;
}

/** GeoJSON features of rows with geometry (properties: the other columns as JSON). */
export function rowsToFeatures(
  columns: readonly ColumnInfo[],
  rows: readonly Record<string, unknown>[],
): Feature[] {
  const where = geometryColumns(columns);
  if (!where) return [];
  const features: Feature[] = [];
  for (const row of rows) {
    if (features.length >= MAX_FEATURES) break;
    let geometry: Geometry | null = null;
    if ('wkb' in where) {
      const bytes = row[where.wkb];
      if (bytes instanceof Uint8Array && bytes.length > 0) {
        try {
          geometry = roundGeometry(decodeWkb(bytes));
        } catch {
          geometry = null; // a malformed blob: the row stays in the table, not on the map
        }
      }
    } else {
      const lon = Number(row[where.lon]);
      const lat = Number(row[where.lat]);
      if (Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90)
        geometry = { type: 'Point', coordinates: round([lon, lat]) };
    }
    if (!geometry) continue;
    const properties: Record<string, Json> = {};
    for (const column of columns)
      if (!('wkb' in where) || column.name !== where.wkb)
        properties[column.name] = toJsonValue(row[column.name], column.type);
    features.push({ type: 'Feature', properties, geometry });
  }
  return features;
}

/** A SQL output from the query's columns and rows. */
export function sqlResult(
  columns: readonly ColumnInfo[],
  rows: readonly Record<string, unknown>[],
): OutputResult {
  const features = rowsToFeatures(columns, rows);
  return {
    type: 'sql',
    columns: columns.map((c) => ({ name: c.name, type: c.type })),
    rows: rows.slice(0, MAX_STORED_ROWS).map((row) => columns.map((c) => toJsonValue(row[c.name], c.type))),
    rowCount: rows.length,
    truncated: rows.length > MAX_STORED_ROWS,
    ...(features.length > 0 ? { features: features as unknown as Json[] } : {}),
  };
}

/** Series of a chart from a SQL output: categories from `spec.x`, one series per `spec.y` column. */
export function chartData(
  result: Extract<OutputResult, { type: 'sql' }>,
  spec: ChartSpec,
  maxCategories = 200,
): Extract<OutputResult, { type: 'chart' }> {
  const names = result.columns.map((c) => c.name);
  const xIndex = names.indexOf(spec.x);
  const yColumns =
    spec.y.length > 0
      ? spec.y
      : names.filter((_, i) => i !== xIndex && typeof result.rows[0]?.[i] === 'number');
  const rows = result.rows.slice(0, maxCategories);
  return {
    type: 'chart',
    categories: rows.map((row, i) => (xIndex >= 0 ? String(row[xIndex] ?? '') : String(i + 1))),
    series: yColumns
      .filter((name) => names.includes(name))
      .map((name) => {
        const index = names.indexOf(name);
        return {
          name,
          values: rows.map((row) => {
            const value = row[index];
            const n =
              typeof value === 'number'
                ? value
                : typeof value === 'string' && value.trim() !== ''
                  ? Number(value)
                  : NaN;
            return Number.isFinite(n) ? n : null;
          }),
        };
      }),
  };
}
