/**
 * The assessment's entered indicators (管理 dimension and qualitative indicators a province reports: 制度落实,
 * 公众满意度, 生态破坏/环境污染事件 …) as an append-only ledger: each entry keeps its value, source and date, the
 * latest entry per indicator is the one in effect, and earlier ones stay as its history.
 */
import { z } from 'zod';

/** Indicators a province enters by hand; codes never change (labels live in the i18n catalog). */
export const ENTERED_INDICATORS = [
  'institution',
  'satisfaction',
  'damage_events',
  'pollution_events',
  'rectification_rate',
] as const;
export type EnteredIndicator = (typeof ENTERED_INDICATORS)[number];

/** Dimension each entered indicator belongs to: 管理 (management) or 定性 (qualitative). */
export const INDICATOR_DIMENSION: Readonly<Record<EnteredIndicator, 'management' | 'qualitative'>> = {
  institution: 'management',
  rectification_rate: 'management',
  satisfaction: 'qualitative',
  damage_events: 'qualitative',
  pollution_events: 'qualitative',
};

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export const AssessmentEntrySchema = z.object({
  indicator: z.enum(ENTERED_INDICATORS),
  value: z.number().finite(),
  /** Where the figure comes from (a survey, a department's report …): required, a figure without it is not evidence. */
  source: z.string().trim().min(1).max(500),
  /** Date the figure refers to or was reported on. */
  date: IsoDate,
  /** When it was entered (ISO instant): orders entries of the same date. */
  enteredAt: z.string().min(1),
});
export type AssessmentEntry = z.infer<typeof AssessmentEntrySchema>;

/** Why an entry was refused, as a code the UI turns into words. */
export type EntryProblem = 'value' | 'source' | 'date' | 'range';

/** Bounds an entered value must respect (percentages 0–100, counts whole and not negative). */
const RANGES: Readonly<Record<EnteredIndicator, { min: number; max?: number; integer?: boolean }>> = {
  institution: { min: 0, max: 100 },
  satisfaction: { min: 0, max: 100 },
  rectification_rate: { min: 0, max: 100 },
  damage_events: { min: 0, integer: true },
  pollution_events: { min: 0, integer: true },
};

/** Checks a raw entry from a form: the first problem found, or the entry. Nothing is written on a problem. */
export function checkEntry(raw: {
  indicator: EnteredIndicator;
  value: string;
  source: string;
  date: string;
  enteredAt: string;
}): { ok: true; entry: AssessmentEntry } | { ok: false; problem: EntryProblem } {
  const text = raw.value.trim();
  const value = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) return { ok: false, problem: 'value' };
  const range = RANGES[raw.indicator];
  if (
    value < range.min ||
    (range.max !== undefined && value > range.max) ||
    (range.integer && !Number.isInteger(value))
  )
    return { ok: false, problem: 'range' };
  if (raw.source.trim() === '') return { ok: false, problem: 'source' };
  if (!IsoDate.safeParse(raw.date).success || Number.isNaN(Date.parse(raw.date)))
    return { ok: false, problem: 'date' };
  return {
    ok: true,
    entry: AssessmentEntrySchema.parse({ ...raw, value, source: raw.source.trim() }),
  };
}

const laterFirst = (a: AssessmentEntry, b: AssessmentEntry): number =>
  b.date.localeCompare(a.date) || b.enteredAt.localeCompare(a.enteredAt);

/** The entry in effect per indicator: the latest by date, then by entry time. */
export function latestEntries(entries: readonly AssessmentEntry[]): Map<EnteredIndicator, AssessmentEntry> {
  const latest = new Map<EnteredIndicator, AssessmentEntry>();
  for (const entry of [...entries].sort(laterFirst))
    if (!latest.has(entry.indicator)) latest.set(entry.indicator, entry);
  return latest;
}

/** Every entry of one indicator, latest first (its history). */
export const historyOf = (
  entries: readonly AssessmentEntry[],
  indicator: EnteredIndicator,
): AssessmentEntry[] => entries.filter((e) => e.indicator === indicator).sort(laterFirst);
