/**
 * Branded identifiers, so a persisted id never mixes with another kind of id or with SQL text, and the ULID
 * generator used for event ids (sortable by time, unique across devices without coordination).
 */

declare const brand: unique symbol;
/** A string that has been checked to be a particular kind of identifier. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ProjectId = Brand<string, 'ProjectId'>;
export type LayerId = Brand<string, 'LayerId'>;
export type PatchId = Brand<string, 'PatchId'>;
/** A case is the supervision record of one patch, from detection to 销号: its id is the patch id. */
export type CaseId = Brand<string, 'CaseId'>;
export type EventId = Brand<string, 'EventId'>;
export type EvidenceId = Brand<string, 'EvidenceId'>;
/** A DuckDB table name: lower-case identifier, safe to quote. */
export type TableName = Brand<string, 'TableName'>;

/** Raised when a string is not a valid id of the requested kind. */
export class InvalidIdError extends Error {
  override name = 'InvalidIdError';
  constructor(
    readonly kind: string,
    readonly value: string,
    options?: ErrorOptions,
  ) {
    super(`not a valid ${kind}: ${JSON.stringify(value)}`, options);
  }
}

const ULID_RE = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const TABLE_RE = /^[a-z_][a-z0-9_]{0,62}$/;
/**
 * Patch ids are normally `320115-2026-0001` (see formatPatchId); any short id of letters, digits, `-` and `_`
 * is accepted so that ids from other tools survive a round trip.
 */
const PATCH_RE = /^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$/;
const NONEMPTY_RE = /^[^\s].{0,199}$/u;

function check<T extends string>(kind: string, re: RegExp, value: string): T {
  if (!re.test(value)) throw new InvalidIdError(kind, value);
  return value as T;
}

export const isUlid = (value: string): boolean => ULID_RE.test(value);
export const asEventId = (value: string): EventId => check<EventId>('EventId', ULID_RE, value);
export const asEvidenceId = (value: string): EvidenceId => check<EvidenceId>('EvidenceId', ULID_RE, value);
export const asPatchId = (value: string): PatchId => check<PatchId>('PatchId', PATCH_RE, value);
/** Case ids are patch ids (one case per patch). */
export const asCaseId = (value: string): CaseId => check<CaseId>('CaseId', PATCH_RE, value);
export const caseIdOfPatch = (patch: PatchId): CaseId => patch as string as CaseId;
export const asLayerId = (value: string): LayerId => check<LayerId>('LayerId', NONEMPTY_RE, value);
export const asProjectId = (value: string): ProjectId => check<ProjectId>('ProjectId', NONEMPTY_RE, value);
export const asTableName = (value: string): TableName => check<TableName>('TableName', TABLE_RE, value);

/** `320115-2026-0001`: county code, year, sequence (docs/design-notes.md, data model). */
export function formatPatchId(countyCode: string, year: number, sequence: number): PatchId {
  return asPatchId(`${countyCode}-${year}-${String(sequence).padStart(4, '0')}`);
}

/**
 * Id of a hand-drawn patch: `320115-2026-M` + the last 8 characters (40 random bits) of a ULID, so that two
 * experts drawing on two devices never produce the same id.
 */
export function manualPatchId(countyCode: string, year: number, ulid: string): PatchId {
  if (!isUlid(ulid)) throw new InvalidIdError('ULID', ulid);
  return asPatchId(`${countyCode}-${year}-M${ulid.slice(-8)}`);
}

// ---------------------------------------------------------------- ULID

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_LEN = 10;
const RANDOM_LEN = 16;
const MAX_TIME = 2 ** 48 - 1;

/** Sources a ULID factory reads: inject fixed ones in tests. */
export interface UlidSources {
  /** Milliseconds since the epoch. */
  now?: () => number;
  /** Fills the array with random bytes. */
  random?: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array;
}

/** Raised when the random part of a ULID overflows within one millisecond (2^80 ids: practically never). */
export class UlidOverflowError extends Error {
  override name = 'UlidOverflowError';
}

function encodeTime(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_TIME) throw new RangeError(`ULID time out of range: ${ms}`);
  let out = '';
  let rest = ms;
  for (let i = 0; i < TIME_LEN; i += 1) {
    out = CROCKFORD[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/** Milliseconds encoded in a ULID. */
export function ulidTime(ulid: string): number {
  if (!isUlid(ulid)) throw new InvalidIdError('ULID', ulid);
  let ms = 0;
  for (const ch of ulid.slice(0, TIME_LEN)) ms = ms * 32 + CROCKFORD.indexOf(ch);
  return ms;
}

/**
 * A monotonic ULID generator: ids from one factory always sort in creation order, even within one
 * millisecond or when the clock steps back (the last time is reused and the random part incremented).
 */
export function createUlidFactory(sources: UlidSources = {}): () => string {
  const now = sources.now ?? (() => Date.now());
  const random =
    sources.random ?? ((bytes: Uint8Array<ArrayBuffer>) => globalThis.crypto.getRandomValues(bytes));
  let lastTime = -1;
  let lastRandom: number[] = [];
  return () => {
    const time = now();
    if (time > lastTime) {
      const bytes = random(new Uint8Array(RANDOM_LEN));
      lastRandom = Array.from(bytes, (b) => b & 31);
      lastTime = time;
    } else {
      lastRandom = increment(lastRandom);
    }
    return encodeTime(lastTime) + lastRandom.map((d) => CROCKFORD[d]).join('');
  };
}

function increment(digits: readonly number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i -= 1) {
    const d = next[i] ?? 0;
    if (d < 31) {
      next[i] = d + 1;
      return next;
    }
    next[i] = 0;
  }
  throw new UlidOverflowError('ULID random part overflowed within one millisecond');
}

/** The page-wide default generator (real clock, WebCrypto randomness). */
export const ulid: () => string = createUlidFactory();
