/**
 * .shp / .shx parsing (ESRI Shapefile Technical Description, 1998). Geometries come out in the file's own
 * coordinates; Z and M values are ignored. A missing or damaged .shx is rebuilt by walking the .shp records.
 */
import type { Geometry, Position } from 'geojson';
import type { Bbox } from '../../core/geo/wkb.ts';
import { ImportError } from '../import-error.ts';
import { assemblePolygon, type AssembleStats } from './rings.ts';

export interface ShpHeader {
  shapeType: number;
  bbox: Bbox;
}

/** Where one record's content starts and how many bytes it has. */
export interface RecordSlot {
  offset: number;
  length: number;
}

const SHAPE_NAMES: Readonly<Record<number, string>> = {
  0: 'Null',
  1: 'Point',
  3: 'PolyLine',
  5: 'Polygon',
  8: 'MultiPoint',
  11: 'PointZ',
  13: 'PolyLineZ',
  15: 'PolygonZ',
  18: 'MultiPointZ',
  21: 'PointM',
  23: 'PolyLineM',
  25: 'PolygonM',
  28: 'MultiPointM',
  31: 'MultiPatch',
};

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Header of a .shp; throws on empty, damaged, truncated or MultiPatch files. */
export function readShpHeader(file: string, shp: Uint8Array): ShpHeader {
  if (shp.byteLength === 0) throw new ImportError('empty_file', { file });
  if (shp.byteLength < 100)
    throw new ImportError('truncated_file', { file, expected: 100, actual: shp.byteLength });
  const v = view(shp);
  if (v.getInt32(0, false) !== 9994)
    throw new ImportError('corrupt_file', { file, reason: 'not a shapefile (file code)' });
  const expected = v.getInt32(24, false) * 2;
  if (expected > shp.byteLength)
    throw new ImportError('truncated_file', { file, expected, actual: shp.byteLength });
  const shapeType = v.getInt32(32, true);
  if (!(shapeType in SHAPE_NAMES) || shapeType === 31) {
    throw new ImportError('unsupported_shape_type', {
      file,
      type: SHAPE_NAMES[shapeType] ?? String(shapeType),
    });
  }
  return {
    shapeType,
    bbox: [v.getFloat64(36, true), v.getFloat64(44, true), v.getFloat64(52, true), v.getFloat64(60, true)],
  };
}

/** Record slots from a .shx, or null when the .shx does not fit the .shp (then rebuild). */
export function readShx(shx: Uint8Array, shp: Uint8Array): RecordSlot[] | null {
  if (shx.byteLength < 100 || (shx.byteLength - 100) % 8 !== 0) return null;
  const v = view(shx);
  const slots: RecordSlot[] = [];
  for (let o = 100; o < shx.byteLength; o += 8) {
    const offset = v.getInt32(o, false) * 2 + 8;
    const length = v.getInt32(o + 4, false) * 2;
    if (offset < 108 || length < 0 || offset + length > shp.byteLength) return null;
    slots.push({ offset, length });
  }
  return slots;
}

/** Record slots found by walking the .shp from its header (the .shx rebuilt). */
export function scanShp(file: string, shp: Uint8Array): RecordSlot[] {
  const v = view(shp);
  const end = Math.min(v.getInt32(24, false) * 2, shp.byteLength);
  const slots: RecordSlot[] = [];
  for (let o = 100; o < end;) {
    if (o + 8 > end) throw new ImportError('truncated_file', { file, expected: o + 8, actual: end });
    const length = v.getInt32(o + 4, false) * 2;
    if (length < 4) throw new ImportError('corrupt_file', { file, reason: `bad record length at byte ${o}` });
    if (o + 8 + length > end)
      throw new ImportError('truncated_file', { file, expected: o + 8 + length, actual: end });
    slots.push({ offset: o + 8, length });
    o += 8 + length;
  }
  return slots;
}

function points(v: DataView, at: number, n: number): Position[] {
  const out: Position[] = new Array<Position>(n);
  for (let i = 0; i < n; i++) out[i] = [v.getFloat64(at + 16 * i, true), v.getFloat64(at + 16 * i + 8, true)];
  return out;
}

/** Geometry of one record (null for Null shapes), in file coordinates. */
export function readShape(
  file: string,
  shp: Uint8Array,
  slot: RecordSlot,
  stats: AssembleStats,
): Geometry | null {
  const v = view(shp);
  const at = slot.offset;
  const corrupt = (what: string): never => {
    throw new ImportError('corrupt_file', { file, reason: `${what} at byte ${at}` });
  };
  if (slot.length < 4) corrupt('empty record');
  const type = v.getInt32(at, true);
  switch (type) {
    case 0:
      return null;
    case 1:
    case 11:
    case 21:
      if (slot.length < 20) corrupt('short point record');
      return { type: 'Point', coordinates: [v.getFloat64(at + 4, true), v.getFloat64(at + 12, true)] };
    case 8:
    case 18:
    case 28: {
      const n = slot.length >= 40 ? v.getInt32(at + 36, true) : corrupt('short multipoint record');
      if (n < 0 || 40 + 16 * n > slot.length) corrupt('bad point count');
      return { type: 'MultiPoint', coordinates: points(v, at + 40, n) };
    }
    case 3:
    case 13:
    case 23:
    case 5:
    case 15:
    case 25: {
      if (slot.length < 44) corrupt('short record');
      const nParts = v.getInt32(at + 36, true);
      const nPoints = v.getInt32(at + 40, true);
      const pointsAt = at + 44 + 4 * nParts;
      if (nParts < 0 || nPoints < 0 || 44 + 4 * nParts + 16 * nPoints > slot.length)
        corrupt('bad part/point count');
      const all = points(v, pointsAt, nPoints);
      const parts: Position[][] = [];
      for (let p = 0; p < nParts; p++) {
        const start = v.getInt32(at + 44 + 4 * p, true);
        const end = p + 1 < nParts ? v.getInt32(at + 48 + 4 * p, true) : nPoints;
        if (start < 0 || end > nPoints || start > end) corrupt('bad part index');
        parts.push(all.slice(start, end));
      }
      const polygon = type === 5 || type === 15 || type === 25;
      // All rings empty or zero-area: an (invalid) empty polygon, reported as such rather than as a null shape.
      if (polygon) return assemblePolygon(parts, stats) ?? { type: 'Polygon', coordinates: [] };
      if (parts.length === 1) return { type: 'LineString', coordinates: parts[0] ?? [] };
      return { type: 'MultiLineString', coordinates: parts };
    }
    default:
      throw new ImportError('unsupported_shape_type', { file, type: SHAPE_NAMES[type] ?? String(type) });
  }
}
