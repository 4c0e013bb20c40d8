import { describe, expect, it } from 'vitest';
import {
  currentTable,
  emptyBook,
  parseBook,
  scoreBook,
  withEntry,
  withTable,
} from '../../../src/core/assessment/book.ts';
import { checkEntry, historyOf, latestEntries } from '../../../src/core/assessment/entries.ts';
import { DEFAULT_SCORING_TABLE } from '../../../src/core/assessment/scoring.ts';

const entry = (indicator: 'institution' | 'satisfaction', value: string, date: string, enteredAt: string) => {
  const checked = checkEntry({ indicator, value, source: '省厅年度报告', date, enteredAt });
  if (!checked.ok) throw new Error(checked.problem);
  return checked.entry;
};

describe('entered indicators', () => {
  it('the latest entry per indicator wins and the history is kept', () => {
    let book = emptyBook();
    book = withEntry(book, entry('satisfaction', '80', '2026-03-01', '2026-03-02T00:00:00Z'));
    book = withEntry(book, entry('satisfaction', '88', '2026-06-01', '2026-06-02T00:00:00Z'));
    // Entered later but about an earlier date: history, not in effect.
    book = withEntry(book, entry('satisfaction', '70', '2026-01-01', '2026-07-01T00:00:00Z'));
    expect(latestEntries(book.entries).get('satisfaction')?.value).toBe(88);
    expect(historyOf(book.entries, 'satisfaction').map((e) => e.value)).toEqual([88, 80, 70]);
    expect(book.entries).toHaveLength(3);
  });

  it('refuses a value, source or date it cannot use, with the reason', () => {
    const base = {
      indicator: 'satisfaction' as const,
      value: '80',
      source: '问卷',
      date: '2026-05-01',
      enteredAt: 'x',
    };
    expect(checkEntry({ ...base, value: '' })).toEqual({ ok: false, problem: 'value' });
    expect(checkEntry({ ...base, value: 'abc' })).toEqual({ ok: false, problem: 'value' });
    expect(checkEntry({ ...base, value: '120' })).toEqual({ ok: false, problem: 'range' });
    expect(checkEntry({ ...base, source: '  ' })).toEqual({ ok: false, problem: 'source' });
    expect(checkEntry({ ...base, date: '2026-13-40' })).toEqual({ ok: false, problem: 'date' });
    expect(checkEntry({ ...base, indicator: 'damage_events' as never, value: '1.5' })).toEqual({
      ok: false,
      problem: 'range',
    });
    expect(checkEntry(base).ok).toBe(true);
  });
});

describe('the book', () => {
  it('scores with the last saved table, missing values listed', () => {
    let book = withEntry(emptyBook(), entry('institution', '90', '2026-05-01', 'a'));
    expect(currentTable(book)).toBe(DEFAULT_SCORING_TABLE);
    const first = scoreBook(book);
    expect(first.total).toBeUndefined();
    expect(first.missing).toContain('satisfaction');
    const onlyTwo = [
      { indicator: 'institution', weight: 2, rule: { kind: 'linear' as const, zeroAt: 0, fullAt: 100 } },
      { indicator: 'satisfaction', weight: 1, rule: { kind: 'linear' as const, zeroAt: 60, fullAt: 100 } },
    ];
    book = withTable(book, onlyTwo, '2026-05-02T00:00:00Z');
    book = withEntry(book, entry('satisfaction', '80', '2026-05-01', 'b'));
    expect(scoreBook(book).total).toBeCloseTo((2 * 90 + 50) / 3, 12);
    expect(book.tables).toHaveLength(1);
    // Stored and read back the same.
    expect(parseBook(JSON.parse(JSON.stringify(book)))).toEqual(book);
    expect(() => parseBook({ entries: [{ indicator: 'nope' }], tables: [] })).toThrow();
  });

  it('computed indicators fill rows nothing was entered for', () => {
    const table = [
      { indicator: 'area_ratio', weight: 1, rule: { kind: 'linear' as const, zeroAt: 0, fullAt: 1 } },
    ];
    const book = withTable(emptyBook(), table, 't');
    expect(scoreBook(book, { area_ratio: 0.5 }).total).toBeCloseTo(50, 12);
  });
});
