/**
 * The year's duties of the supervision programme, each with its due date and status:
 *   problem_list   — last year's list of suspected problems, by the end of March;
 *   assessment     — the protection-effectiveness assessment of last year, by the end of June;
 *   work_summary   — the year's work summary, by the end of the year;
 *   yearly_report  — the yearly supervision report to the State Council; the rules say "every year" without a
 *                    date, so it is due with the summary, at the end of the year.
 * What counts as done:
 *   problem_list   — the ledger shows it: every case opened last year has left review (confirmed, rejected or
 *                    later). A year without cases has nothing to list and counts as done.
 *   yearly_report  — the report for the year was exported from this project (the export records the day).
 *   work_summary, assessment — written outside the notebook: done when the user marks them done (with the day).
 * A duty not done is overdue the day after its due date, else open.
 * Beside the duties: the monitoring plan's passes due in the year and the cases' own due dates in the year,
 * counted per month.
 */
import type { CaseState } from '../model.ts';
import { currentDue, type DueSettings } from './due-dates.ts';
import { addMonths, frequencyMonths, INSTANT_DAYS, addDays, type PlanArea } from '../notebook/plan.ts';

export const DUTY_KINDS = ['problem_list', 'assessment', 'work_summary', 'yearly_report'] as const;
export type DutyKind = (typeof DUTY_KINDS)[number];
/** Duties the ledger cannot show: the user marks them done. */
export const MARKED_DUTIES: readonly DutyKind[] = ['assessment', 'work_summary'];
export type DutyStatus = 'done' | 'open' | 'overdue';

export interface Duty {
  kind: DutyKind;
  /** The year the duty is about (last year for the list and the assessment). */
  coversYear: number;
  dueOn: string;
  status: DutyStatus;
  /** Day it was marked done or exported, when known. */
  doneOn?: string;
  /** For the problem list: cases opened in the covered year and how many of them have left review. */
  reviewed?: { done: number; total: number };
}

/** Days duties were done, by `dutyKey(year, kind)`. */
export type DutyMarks = Readonly<Record<string, string>>;
export const dutyKey = (year: number, kind: DutyKind): string => `${year}:${kind}`;

export interface YearCalendar {
  year: number;
  duties: Duty[];
  /** Monitoring-plan passes due in each month (index 0 = January). */
  planPasses: number[];
  /** Cases whose current due date falls in each month. */
  caseDues: number[];
}

const IN_REVIEW: ReadonlySet<CaseState['stage']> = new Set(['auto', 'clue', 'suspected']);

function statusOf(done: boolean, dueOn: string, today: string): DutyStatus {
  if (done) return 'done';
  return today > dueOn ? 'overdue' : 'open';
}

/** Cases opened in `year` and how many have left review. */
export function listProgress(cases: readonly CaseState[], year: number): { done: number; total: number } {
  const opened = cases.filter((c) => c.openedOn.startsWith(`${year}-`));
  return { done: opened.filter((c) => !IN_REVIEW.has(c.stage)).length, total: opened.length };
}

export function yearDuties(
  year: number,
  cases: readonly CaseState[],
  marks: DutyMarks,
  today: string,
): Duty[] {
  const progress = listProgress(cases, year - 1);
  const listDone = progress.done === progress.total;
  const marked = (kind: DutyKind): string | undefined => marks[dutyKey(year, kind)];
  const duty = (kind: DutyKind, coversYear: number, dueOn: string, done: boolean): Duty => {
    const doneOn = marked(kind);
    return {
      kind,
      coversYear,
      dueOn,
      status: statusOf(done, dueOn, today),
      ...(doneOn && done ? { doneOn } : {}),
    };
  };
  return [
    { ...duty('problem_list', year - 1, `${year}-03-31`, listDone), reviewed: progress },
    duty('assessment', year - 1, `${year}-06-30`, marked('assessment') !== undefined),
    duty('work_summary', year, `${year}-12-31`, marked('work_summary') !== undefined),
    duty('yearly_report', year, `${year}-12-31`, marked('yearly_report') !== undefined),
  ];
}

const monthOf = (iso: string): number => Number(iso.slice(5, 7)) - 1;

/**
 * Passes of the plan due in `year`: each area's next due date (its status's `dueOn`), then every interval after
 * it within the year (an area imaged on time keeps that cadence). Instant checks count once, on their deadline.
 */
export function planPassesByMonth(
  areas: readonly { area: Pick<PlanArea, 'frequency' | 'markedOn'>; dueOn: string }[],
  year: number,
): number[] {
  const months = new Array<number>(12).fill(0);
  const end = `${year}-12-31`;
  const start = `${year}-01-01`;
  for (const { area, dueOn } of areas) {
    const step = frequencyMonths(area.frequency);
    if (step === undefined) {
      const deadline = dueOn || addDays(area.markedOn, INSTANT_DAYS);
      if (deadline >= start && deadline <= end) months[monthOf(deadline)]! += 1;
      continue;
    }
    for (let k = 0, d = dueOn; d <= end && k < 1000; k += 1, d = addMonths(dueOn, step * k)) {
      if (d >= start) months[monthOf(d)]! += 1;
    }
  }
  return months;
}

/** Cases whose current due date falls in each month of `year`. */
export function caseDuesByMonth(cases: readonly CaseState[], year: number, settings?: DueSettings): number[] {
  const months = new Array<number>(12).fill(0);
  for (const c of cases) {
    const due = currentDue(c, settings);
    if (due && due.dueDate.startsWith(`${year}-`)) months[monthOf(due.dueDate)]! += 1;
  }
  return months;
}

export function yearCalendar(
  year: number,
  cases: readonly CaseState[],
  plan: readonly { area: Pick<PlanArea, 'frequency' | 'markedOn'>; dueOn: string }[],
  marks: DutyMarks,
  today: string,
  settings?: DueSettings,
): YearCalendar {
  return {
    year,
    duties: yearDuties(year, cases, marks, today),
    planPasses: planPassesByMonth(plan, year),
    caseDues: caseDuesByMonth(cases, year, settings),
  };
}
