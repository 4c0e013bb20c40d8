/** Patch ids: `<county code>-<year>-<4-digit sequence>`, e.g. `450521-2026-0007`. */
import { formatPatchId as brandPatchId, type PatchId } from '../ids.ts';

/** Thrown for malformed id parts or an exhausted sequence. */
export class PatchIdError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PatchIdError';
  }
}

/** Highest sequence ever issued per `<county>-<year>` key; never lowered, so ids are never reused. */
export type IssuedSequences = Readonly<Record<string, number>>;

/** Largest sequence that fits the 4-digit field. */
export const MAX_SEQUENCE = 9999;

const PATCH_ID = /^(\d{6})-(\d{4})-(\d{4})$/;

/** The key of one county's sequence in one year: `450521-2026`. */
export function sequenceKey(countyCode: string, year: number): string {
  if (!/^\d{6}$/.test(countyCode)) throw new PatchIdError(`county code must have 6 digits: "${countyCode}"`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new PatchIdError(`bad year: ${year}`);
  return `${countyCode}-${year}`;
}

/** Formats one id after checking its parts (6-digit county, 4-digit year, sequence 1…9999). */
export function formatPatchId(countyCode: string, year: number, sequence: number): PatchId {
  sequenceKey(countyCode, year);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE) {
    throw new PatchIdError(`sequence out of range 1…${MAX_SEQUENCE}: ${sequence}`);
  }
  return brandPatchId(countyCode, year, sequence);
}

/** Splits an id into its parts, or null when it is not a patch id. */
export function parsePatchId(id: string): { countyCode: string; year: number; sequence: number } | null {
  const m = PATCH_ID.exec(id);
  if (!m || Number(m[3]) === 0) return null;
  return { countyCode: m[1] as string, year: Number(m[2]), sequence: Number(m[3]) };
}

/**
 * Rebuilds the high-water marks from ids ever issued (including rejected and deleted patches' ids, which
 * the event log keeps): the largest sequence per county and year.
 */
export function highestIssued(ids: Iterable<string>): Record<string, number> {
  const issued: Record<string, number> = {};
  for (const id of ids) {
    const parsed = parsePatchId(id);
    if (!parsed) continue;
    const key = `${parsed.countyCode}-${parsed.year}`;
    issued[key] = Math.max(issued[key] ?? 0, parsed.sequence);
  }
  return issued;
}

/**
 * Allocates new ids: each request (a county code) takes the next sequence after the highest ever issued
 * for its county and year. Pure: returns the ids in request order and the updated marks, never mutating
 * the input, and never handing out a number at or below a mark.
 */
export function allocatePatchIds(
  countyCodes: readonly string[],
  year: number,
  issued: IssuedSequences,
): { ids: PatchId[]; issued: Record<string, number> } {
  const next: Record<string, number> = { ...issued };
  const ids = countyCodes.map((county) => {
    const key = sequenceKey(county, year);
    const sequence = (next[key] ?? 0) + 1;
    if (sequence > MAX_SEQUENCE) throw new PatchIdError(`no sequence left for ${key} (max ${MAX_SEQUENCE})`);
    next[key] = sequence;
    return formatPatchId(county, year, sequence);
  });
  return { ids, issued: next };
}
