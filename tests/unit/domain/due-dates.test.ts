import { describe, expect, it } from 'vitest';
import {
  addMonths,
  addDays,
  anchorDate,
  currentDue,
  daysOverdue,
  defaultDueDates,
  dueDates,
  isOverdue,
  localInstant,
  suggestedReplyBy,
} from '../../../src/core/case/due-dates.ts';
import type { CaseState } from '../../../src/core/model.ts';

type DueCase = Pick<CaseState, 'openedOn' | 'due' | 'stage' | 'verification'>;
const c = (stage: CaseState['stage'], openedOn = '2026-03-10', due: CaseState['due'] = {}): DueCase => ({
  stage,
  openedOn,
  due,
});
const settings = {
  milestoneBase: '2026-03-01',
  milestoneMonths: { review: 1, handover: 2, feedback: 3, rectification: 12 },
};

describe('calendar arithmetic', () => {
  it('adds months clamped to the month end, across years and leap days', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-31', 12)).toBe('2027-03-31');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(() => addMonths('2026/01/01', 1)).toThrow(RangeError);
  });
  it('writes local instants whose first 10 characters are the local date', () => {
    const at = new Date(2026, 10, 22, 23, 59, 30);
    expect(localInstant(at).slice(0, 10)).toBe('2026-11-22');
    expect(new Date(localInstant(at)).getTime()).toBe(at.getTime());
  });
});

describe('milestones (1 / 2 / 3 / 12 months)', () => {
  it('count from the project base date for the batch', () => {
    expect(defaultDueDates(c('suspected'), settings)).toEqual({
      review: '2026-04-01',
      handover: '2026-05-01',
      feedback: '2026-06-01',
      rectification: '2027-03-01',
    });
  });
  it('a late clue gets its own clock; no base date means each case counts from its opening', () => {
    expect(anchorDate(c('suspected', '2026-07-20'), settings)).toBe('2026-07-20');
    expect(anchorDate(c('suspected', '2026-04-01'), settings)).toBe('2026-03-01');
    expect(defaultDueDates(c('suspected', '2026-03-10')).review).toBe('2026-04-10');
  });
  it('dates set on the case override the defaults', () => {
    const due = dueDates(c('handed_over', '2026-03-10', { feedback: '2026-07-15' }), settings);
    expect([due.feedback, due.handover]).toEqual(['2026-07-15', '2026-05-01']);
  });
  it('the reply-by suggestion is the feedback milestone but at least a month after the letter', () => {
    expect(suggestedReplyBy(c('confirmed'), '2026-04-20', settings)).toBe('2026-06-01');
    expect(suggestedReplyBy(c('confirmed'), '2026-05-20', settings)).toBe('2026-06-20');
  });
});

describe('overdue', () => {
  const cases: [CaseState['stage'], string | undefined][] = [
    ['auto', 'review'],
    ['clue', 'review'],
    ['suspected', 'review'],
    ['confirmed', 'handover'],
    ['handed_over', 'feedback'],
    ['verified', 'rectification'],
    ['rectifying', 'rectification'],
    ['rechecked', undefined],
    ['closed', undefined],
    ['rejected', undefined],
  ];
  for (const [stage, milestone] of cases)
    it(`${stage} waits for ${milestone ?? 'nothing'}`, () => {
      const due = currentDue(c(stage), settings);
      expect(due?.milestone).toBe(milestone);
      if (!due) {
        expect(isOverdue(c(stage), '2099-01-01', settings)).toBe(false);
        return;
      }
      expect(isOverdue(c(stage), due.dueDate, settings)).toBe(false); // the due day itself is in time
      expect(isOverdue(c(stage), addDays(due.dueDate, 1), settings)).toBe(true);
      expect(daysOverdue(c(stage), addDays(due.dueDate, 10), settings)).toBe(10);
    });
  it('an unsubstantiated verification waits for nothing', () => {
    const v = { ...c('verified'), verification: { result: 'unsubstantiated' } } as DueCase;
    expect(isOverdue(v, '2099-01-01', settings)).toBe(false);
  });
});
