/**
 * A project's assessment book: the entered indicators and the versions of its scoring table, both appended and
 * never rewritten (the latest entry per indicator and the latest table are in effect; earlier ones are history).
 */
import { z } from 'zod';
import { AssessmentEntrySchema, latestEntries, type AssessmentEntry } from './entries.ts';
import {
  DEFAULT_SCORING_TABLE,
  ScoringTableSchema,
  scoreTable,
  type ScoreResult,
  type ScoringRow,
} from './scoring.ts';

export const AssessmentBookSchema = z.object({
  entries: z.array(AssessmentEntrySchema),
  tables: z.array(z.object({ savedAt: z.string().min(1), rows: ScoringTableSchema })),
});
export type AssessmentBook = z.infer<typeof AssessmentBookSchema>;

export const emptyBook = (): AssessmentBook => ({ entries: [], tables: [] });

/** Reads a stored book; anything unreadable is refused as a whole (nothing half-read). */
export function parseBook(raw: unknown): AssessmentBook {
  return raw === undefined || raw === null ? emptyBook() : AssessmentBookSchema.parse(raw);
}

export const withEntry = (book: AssessmentBook, entry: AssessmentEntry): AssessmentBook => ({
  ...book,
  entries: [...book.entries, entry],
});

export const withTable = (
  book: AssessmentBook,
  rows: readonly ScoringRow[],
  savedAt: string,
): AssessmentBook => ({
  ...book,
  tables: [...book.tables, { savedAt, rows: ScoringTableSchema.parse(rows) }],
});

/** The scoring table in effect: the last saved, else the default. */
export const currentTable = (book: AssessmentBook): readonly ScoringRow[] =>
  book.tables.at(-1)?.rows ?? DEFAULT_SCORING_TABLE;

/** Values in effect (latest entry per indicator), with `computed` ones (面积/性质/功能) where nothing was entered. */
export function valuesInEffect(
  book: AssessmentBook,
  computed: Readonly<Record<string, number | undefined>> = {},
): Record<string, number | undefined> {
  const values: Record<string, number | undefined> = { ...computed };
  for (const [indicator, entry] of latestEntries(book.entries)) values[indicator] = entry.value;
  return values;
}

export const scoreBook = (
  book: AssessmentBook,
  computed: Readonly<Record<string, number | undefined>> = {},
): ScoreResult => scoreTable(currentTable(book), valuesInEffect(book, computed));
