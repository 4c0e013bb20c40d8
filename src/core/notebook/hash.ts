/**
 * Stable JSON and a short content hash, to tell whether a cell's inputs changed since its output was made.
 * Not cryptographic: a 64-bit FNV-1a over the stable JSON text is plenty for change detection.
 */

/** JSON text with object keys sorted, so equal values always give equal text. */
export function stableStringify(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => stableStringify(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/** 64-bit FNV-1a of a string's UTF-16 code units, as 16 hex digits. */
export function hashText(text: string): string {
  // Two 32-bit halves of the 64-bit state, multiplied by the FNV prime 2^40 + 0x1b3 by hand.
  let h1 = 0xcbf29ce4;
  let h0 = 0x84222325;
  for (let i = 0; i < text.length; i += 1) {
    h0 = (h0 ^ text.charCodeAt(i)) >>> 0;
    const lo = h0 * 0x1b3;
    const hi = h1 * 0x1b3 + (h0 << 8) + Math.floor(lo / 0x1_0000_0000);
    h0 = lo >>> 0;
    h1 = hi >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h0.toString(16).padStart(8, '0');
}

/** Hash of any JSON-like value (stable under key order). */
export function hashValue(value: unknown): string {
  return hashText(stableStringify(value));
}
