/**
 * Text to GBK (code page 936) bytes, for DBF files written "GBK on request". The table is the inverse of the
 * platform's own GBK decoder (the one that reads shapefiles), built once on first use: every two-byte GBK code
 * decoded, so writing and reading agree byte for byte.
 */
let table: Map<number, number> | null = null;

function gbkTable(): Map<number, number> {
  if (table) return table;
  const decoder = new TextDecoder('gbk', { fatal: true });
  const map = new Map<number, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      let text: string;
      try {
        text = decoder.decode(pair);
      } catch {
        continue;
      }
      const cp = text.codePointAt(0);
      // First code wins: a few characters have two GBK codes, the lower one is the standard's.
      if (text.length === 1 && cp !== undefined && cp >= 0x80 && !map.has(cp))
        map.set(cp, (lead << 8) | trail);
    }
  map.set(0x20ac, 0x80); // € is the one single-byte code above ASCII in code page 936
  table = map;
  return map;
}

/** A character GBK cannot write. */
export class GbkUnmappable extends Error {
  constructor(readonly character: string) {
    super(
      `character ${character} (U+${character.codePointAt(0)?.toString(16).toUpperCase()}) has no GBK code`,
    );
    this.name = 'GbkUnmappable';
  }
}

/** Encode `text` as GBK; throws GbkUnmappable for a character outside GBK (e.g. an emoji). */
export function encodeGbk(text: string): Uint8Array {
  const codes = gbkTable();
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    const code = codes.get(cp);
    if (code === undefined) throw new GbkUnmappable(ch);
    if (code < 0x100) out.push(code);
    else out.push(code >> 8, code & 0xff);
  }
  return Uint8Array.from(out);
}
