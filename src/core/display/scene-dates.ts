// Acquisition dates of scenes: read from the header or the file name, T1/T2 chosen by date, seasons compared.

/** A date in TIFF DateTime ("2018:03:09 10:20:00"), ISO or GDAL metadata text, as YYYY-MM-DD; null if none. */
export function dateFromText(value: string): string | null {
  const match = /((?:19|20)\d{2})[-:/.]?(0[1-9]|1[0-2])[-:/.]?(0[1-9]|[12]\d|3[01])/.exec(value);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/** Metadata items that name when a scene was taken, most specific first. */
export const DATE_KEYS = [
  'ACQUISITIONDATETIME',
  'ACQUISITION_DATE',
  'DATE_ACQUIRED',
  'SENSING_TIME',
  'PRODUCT_START_TIME',
  'DATATAKE_1_DATATAKE_SENSING_START',
  'TIFFTAG_DATETIME',
  'DATE',
] as const;

/** Where a scene's date came from. */
export type DateSource = 'metadata' | 'tiff_datetime' | 'file_name';

/**
 * The acquisition date from GDAL metadata, then the TIFF DateTime tag, then the file name. The TIFF tag is
 * often the processing date, so acquisition items in the metadata win over it.
 */
export function sceneDate(input: {
  metadata: Readonly<Record<string, string>>;
  tiffDateTime: string | null;
  fileName: string;
}): { date: string; source: DateSource } | null {
  for (const key of DATE_KEYS) {
    const value = input.metadata[key];
    const date = value ? dateFromText(value) : null;
    if (date && key !== 'TIFFTAG_DATETIME') return { date, source: 'metadata' };
  }
  const tag = input.tiffDateTime ?? input.metadata.TIFFTAG_DATETIME ?? null;
  const fromTag = tag ? dateFromText(tag) : null;
  if (fromTag) return { date: fromTag, source: 'tiff_datetime' };
  const base = input.fileName.replace(/^.*[\\/]/, '');
  const fromName = /(19|20)\d{2}[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])/.exec(base);
  return fromName ? { date: dateFromText(fromName[0])!, source: 'file_name' } : null;
}

/**
 * T1 (earlier) and T2 (later) of two dated scenes; null when either date is missing or both are the same day
 * (then the order says nothing and the user picks).
 */
export function chooseByDate<T extends { acquiredOn: string | null }>(
  scenes: readonly T[],
): { t1: T; t2: T } | null {
  if (scenes.length !== 2) return null;
  const [a, b] = scenes as [T, T];
  if (!a.acquiredOn || !b.acquiredOn || a.acquiredOn === b.acquiredOn) return null;
  return a.acquiredOn < b.acquiredOn ? { t1: a, t2: b } : { t1: b, t2: a };
}

export type Season = 'spring' | 'summer' | 'autumn' | 'winter';

/** Meteorological season of a date (Mar–May spring, …), swapped south of the equator. */
export function seasonOf(date: string, latitude = 30): Season {
  const month = Number(date.slice(5, 7));
  const seasons: Season[] = ['winter', 'spring', 'summer', 'autumn'];
  const north = Math.floor((month % 12) / 3);
  return seasons[latitude < 0 ? (north + 2) % 4 : north]!;
}

/** The two seasons when T1 and T2 fall in different ones (vegetation and sun differ: more false change). */
export function seasonMismatch(
  t1: string | null,
  t2: string | null,
  latitude?: number,
): { t1: Season; t2: Season } | null {
  if (!t1 || !t2) return null;
  const one = seasonOf(t1, latitude);
  const two = seasonOf(t2, latitude);
  return one === two ? null : { t1: one, t2: two };
}
