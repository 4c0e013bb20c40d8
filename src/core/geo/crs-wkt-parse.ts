/**
 * A tolerant tokenizer/parser for WKT (OGC WKT1, ESRI WKT1 and ISO WKT2) into a plain tree.
 * It knows nothing about CRSs; `crs-wkt.ts` reads the tree.
 */

/** `KEYWORD[arg, …]`; bare words such as `EAST` or `Cartesian` are nodes with no args and `bare: true`. */
export interface WktNode {
  keyword: string;
  args: WktValue[];
  bare?: boolean;
}

export type WktValue = WktNode | string | number;

/** Thrown on text that is not WKT. */
export class WktSyntaxError extends Error {
  override readonly name = 'WktSyntaxError';
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at ${position}`);
  }
}

const OPEN = new Set(['[', '(']);
const CLOSE = new Set([']', ')']);

/** Parse one WKT value (the whole text must be one node, trailing whitespace allowed). */
export function parseWkt(text: string): WktNode {
  let pos = 0;

  const skipSpace = (): void => {
    while (pos < text.length && /\s/.test(text[pos] ?? '')) pos++;
  };

  const readString = (): string => {
    // WKT escapes a double quote by doubling it.
    let out = '';
    pos++;
    for (;;) {
      if (pos >= text.length) throw new WktSyntaxError('unterminated string', pos);
      const c = text[pos];
      if (c === '"') {
        if (text[pos + 1] === '"') {
          out += '"';
          pos += 2;
          continue;
        }
        pos++;
        return out;
      }
      out += c;
      pos++;
    }
  };

  const readValue = (): WktValue => {
    skipSpace();
    const c = text[pos];
    if (c === undefined) throw new WktSyntaxError('unexpected end', pos);
    if (c === '"') return readString();
    const numberMatch = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(pos, pos + 40));
    if (numberMatch && (c === '-' || c === '+' || c === '.' || (c >= '0' && c <= '9'))) {
      pos += numberMatch[0].length;
      return Number(numberMatch[0]);
    }
    return readNode();
  };

  const readNode = (): WktNode => {
    skipSpace();
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(pos, pos + 64));
    if (!match) throw new WktSyntaxError(`unexpected character ${JSON.stringify(text[pos])}`, pos);
    const keyword = match[0].toUpperCase();
    pos += match[0].length;
    skipSpace();
    if (!OPEN.has(text[pos] ?? '')) return { keyword, args: [], bare: true };
    pos++;
    const args: WktValue[] = [];
    skipSpace();
    if (CLOSE.has(text[pos] ?? '')) {
      pos++;
      return { keyword, args };
    }
    for (;;) {
      args.push(readValue());
      skipSpace();
      const c = text[pos];
      if (c === ',') {
        pos++;
        continue;
      }
      if (c !== undefined && CLOSE.has(c)) {
        pos++;
        return { keyword, args };
      }
      throw new WktSyntaxError(c === undefined ? 'unexpected end' : `expected , or ] but found ${c}`, pos);
    }
  };

  const root = readNode();
  skipSpace();
  if (pos < text.length) throw new WktSyntaxError('trailing text', pos);
  if (root.bare) throw new WktSyntaxError('not a WKT node', 0);
  return root;
}

/** Child nodes of `node` with one of the keywords. */
export function children(node: WktNode, keywords: readonly string[]): WktNode[] {
  return node.args.filter((a): a is WktNode => typeof a === 'object' && keywords.includes(a.keyword));
}

/** First child node with one of the keywords. */
export function child(node: WktNode, keywords: readonly string[]): WktNode | undefined {
  return children(node, keywords)[0];
}

/** The node's first argument when it is a string (the name of most WKT nodes). */
export function nodeName(node: WktNode | undefined): string {
  const first = node?.args[0];
  return typeof first === 'string' ? first : '';
}

/** The numeric argument at `index`, or undefined. */
export function numberArg(node: WktNode | undefined, index: number): number | undefined {
  const value = node?.args[index];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}
