/** The open project's assessment book (entered indicators and scoring-table versions), kept in project settings. */
import {
  emptyBook,
  parseBook,
  scoreBook,
  withEntry,
  withTable,
  type AssessmentBook,
} from '../core/assessment/book.ts';
import type { AssessmentEntry } from '../core/assessment/entries.ts';
import type { ScoreResult, ScoringRow } from '../core/assessment/scoring.ts';
import { getSetting, putSetting } from '../store/settings.ts';

const keyOf = (projectId: string): string => `assessment-book:${projectId}`;

class AssessmentBookState {
  book = $state.raw<AssessmentBook>(emptyBook());
  projectId = $state<string | null>(null);
  /** Set when the stored book could not be read (it is left as it is, never overwritten). */
  unreadable = $state(false);

  get score(): ScoreResult {
    return scoreBook(this.book);
  }

  async load(projectId: string | null): Promise<void> {
    this.projectId = projectId;
    this.unreadable = false;
    if (!projectId) {
      this.book = emptyBook();
      return;
    }
    try {
      this.book = parseBook(await getSetting<unknown>(keyOf(projectId)));
    } catch {
      this.book = emptyBook();
      this.unreadable = true;
    }
  }

  #queue: Promise<void> = Promise.resolve();

  /** Saves one change at a time, each applied to the book the previous one left (quick entries are all kept). */
  #save(change: (book: AssessmentBook) => AssessmentBook): Promise<void> {
    const next = this.#queue.then(async () => {
      if (!this.projectId || this.unreadable) return;
      const book = change(this.book);
      await putSetting(keyOf(this.projectId), book);
      this.book = book;
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  addEntry(entry: AssessmentEntry): Promise<void> {
    return this.#save((book) => withEntry(book, entry));
  }

  saveTable(rows: readonly ScoringRow[]): Promise<void> {
    return this.#save((book) => withTable(book, rows, new Date().toISOString()));
  }
}

export const assessmentBook = new AssessmentBookState();
