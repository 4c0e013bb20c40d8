/**
 * Season of an acquisition date and the warning when two dates fall in different seasons: vegetation then
 * changes with phenology, and vegetation loss may be the season rather than an activity.
 */

/** Meteorological season 0–3 (winter, spring, summer, autumn) of a YYYY-MM-DD date at a latitude. */
export function seasonOf(date: string, lat: number): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return null;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  // Dec–Feb winter in the north; the south is six months apart.
  const shifted = lat < 0 ? ((month + 5) % 12) + 1 : month;
  return Math.floor((shifted % 12) / 3);
}

/**
 * True when both dates are known and fall in different seasons. Within ±15° of the equator seasons are
 * wet/dry rather than thermal, so only gaps of more than 2 months warn there.
 */
export function seasonsDiffer(
  t1: string | null | undefined,
  t2: string | null | undefined,
  lat: number,
): boolean {
  if (!t1 || !t2) return false;
  if (Math.abs(lat) < 15) {
    const m1 = Number(t1.slice(5, 7));
    const m2 = Number(t2.slice(5, 7));
    const gap = Math.abs(m1 - m2);
    return Math.min(gap, 12 - gap) > 2;
  }
  const a = seasonOf(t1, lat);
  const b = seasonOf(t2, lat);
  return a !== null && b !== null && a !== b;
}
