/**
 * Streaming GeoJSON scanner: walks the bytes of the top-level object once, hands back each top-level member
 * (`type`, `crs`, `name`, …) and each element of the `features` array as soon as its last byte arrives, and
 * never holds more text than one feature. Only structural ASCII bytes are inspected, so UTF-8 (and GBK, whose
 * trail bytes never equal `"` `\` `{` `}` `[` `]` `,`) pass through untouched.
 */
import { ImportError } from './import-error.ts';

export type GeoJsonEvent =
  { kind: 'member'; key: string; value: unknown } | { kind: 'feature'; index: number; value: unknown };

const enum State {
  Start,
  Key,
  InKey,
  Colon,
  Value,
  InValue,
  FeaturesNext,
  InFeature,
  AfterValue,
  Done,
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const BOM = [0xef, 0xbb, 0xbf];

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function concat(pieces: Uint8Array[], last: Uint8Array): Uint8Array {
  if (pieces.length === 0) return last;
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.byteLength, last.byteLength));
  let o = 0;
  for (const p of [...pieces, last]) {
    out.set(p, o);
    o += p.byteLength;
  }
  return out;
}

export class GeoJsonScanner {
  private state = State.Start;
  private base = 0;
  private nest = 0;
  private inString = false;
  private escape = false;
  private pieces: Uint8Array[] = [];
  private captureAt = 0;
  private key = '';
  private featureIndex = 0;
  /** Features that started and ended inside the current chunk: parsed together as one JSON array. */
  private batch: { from: number; to: number; spans: number[] } = { from: -1, to: -1, spans: [] };
  private utf8 = new TextDecoder('utf-8', { fatal: true });
  /** Set when the text was not UTF-8 and was decoded as GBK instead. */
  encodingFallback: string | null = null;

  constructor(private readonly file: string) {}

  /** Bytes consumed so far. */
  get position(): number {
    return this.base;
  }

  private fail(offset: number): never {
    throw new ImportError('invalid_json', { file: this.file, position: offset });
  }

  private decode(bytes: Uint8Array): string {
    if (!this.encodingFallback) {
      try {
        return this.utf8.decode(bytes);
      } catch {
        this.encodingFallback = 'GBK';
      }
    }
    return new TextDecoder('gbk').decode(bytes);
  }

  private parse(bytes: Uint8Array, offset: number): unknown {
    try {
      return JSON.parse(this.decode(bytes)) as unknown;
    } catch (error) {
      throw new ImportError('invalid_json', { file: this.file, position: offset }, { cause: error });
    }
  }

  /** Scan one value's bytes from `i`; returns the index of its terminator (`,` `}` `]` at depth 0) or -1. */
  private scanValue(buf: Uint8Array, from: number): number {
    let i = from;
    const n = buf.length;
    while (i < n) {
      if (this.inString) {
        // Jump to the next quote; an odd run of backslashes before it means it is escaped.
        if (this.escape) {
          this.escape = false;
          i++;
          continue;
        }
        const q = buf.indexOf(QUOTE, i);
        if (q < 0) {
          this.escape = buf[n - 1] === BACKSLASH && countBackslashes(buf, n - 1, i) % 2 === 1;
          return -1;
        }
        if (countBackslashes(buf, q - 1, i) % 2 === 1) {
          i = q + 1;
          continue;
        }
        this.inString = false;
        i = q + 1;
        continue;
      }
      const c = buf[i] as number;
      if (c === QUOTE) this.inString = true;
      else if (c === 0x7b || c === 0x5b) this.nest++;
      else if (c === 0x7d || c === 0x5d) {
        if (this.nest === 0) return i;
        this.nest--;
      } else if (c === COMMA && this.nest === 0) return i;
      i++;
    }
    return -1;
  }

  /** Feed the next chunk; returns the members and features completed in it. */
  push(buf: Uint8Array): GeoJsonEvent[] {
    const events: GeoJsonEvent[] = [];
    let i = 0;
    const n = buf.length;
    if (this.state === State.InKey || this.state === State.InValue || this.state === State.InFeature)
      this.captureAt = 0;
    while (i < n) {
      const c = buf[i] as number;
      switch (this.state) {
        case State.Start:
          // UTF-8 byte-order mark (possibly split across chunks).
          if (isSpace(c) || (this.base + i < 3 && c === BOM[this.base + i])) break;
          if (c !== 0x7b) {
            const type = c === 0x5b ? 'array' : 'not an object';
            if (c === 0x5b) throw new ImportError('not_geojson', { file: this.file, type });
            this.fail(this.base + i);
          }
          this.state = State.Key;
          break;
        case State.Key:
          if (isSpace(c)) break;
          if (c === 0x7d) this.state = State.Done;
          else if (c === QUOTE) {
            this.state = State.InKey;
            this.captureAt = i + 1;
            this.pieces = [];
            this.escape = false;
          } else this.fail(this.base + i);
          break;
        case State.InKey:
          if (this.escape) this.escape = false;
          else if (c === BACKSLASH) this.escape = true;
          else if (c === QUOTE) {
            const raw = concat(this.pieces, buf.subarray(this.captureAt, i));
            this.key = String(
              this.parse(concat([new Uint8Array([QUOTE]), raw], new Uint8Array([QUOTE])), this.base + i),
            );
            this.pieces = [];
            this.state = State.Colon;
          }
          break;
        case State.Colon:
          if (isSpace(c)) break;
          if (c !== COLON) this.fail(this.base + i);
          this.state = State.Value;
          break;
        case State.Value:
          if (isSpace(c)) break;
          if (this.key === 'features' && c === 0x5b) {
            this.state = State.FeaturesNext;
            break;
          }
          this.startCapture(i, State.InValue);
          continue;
        case State.FeaturesNext:
          if (isSpace(c)) break;
          if (c === 0x5d) {
            this.state = State.AfterValue;
            break;
          }
          this.startCapture(i, State.InFeature);
          continue;
        case State.InValue:
        case State.InFeature: {
          const end = this.scanValue(buf, i);
          if (end < 0) {
            i = n;
            continue;
          }
          const offset = this.base + end;
          const term = buf[end];
          if (this.state === State.InFeature && this.pieces.length === 0) {
            if (this.batch.from < 0) this.batch.from = this.captureAt;
            this.batch.to = end;
            this.batch.spans.push(this.captureAt, end);
          } else {
            this.flush(buf, events);
            const value = this.parse(concat(this.pieces, buf.subarray(this.captureAt, end)), offset);
            if (this.state === State.InValue) events.push({ kind: 'member', key: this.key, value });
            else events.push({ kind: 'feature', index: this.featureIndex++, value });
          }
          this.pieces = [];
          if (this.state === State.InValue) {
            this.state = term === COMMA ? State.Key : term === 0x7d ? State.Done : this.fail(offset);
          } else {
            this.state =
              term === COMMA ? State.FeaturesNext : term === 0x5d ? State.AfterValue : this.fail(offset);
          }
          i = end + 1;
          continue;
        }
        case State.AfterValue:
          if (isSpace(c)) break;
          if (c === COMMA) this.state = State.Key;
          else if (c === 0x7d) this.state = State.Done;
          else this.fail(this.base + i);
          break;
        case State.Done:
          if (!isSpace(c) && c !== 0) this.fail(this.base + i);
          break;
      }
      i++;
    }
    this.flush(buf, events);
    if (this.state === State.InKey || this.state === State.InValue || this.state === State.InFeature) {
      this.pieces.push(buf.slice(this.captureAt));
    }
    this.base += n;
    return events;
  }

  /** Parse the pending same-chunk features with one decode + one JSON.parse (much cheaper than one each). */
  private flush(buf: Uint8Array, events: GeoJsonEvent[]): void {
    const { from, to, spans } = this.batch;
    if (from < 0) return;
    this.batch = { from: -1, to: -1, spans: [] };
    let values: unknown[];
    try {
      values = JSON.parse(`[${this.decode(buf.subarray(from, to))}]`) as unknown[];
    } catch {
      // Find the culprit to report its position.
      values = [];
      for (let k = 0; k < spans.length; k += 2) {
        values.push(this.parse(buf.subarray(spans[k], spans[k + 1]), this.base + (spans[k] ?? 0)));
      }
    }
    for (const value of values) events.push({ kind: 'feature', index: this.featureIndex++, value });
  }

  private startCapture(i: number, state: State.InValue | State.InFeature): void {
    this.state = state;
    this.captureAt = i;
    this.pieces = [];
    this.nest = 0;
    this.inString = false;
    this.escape = false;
  }

  /** Call after the last chunk: throws `empty_file` / `truncated_file` when the text ended early. */
  end(): void {
    if (this.state === State.Done) return;
    if (this.base === 0 || this.state === State.Start)
      throw new ImportError('empty_file', { file: this.file });
    throw new ImportError('truncated_file', { file: this.file, actual: this.base });
  }
}

/** Number of consecutive backslashes ending at `at` (not before `floor`). */
function countBackslashes(buf: Uint8Array, at: number, floor: number): number {
  let k = 0;
  for (let j = at; j >= floor && buf[j] === BACKSLASH; j--) k++;
  return k;
}

/** Members and features of a GeoJSON byte stream, in file order. */
export async function* scanGeoJson(
  file: string,
  chunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<GeoJsonEvent> {
  const scanner = new GeoJsonScanner(file);
  for await (const chunk of chunks) yield* scanner.push(chunk);
  scanner.end();
}
