/**
 * hyparquet's run-length decoder writes a run's whole count into its output array without checking it against
 * the page's value count, so one forged run header (2^31 repeats) grows an array until V8 aborts the process —
 * in a browser, the whole tab. This walks the run headers of every level and dictionary-index section first.
 */
import { gunzipSync } from 'fflate';
import type { CompressionCodec, PageHeader } from 'hyparquet';
import { snappyUncompress } from 'hyparquet';
import { ImportError } from './import-error.ts';

export interface Levels {
  maxDefinition: number;
  maxRepetition: number;
}

const bitWidth = (value: number): number => 32 - Math.clz32(value);

class Cursor {
  constructor(
    readonly bytes: Uint8Array,
    public at = 0,
  ) {}
  get left(): number {
    return this.bytes.byteLength - this.at;
  }
  byte(): number {
    if (this.at >= this.bytes.byteLength) throw new RangeError('past the end');
    return this.bytes[this.at++] as number;
  }
  uint32(): number {
    return (this.byte() | (this.byte() << 8) | (this.byte() << 16) | (this.byte() << 24)) >>> 0;
  }
  varint(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.byte();
      value += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return value;
    }
    throw new RangeError('varint too long');
  }
}

/**
 * Walks an RLE/bit-packed hybrid section the way hyparquet reads it (until `count` values are seen) and fails
 * when a repeated run would write past `count`. Running off the end is left to the decoder, which throws.
 */
function checkHybrid(cursor: Cursor, width: number, count: number, end: number): boolean {
  let seen = 0;
  while (seen < count && cursor.at < end) {
    const header = cursor.varint();
    if (header % 2 === 1) {
      const groups = Math.floor(header / 2);
      seen += groups * 8; // bit-packed runs are bounded by the decoder
      cursor.at += groups * width;
    } else {
      const repeats = Math.floor(header / 2);
      if (seen + repeats > count) return false;
      seen += repeats;
      cursor.at += Math.ceil(width / 8);
    }
  }
  return true;
}

function pageBytes(body: Uint8Array, size: number, codec: CompressionCodec): Uint8Array | undefined {
  if (codec === 'UNCOMPRESSED') return body;
  if (codec === 'SNAPPY') {
    const out = new Uint8Array(size);
    snappyUncompress(body, out);
    return out;
  }
  if (codec === 'GZIP') return gunzipSync(body);
  return undefined; // other codecs are refused by the reader itself
}

/** Throws `ImportError('corrupt_file')` when a data page's run lengths exceed its value count. */
export function checkRunLengths(
  file: string,
  body: Uint8Array,
  header: PageHeader,
  codec: CompressionCodec,
  levels: Levels,
  values: number,
): void {
  const bad = (reason: string) => new ImportError('corrupt_file', { file, reason });
  const fits = (cursor: Cursor, width: number, end: number) => {
    if (!checkHybrid(cursor, width, values, end)) throw bad('Parquet run longer than its page');
  };
  try {
    const v2 = header.data_page_header_v2;
    if (v2) {
      const levelsEnd = v2.repetition_levels_byte_length + v2.definition_levels_byte_length;
      if (levels.maxRepetition)
        fits(new Cursor(body), bitWidth(levels.maxRepetition), v2.repetition_levels_byte_length);
      if (levels.maxDefinition)
        fits(new Cursor(body, v2.repetition_levels_byte_length), bitWidth(levels.maxDefinition), levelsEnd);
      const rest = body.subarray(levelsEnd);
      const data =
        v2.is_compressed === false ? rest : pageBytes(rest, header.uncompressed_page_size - levelsEnd, codec);
      if (data) checkValues(new Cursor(data), v2.encoding, fits);
      return;
    }
    const data = pageBytes(body, header.uncompressed_page_size, codec);
    if (!data) return;
    const cursor = new Cursor(data);
    for (const max of [levels.maxRepetition, levels.maxDefinition]) {
      if (!max) continue;
      const length = cursor.uint32(); // v1 level sections carry their byte length
      const end = cursor.at + length;
      fits(cursor, bitWidth(max), end);
      cursor.at = end;
    }
    checkValues(cursor, header.data_page_header?.encoding, fits);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError('corrupt_file', { file, reason: 'unreadable Parquet page' }, { cause: error });
  }
}

/** Dictionary indices and RLE booleans are hybrid runs too. */
function checkValues(
  cursor: Cursor,
  encoding: string | undefined,
  fits: (cursor: Cursor, width: number, end: number) => void,
): void {
  if (cursor.left <= 0) return;
  if (encoding === 'RLE') {
    const end = cursor.at + 4 + cursor.uint32();
    fits(cursor, 1, end);
  } else if (encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY') {
    const width = cursor.byte();
    if (width) fits(cursor, width, cursor.bytes.byteLength);
  }
}
