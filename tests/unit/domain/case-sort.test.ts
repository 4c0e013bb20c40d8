import { describe, expect, it } from 'vitest';
import { byDueDate } from '../../../src/core/case/case-sort.ts';

describe('sort by due date', () => {
  it('orders by date, earliest first, cases without a due date last, ties by id', () => {
    const items = [
      { id: 'c', due: undefined },
      { id: 'b', due: '2026-12-01' },
      { id: 'a', due: '2026-03-15' },
      { id: 'e', due: '2027-01-02' },
      { id: 'd', due: '2026-12-01' },
      { id: 'f', due: 'not a date' },
      { id: 'g', due: '2025-11-30' },
    ];
    const sorted = [...items].sort(byDueDate((x) => x.due)).map((x) => x.id);
    expect(sorted).toEqual(['g', 'a', 'b', 'd', 'e', 'c', 'f']);
  });

  it('does not put overdue first: the order is the date order only', () => {
    const items = [
      { id: '1', due: '2026-06-01', overdue: false },
      { id: '2', due: '2026-07-01', overdue: true },
    ];
    expect([...items].sort(byDueDate((x) => x.due)).map((x) => x.id)).toEqual(['1', '2']);
  });
});
