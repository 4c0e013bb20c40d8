import { describe, expect, it } from 'vitest';
import { caseStates } from '../../../src/core/case/ledger.ts';
import {
  caseDuesByMonth,
  dutyKey,
  planPassesByMonth,
  yearCalendar,
  yearDuties,
} from '../../../src/core/case/yearly-cycle.ts';
import { currentDue } from '../../../src/core/case/due-dates.ts';
import { SAMPLE_SETTINGS, sampleLedger } from '../../golden/sample-ledger.ts';

const events = sampleLedger();
const cases = caseStates(events);

/** Counted from the raw events: cases opened in `year`, and those with a review decision or rejection. */
function fromEvents(year: number): { total: number; decided: number } {
  const opened = new Set(
    events.filter((e) => e.type === 'opened' && e.at.startsWith(`${year}-`)).map((e) => e.caseId),
  );
  const decided = new Set(
    events
      .filter((e) => (e.type === 'reviewed' || e.type === 'rejected') && opened.has(e.caseId))
      .map((e) => e.caseId),
  );
  return { total: opened.size, decided: decided.size };
}

describe('the year’s duties', () => {
  it('dates the list by March, the assessment by June, the summary and report by year end', () => {
    const duties = yearDuties(2027, cases, {}, '2027-01-15');
    expect(duties.map((d) => [d.kind, d.coversYear, d.dueOn])).toEqual([
      ['problem_list', 2026, '2027-03-31'],
      ['assessment', 2026, '2027-06-30'],
      ['work_summary', 2027, '2027-12-31'],
      ['yearly_report', 2027, '2027-12-31'],
    ]);
    expect(duties.every((d) => d.status === 'open')).toBe(true);
  });

  it('the problem list is done only when every case opened last year has left review', () => {
    const expected = fromEvents(2026);
    expect(expected.total).toBeGreaterThan(expected.decided); // the sample keeps one suspected case
    const list = yearDuties(2027, cases, {}, '2027-04-01')[0]!;
    expect(list.reviewed).toEqual({ done: expected.decided, total: expected.total });
    expect(list.status).toBe('overdue');
    const reviewedOnly = cases.filter((c) => !['auto', 'clue', 'suspected'].includes(c.stage));
    expect(yearDuties(2027, reviewedOnly, {}, '2027-04-01')[0]!.status).toBe('done');
    // A year without cases has nothing to list.
    expect(yearDuties(2030, cases, {}, '2030-05-01')[0]!.status).toBe('done');
  });

  it('marked duties are done with their day; unmarked ones go overdue after the due day', () => {
    const marks = {
      [dutyKey(2027, 'assessment')]: '2027-06-20',
      [dutyKey(2026, 'work_summary')]: '2026-12-20',
    };
    const duties = yearDuties(2027, cases, marks, '2028-01-01');
    const by = Object.fromEntries(duties.map((d) => [d.kind, d]));
    expect(by.assessment).toMatchObject({ status: 'done', doneOn: '2027-06-20' });
    expect(by.work_summary!.status).toBe('overdue'); // the 2026 mark does not count for 2027
    expect(yearDuties(2027, cases, {}, '2027-12-31')[2]!.status).toBe('open'); // due day itself is not overdue
  });
});

describe('per-month counts', () => {
  it('counts the plan passes of each cadence within the year', () => {
    const rows = [
      { area: { frequency: 'bimonthly' as const, markedOn: '2026-01-01' }, dueOn: '2027-02-15' },
      { area: { frequency: 'half_yearly' as const, markedOn: '2026-01-01' }, dueOn: '2026-11-30' },
      { area: { frequency: 'instant' as const, markedOn: '2027-07-01' }, dueOn: '2027-07-08' },
    ];
    const months = planPassesByMonth(rows, 2027);
    // bimonthly: Feb, Apr, Jun, Aug, Oct, Dec; half-yearly from 2026-11-30: May 30, Nov 30; instant: Jul.
    expect(months).toEqual([0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1]);
  });

  it('counts the cases whose current due date falls in each month', () => {
    const months = caseDuesByMonth(cases, 2026, SAMPLE_SETTINGS);
    const expected = new Array<number>(12).fill(0);
    for (const c of cases) {
      const d = currentDue(c, SAMPLE_SETTINGS)?.dueDate;
      if (d?.startsWith('2026-')) expected[Number(d.slice(5, 7)) - 1]! += 1;
    }
    expect(months).toEqual(expected);
    expect(months.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const cal = yearCalendar(2026, cases, [], {}, '2026-06-01', SAMPLE_SETTINGS);
    expect(cal.caseDues).toEqual(months);
    expect(cal.planPasses).toEqual(new Array<number>(12).fill(0));
  });
});
