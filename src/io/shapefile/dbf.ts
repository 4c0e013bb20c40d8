/**
 * dBASE III/IV table (.dbf) of a shapefile: header, field descriptors, records. Text bytes are decoded with
 * the encoding chosen by `encoding.ts`; memo/binary/timestamp fields are ignored (reported).
 */
import { ImportError } from '../import-error.ts';
import type { FeatureProps, FieldInfo, FieldType } from '../vector-types.ts';
import type { TextSample } from './encoding.ts';

export interface DbfField {
  nameBytes: Uint8Array;
  name: string;
  type: string;
  length: number;
  decimals: number;
  /** Offset of the field inside a record (after the deletion flag). */
  offset: number;
}

export interface DbfTable {
  count: number;
  headerLength: number;
  recordLength: number;
  /** Language driver id (byte 29): a code-page hint. */
  ldid: number;
  fields: DbfField[];
  /** Fields of types we do not read (memo, binary, timestamp…). */
  ignored: DbfField[];
  bytes: Uint8Array;
}

const SUPPORTED = new Set(['C', 'N', 'F', 'L', 'D', 'I', '+', 'O']);

/** Parse the header and field descriptors. Throws `empty_file`, `truncated_file`, `corrupt_file`. */
export function readDbfHeader(file: string, bytes: Uint8Array): DbfTable {
  if (bytes.byteLength === 0) throw new ImportError('empty_file', { file });
  if (bytes.byteLength < 32)
    throw new ImportError('truncated_file', { file, expected: 32, actual: bytes.byteLength });
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = v.getUint32(4, true);
  const headerLength = v.getUint16(8, true);
  const recordLength = v.getUint16(10, true);
  if (headerLength < 33 || recordLength < 1)
    throw new ImportError('corrupt_file', { file, reason: 'bad DBF header' });
  const expected = headerLength + count * recordLength;
  if (expected > bytes.byteLength)
    throw new ImportError('truncated_file', { file, expected, actual: bytes.byteLength });
  const fields: DbfField[] = [];
  const ignored: DbfField[] = [];
  let offset = 1;
  for (let o = 32; o + 32 <= headerLength && bytes[o] !== 0x0d; o += 32) {
    const raw = bytes.subarray(o, o + 11);
    const zero = raw.indexOf(0);
    const nameBytes = zero >= 0 ? raw.subarray(0, zero) : raw;
    const field: DbfField = {
      nameBytes,
      name: '',
      type: String.fromCharCode(bytes[o + 11] ?? 0x43).toUpperCase(),
      length: bytes[o + 16] ?? 0,
      decimals: bytes[o + 17] ?? 0,
      offset,
    };
    offset += field.length;
    (SUPPORTED.has(field.type) ? fields : ignored).push(field);
  }
  if (offset > recordLength)
    throw new ImportError('corrupt_file', { file, reason: 'DBF fields exceed record length' });
  return { count, headerLength, recordLength, ldid: bytes[29] ?? 0, fields, ignored, bytes };
}

function trimEnd(bytes: Uint8Array): Uint8Array {
  let end = bytes.byteLength;
  while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
  return bytes.subarray(0, end);
}

function hasHighByte(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

function fieldBytes(table: DbfTable, record: number, field: DbfField): Uint8Array {
  const at = table.headerLength + record * table.recordLength + field.offset;
  return table.bytes.subarray(at, at + field.length);
}

/** A field name for messages before the encoding is chosen. */
function provisionalName(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

/** Non-ASCII text of field names and the first records' text fields, for encoding detection. */
export function textSamples(table: DbfTable, maxSamples = 2000): TextSample[] {
  const samples: TextSample[] = [];
  for (const f of [...table.fields, ...table.ignored]) {
    if (hasHighByte(f.nameBytes)) samples.push({ field: '(field name)', bytes: f.nameBytes });
  }
  const text = table.fields.filter((f) => f.type === 'C');
  for (let r = 0; r < table.count && samples.length < maxSamples; r++) {
    for (const f of text) {
      const bytes = trimEnd(fieldBytes(table, r, f));
      if (hasHighByte(bytes)) samples.push({ field: provisionalName(f.nameBytes), bytes });
    }
  }
  return samples;
}

/** Decode field names (unique, in order) with the chosen encoding. */
export function nameFields(table: DbfTable, decoder: TextDecoder): void {
  const seen = new Set<string>();
  for (const f of table.fields) {
    const base = decoder.decode(f.nameBytes).trim() || `field_${f.offset}`;
    let name = base;
    for (let k = 2; seen.has(name); k++) name = `${base}_${k}`;
    seen.add(name);
    f.name = name;
  }
  for (const f of table.ignored) f.name = decoder.decode(f.nameBytes).trim();
}

function fieldType(f: DbfField): FieldType {
  if (f.type === 'C') return 'string';
  if (f.type === 'L') return 'boolean';
  if (f.type === 'D') return 'date';
  if (f.type === 'I' || f.type === '+') return 'integer';
  if ((f.type === 'N' || f.type === 'F') && f.decimals === 0 && f.length < 16) return 'integer';
  return 'number';
}

/** Field list for the layer. */
export function dbfFieldInfo(table: DbfTable): FieldInfo[] {
  return table.fields.map((f) => ({ name: f.name, type: fieldType(f) }));
}

const ascii = new TextDecoder('latin1');

function value(table: DbfTable, record: number, f: DbfField, decoder: TextDecoder): unknown {
  const bytes = fieldBytes(table, record, f);
  switch (f.type) {
    case 'C': {
      const t = trimEnd(bytes);
      return t.byteLength === 0 ? null : decoder.decode(t);
    }
    case 'N':
    case 'F': {
      const s = ascii.decode(bytes).trim();
      const n = s === '' || /^[*?]+$/.test(s) ? NaN : Number(s.replace(/^\+/, ''));
      return Number.isFinite(n) ? n : null;
    }
    case 'L': {
      const c = String.fromCharCode(bytes[0] ?? 0x3f);
      return 'TtYy'.includes(c) ? true : 'FfNn'.includes(c) ? false : null;
    }
    case 'D': {
      const s = ascii.decode(bytes).trim();
      return /^\d{8}$/.test(s) && s !== '00000000'
        ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`
        : null;
    }
    case 'I':
    case '+':
      return bytes.byteLength >= 4 ? new DataView(bytes.buffer, bytes.byteOffset, 4).getInt32(0, true) : null;
    case 'O': {
      const n =
        bytes.byteLength >= 8 ? new DataView(bytes.buffer, bytes.byteOffset, 8).getFloat64(0, true) : NaN;
      return Number.isFinite(n) ? n : null;
    }
    default:
      return null;
  }
}

/** Attributes of record `record`, or null when the record is marked deleted. */
export function readRecord(table: DbfTable, record: number, decoder: TextDecoder): FeatureProps | null {
  if (table.bytes[table.headerLength + record * table.recordLength] === 0x2a) return null;
  const props: FeatureProps = {};
  for (const f of table.fields) props[f.name] = value(table, record, f, decoder);
  return props;
}
