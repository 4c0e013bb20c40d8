/**
 * CSV with coordinate columns → point layer. Finds 经度/纬度, lon/lat, longitude/latitude or x/y headers;
 * reads UTF-8 (with or without BOM), UTF-16 (BOM) and GBK; accepts decimal degrees and 117°12'30" forms.
 * Projected x/y need a CRS chosen by the user (`options.crs`).
 */
import { ImportError, throwIfCancelled, type ImportWarning } from './import-error.ts';
import { chooseEncoding } from './shapefile/encoding.ts';
import { LayerBuilder } from './vector-build.ts';
import { chooseCrs, crsForUndeclared, type LayerCrs } from './vector-crs.ts';
import { stemOf, type ByteSource } from './vector-source.ts';
import type { FeatureProps, FieldInfo, ReadVectorOptions, VectorLayer } from './vector-types.ts';

const LON_NAMES = ['经度', 'longitude', 'lon', 'lng', 'long', '东经', 'x'];
const LAT_NAMES = ['纬度', 'latitude', 'lat', '北纬', 'y'];

/** "经度(°)" → "经度", " Longitude " → "longitude". */
function normalizeHeader(h: string): string {
  return h
    .replace(/[(（[].*$/, '')
    .trim()
    .toLowerCase();
}

/** Index of the best header for one axis: exact names in priority order, then Chinese names contained. */
export function findColumn(headers: string[], names: readonly string[]): number {
  const norm = headers.map(normalizeHeader);
  for (const name of names) {
    const i = norm.indexOf(name);
    if (i >= 0) return i;
  }
  const chinese = names[0] ?? '';
  return norm.findIndex((h) => h.includes(chinese));
}

/** Decode text: BOMs first, else UTF-8 if valid, else GBK (with a warning). */
function decodeText(file: string, bytes: Uint8Array, warnings: ImportWarning[]): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const ascii = bytes.every((b) => b < 0x80);
  if (ascii) return new TextDecoder('utf-8').decode(bytes);
  const choice = chooseEncoding(file, null, null, [{ field: '(text)', bytes }]);
  warnings.push(...choice.warnings);
  return new TextDecoder(choice.label).decode(bytes);
}

/** RFC 4180 rows: quoted fields may hold delimiters, quotes ("") and line breaks. */
export function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((r) => r.some((v) => v.trim() !== ''));
}

function detectDelimiter(firstLine: string): string {
  const counts = [',', '\t', ';', '|'].map((d) => ({ d, n: firstLine.split(d).length }));
  return counts.sort((a, b) => b.n - a.n)[0]?.d ?? ',';
}

const DMS =
  /^([+-]?\d+(?:\.\d+)?)\s*[°度]\s*(?:(\d+(?:\.\d+)?)\s*['′分]\s*)?(?:(\d+(?:\.\d+)?)\s*(?:["″秒]|'')\s*)?([NSEWnsew东西南北])?$/;

/** Decimal degrees or D°M'S" (with optional hemisphere) → number, else NaN. */
export function parseCoordinate(raw: string): number {
  const s = raw.trim();
  if (s === '') return NaN;
  const plain = Number(s);
  if (Number.isFinite(plain)) return plain;
  const m = DMS.exec(s);
  if (!m) return NaN;
  const deg = Number(m[1]);
  const value = Math.abs(deg) + Number(m[2] ?? 0) / 60 + Number(m[3] ?? 0) / 3600;
  const negative = deg < 0 || /[SsWw南西]/.test(m[4] ?? '');
  return negative ? -value : value;
}

function columnTypes(headers: string[], rows: string[][]): FieldInfo[] {
  return headers.map((name, c) => {
    const values = rows.map((r) => (r[c] ?? '').trim()).filter((v) => v !== '');
    const numeric = values.length > 0 && values.every((v) => Number.isFinite(Number(v)));
    const type = !numeric
      ? 'string'
      : values.every((v) => Number.isInteger(Number(v)))
        ? 'integer'
        : 'number';
    return { name, type };
  });
}

/** Read a CSV of points as a layer. Throws `ImportError`. */
export async function readCsvPoints(
  source: ByteSource,
  options: ReadVectorOptions = {},
): Promise<VectorLayer> {
  const file = source.name;
  const bytes = await source.bytes();
  throwIfCancelled(options.signal);
  if (bytes.byteLength === 0) throw new ImportError('empty_file', { file });
  const warnings: ImportWarning[] = [];
  const text = decodeText(file, bytes, warnings);
  const rows = parseCsv(text, detectDelimiter(text.slice(0, text.search(/\r|\n|$/))));
  const headers = (rows.shift() ?? []).map((h, i) => h.trim() || `column_${i + 1}`);
  let lonCol = findColumn(headers, LON_NAMES);
  let latCol = findColumn(headers, LAT_NAMES);
  if (lonCol < 0 || latCol < 0 || lonCol === latCol) {
    throw new ImportError('csv_no_coordinates', { file, columns: headers.join(', ') });
  }
  const coords = rows.map(
    (r) => [parseCoordinate(r[lonCol] ?? ''), parseCoordinate(r[latCol] ?? '')] as const,
  );
  const valid = coords.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (valid.length === 0) throw new ImportError('no_features', { file });
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of valid) {
    bbox[0] = Math.min(bbox[0], x);
    bbox[1] = Math.min(bbox[1], y);
    bbox[2] = Math.max(bbox[2], x);
    bbox[3] = Math.max(bbox[3], y);
  }
  const namedDegrees = /经度|纬度|lon|lng|lat/i.test(`${headers[lonCol]} ${headers[latCol]}`);
  // China: longitudes 73–136, latitudes 3–54 never overlap, so swapped columns are recognisable.
  const swapped = bbox[0] >= 3 && bbox[2] <= 54 && bbox[1] >= 73 && bbox[3] <= 136;
  if (swapped) {
    warnings.push({
      code: 'csv_columns_swapped',
      detail: { lon: headers[lonCol] ?? '', lat: headers[latCol] ?? '' },
    });
    [lonCol, latCol] = [latCol, lonCol];
  }
  const xy: [number, number, number, number] = swapped ? [bbox[1], bbox[0], bbox[3], bbox[2]] : bbox;
  let crs: LayerCrs | null = chooseCrs(file, null, options.crs);
  if (!crs) {
    // Degrees are taken as CGCS2000 lon/lat; columns named 经度/lon say so themselves (no "assumed" warning).
    crs = crsForUndeclared(file, xy, 'missing_crs');
    if (namedDegrees) {
      crs = { ...crs, source: 'file', warnings: crs.warnings.filter((w) => w.code !== 'crs_assumed_lonlat') };
    }
  }

  // Coordinate columns hold the parsed decimal degrees (also for D°M'S" input).
  const fields = columnTypes(headers, rows).map((f, c) =>
    c === lonCol || c === latCol ? { ...f, type: 'number' as const } : f,
  );
  const builder = new LayerBuilder(crs, options.keepFeatures ?? true, false, options.drawGeometry);
  const skipped: number[] = [];
  rows.forEach((r, i) => {
    const x = parseCoordinate(r[lonCol] ?? '');
    const y = parseCoordinate(r[latCol] ?? '');
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      skipped.push(i + 2); // line number: header is line 1
      return;
    }
    const props: FeatureProps = {};
    fields.forEach((f, c) => {
      const v = (r[c] ?? '').trim();
      props[f.name] =
        c === lonCol ? x : c === latCol ? y : v === '' ? null : f.type === 'string' ? v : Number(v);
    });
    builder.add(i, { type: 'Point', coordinates: [x, y] }, props);
  });
  if (skipped.length > 0)
    warnings.push({ code: 'csv_rows_skipped', detail: { count: skipped.length, example: skipped[0] ?? 0 } });
  options.onProgress?.({
    file,
    phase: 'parse',
    loaded: bytes.byteLength,
    total: bytes.byteLength,
    features: builder.count,
  });
  return builder.finish({ name: stemOf(file), format: 'csv', sourceFiles: [file], file, fields, warnings });
}
