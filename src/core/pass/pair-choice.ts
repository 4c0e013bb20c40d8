/**
 * Which pair of scenes a tile uses. Among the candidate pairs that cover the most of the tile's search region,
 * the least cloud wins (cloud and shadow share of both dates, compared in whole percent so that a fraction of a
 * percent does not beat a better season), then the closest season (day-of-year distance of the two dates,
 * around the year end too), then the latest (T2 date, then T1 date), then the file names (so the choice never
 * depends on the order scenes were given). The choice records why it was made.
 */

/** One scene of a candidate pair. */
export interface SceneRef {
  /** File name (unique within its date). */
  name: string;
  /** Acquisition date YYYY-MM-DD, when known. */
  date: string | null;
}

/** A pair that could serve a tile, with what was measured of it there. */
export interface PairCandidate {
  t1: SceneRef;
  t2: SceneRef;
  /** Sample cells of the tile's search region covered by both scenes. */
  covered: number;
  /** Cloud and shadow share (0–1) of each date in the tile, when measured. */
  cloud?: { t1: number; t2: number };
}

/** What decided the choice: the only pair, coverage, cloud, season, date, or the file names as last resort. */
export type PairReason = 'only_pair' | 'most_coverage' | 'least_cloud' | 'closest_season' | 'latest' | 'name';

export interface PairChoice {
  chosen: PairCandidate;
  reason: PairReason;
  /** The candidates in order of preference (the chosen one first). */
  ranked: PairCandidate[];
}

/** Day of the year (1–366) of a YYYY-MM-DD date; null when absent or malformed. */
export function dayOfYear(date: string | null): number | null {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (!Number.isFinite(t)) return null;
  return Math.round((t - Date.UTC(Number(m[1]), 0, 1)) / 86_400_000) + 1;
}

/** Days between the seasons of two dates (0–183), or null when a date is unknown. */
export function seasonDistance(a: string | null, b: string | null): number | null {
  const da = dayOfYear(a);
  const db = dayOfYear(b);
  if (da === null || db === null) return null;
  const d = Math.abs(da - db);
  return Math.min(d, 365 - d);
}

/** Cloud of a pair in whole percent (unmeasured counts as none). */
const cloudPercent = (c: PairCandidate): number =>
  c.cloud ? Math.round(100 * (c.cloud.t1 + c.cloud.t2)) : 0;

/** Unknown dates sort after known ones (an unknown season is never "closest"). */
const seasonKey = (c: PairCandidate): number => seasonDistance(c.t1.date, c.t2.date) ?? 1000;

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The criteria in order; each returns < 0 when `a` is preferred. */
const CRITERIA: readonly [PairReason, (a: PairCandidate, b: PairCandidate) => number][] = [
  ['most_coverage', (a, b) => b.covered - a.covered],
  ['least_cloud', (a, b) => cloudPercent(a) - cloudPercent(b)],
  ['closest_season', (a, b) => seasonKey(a) - seasonKey(b)],
  [
    'latest',
    (a, b) => compareText(b.t2.date ?? '', a.t2.date ?? '') || compareText(b.t1.date ?? '', a.t1.date ?? ''),
  ],
  ['name', (a, b) => compareText(a.t2.name, b.t2.name) || compareText(a.t1.name, b.t1.name)],
];

/** Order two candidates; also says which criterion decided. */
function compare(a: PairCandidate, b: PairCandidate): { order: number; reason: PairReason } {
  for (const [reason, criterion] of CRITERIA) {
    const order = criterion(a, b);
    if (order !== 0) return { order, reason };
  }
  return { order: 0, reason: 'name' };
}

/** Choose a tile's pair; null when there is no candidate covering any of the region. */
export function choosePair(candidates: readonly PairCandidate[]): PairChoice | null {
  const usable = candidates.filter((c) => c.covered > 0);
  if (usable.length === 0) return null;
  const ranked = [...usable].sort((a, b) => compare(a, b).order);
  const chosen = ranked[0]!;
  const reason: PairReason = ranked.length === 1 ? 'only_pair' : compare(chosen, ranked[1]!).reason;
  return { chosen, reason, ranked };
}

/** The candidates worth measuring cloud on: those with the most coverage (cloud is read only for them). */
export function bestCovered(candidates: readonly PairCandidate[]): PairCandidate[] {
  const most = Math.max(0, ...candidates.map((c) => c.covered));
  return most > 0 ? candidates.filter((c) => c.covered === most) : [];
}
