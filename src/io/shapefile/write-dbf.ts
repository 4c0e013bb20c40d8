/**
 * dBASE III table (.dbf) writer for shapefile exports: text (C) and number (N) fields, field names of at most
 * 10 ASCII bytes, text in the caller's encoding. A text value longer than its field (254 bytes at most) is cut at
 * a character boundary, never inside a multi-byte character, and counted so the caller can say so.
 */

export interface DbfFieldSpec {
  /** ASCII, 1–10 bytes. */
  readonly name: string;
  readonly type: 'C' | 'N';
  /** Bytes: ≤ 254 for text, ≤ 20 for numbers. */
  readonly length: number;
  /** Decimals of a number field. */
  readonly decimals?: number;
}

export interface DbfWriteResult {
  readonly bytes: Uint8Array;
  /** Text values cut to their field's length, per field name. */
  readonly truncated: Readonly<Record<string, number>>;
}

/** Language driver ids (byte 29): 0x4D = code page 936 (GBK); none for UTF-8 (the .cpg says it). */
const LDID: Readonly<Record<'utf-8' | 'gbk', number>> = { 'utf-8': 0x00, gbk: 0x4d };

/** Bytes of `text` cut to at most `max`, ending on a whole character. */
function fitBytes(text: string, max: number, encode: (s: string) => Uint8Array): Uint8Array {
  const whole = encode(text);
  if (whole.length <= max) return whole;
  let out: Uint8Array = new Uint8Array(0);
  let used = '';
  for (const ch of text) {
    const next = encode(used + ch);
    if (next.length > max) break;
    used += ch;
    out = next;
  }
  return out;
}

/** Write the table. Throws RangeError on a bad field spec (a programming error, not user input). */
export function writeDbf(
  fields: readonly DbfFieldSpec[],
  records: readonly (readonly (string | number | null)[])[],
  encoding: 'utf-8' | 'gbk',
  encode: (s: string) => Uint8Array,
  today = new Date(),
): DbfWriteResult {
  for (const f of fields)
    if (!/^[A-Za-z][A-Za-z0-9_]{0,9}$/.test(f.name) || f.length < 1 || f.length > (f.type === 'C' ? 254 : 20))
      throw new RangeError(`bad DBF field ${f.name}`);
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((n, f) => n + f.length, 0);
  const bytes = new Uint8Array(headerLength + recordLength * records.length + 1);
  const v = new DataView(bytes.buffer);
  v.setUint8(0, 0x03);
  v.setUint8(1, today.getUTCFullYear() - 1900);
  v.setUint8(2, today.getUTCMonth() + 1);
  v.setUint8(3, today.getUTCDate());
  v.setUint32(4, records.length, true);
  v.setUint16(8, headerLength, true);
  v.setUint16(10, recordLength, true);
  v.setUint8(29, LDID[encoding]);
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    for (let k = 0; k < f.name.length; k++) bytes[at + k] = f.name.charCodeAt(k);
    bytes[at + 11] = f.type.charCodeAt(0);
    bytes[at + 16] = f.length;
    bytes[at + 17] = f.decimals ?? 0;
  });
  bytes[headerLength - 1] = 0x0d;
  const truncated: Record<string, number> = {};
  records.forEach((record, r) => {
    let at = headerLength + r * recordLength;
    bytes.fill(0x20, at, at + recordLength); // blank: not deleted, empty values
    at += 1;
    fields.forEach((f, i) => {
      const value = record[i];
      let cell: Uint8Array;
      if (value === null || value === undefined || value === '') cell = new Uint8Array(0);
      else if (f.type === 'N') {
        const text = typeof value === 'number' ? value.toFixed(f.decimals ?? 0) : String(value);
        // Right-aligned as dBASE numbers are; a number too wide for its field is left empty rather than cut.
        cell =
          text.length <= f.length
            ? new TextEncoder().encode(text.padStart(f.length, ' '))
            : new Uint8Array(0);
      } else {
        cell = fitBytes(String(value), f.length, encode);
        if (encode(String(value)).length > f.length) truncated[f.name] = (truncated[f.name] ?? 0) + 1;
      }
      bytes.set(cell, at);
      at += f.length;
    });
  });
  bytes[bytes.length - 1] = 0x1a;
  return { bytes, truncated };
}
