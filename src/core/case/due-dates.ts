/**
 * Due dates from the programme's milestones (方案 五、试点工作安排), counted from the day the evaluation and
 * adjustment of the red lines is complete (the project's `milestoneBase`):
 *   review (清单)         within 1 month   — suspected patches reviewed and the 附件1 list formed;
 *   handover (移交)       within 2 months  — confirmed problems handed to the provincial government (附件3);
 *   feedback (反馈)       within 3 months  — the province's verification collected, problem list 附件4 built;
 *   rectification (复核)  within 1 year    — rectification inspected (复核) so the case can be closed (销号).
 * Interpretation: the clock of the whole batch starts at `milestoneBase`. A case opened after the batch list
 * was due (a petition clue in month 5, say) gets the same durations counted from its own opening day; with no
 * base date set, every case counts from its opening day. Dates set on the case (the hand-over reply-by date,
 * a rectification deadline, an explicit due_set) override the defaults. All dates are civil `YYYY-MM-DD`.
 */
import {
  DEFAULT_DEPARTMENT_FEEDBACK_DAYS,
  type CaseState,
  type Milestone,
  type ProjectSettings,
  type Stage,
} from '../model.ts';

export type DueSettings = Pick<ProjectSettings, 'milestoneBase' | 'milestoneMonths'>;

const DEFAULT_MONTHS: Readonly<Record<Milestone, number>> = {
  review: 1,
  handover: 2,
  feedback: 3,
  rectification: 12,
};

function parts(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const fmt = (y: number, m: number, d: number): string => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** Calendar months later, clamped to the month's last day (2026-01-31 + 1 month = 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return fmt(ny, nm, Math.min(d, last));
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return fmt(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}

/** The civil date of an instant in the runtime's time zone. */
export function localDate(at: Date = new Date()): string {
  return fmt(at.getFullYear(), at.getMonth() + 1, at.getDate());
}

/** ISO instant with the runtime's UTC offset (e.g. `2026-03-01T09:30:00.000+08:00`): its first 10 characters are the local date. */
export function localInstant(at: Date): string {
  const offset = -at.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}`;
  return `${localDate(at)}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function months(settings: DueSettings | undefined): Readonly<Record<Milestone, number>> {
  return { ...DEFAULT_MONTHS, ...(settings?.milestoneMonths ?? {}) };
}

/** The day this case's programme clock starts (see the module comment). */
export function anchorDate(c: Pick<CaseState, 'openedOn'>, settings?: DueSettings): string {
  const base = settings?.milestoneBase;
  if (!base) return c.openedOn;
  return c.openedOn > addMonths(base, months(settings).review) ? c.openedOn : base;
}

/** Default due date of every milestone, before anything set on the case. */
export function defaultDueDates(
  c: Pick<CaseState, 'openedOn'>,
  settings?: DueSettings,
): Record<Milestone, string> {
  const anchor = anchorDate(c, settings);
  const m = months(settings);
  return {
    review: addMonths(anchor, m.review),
    handover: addMonths(anchor, m.handover),
    feedback: addMonths(anchor, m.feedback),
    rectification: addMonths(anchor, m.rectification),
  };
}

/** Due date of every milestone: defaults overridden by what was set on the case. */
export function dueDates(
  c: Pick<CaseState, 'openedOn' | 'due'>,
  settings?: DueSettings,
): Record<Milestone, string> {
  return { ...defaultDueDates(c, settings), ...c.due };
}

/** The milestone a case in this stage is waiting for; undefined when nothing is due. */
const WAITING_FOR: Readonly<Record<Stage, Milestone | undefined>> = {
  auto: 'review',
  clue: 'review',
  suspected: 'review',
  confirmed: 'handover',
  handed_over: 'feedback',
  verified: 'rectification',
  rectifying: 'rectification',
  rechecked: undefined,
  closed: undefined,
  rejected: undefined,
};

/** What the case waits for and by when, or undefined (rejected, closed, re-checked, or found unsubstantiated). */
export function currentDue(
  c: Pick<CaseState, 'openedOn' | 'due' | 'stage' | 'verification'>,
  settings?: DueSettings,
): { milestone: Milestone; dueDate: string } | undefined {
  const milestone = WAITING_FOR[c.stage];
  if (!milestone) return undefined;
  if (c.stage === 'verified' && c.verification?.result === 'unsubstantiated') return undefined;
  return { milestone, dueDate: dueDates(c, settings)[milestone] };
}

/** Past its current due date on `today` (the due day itself is not overdue). */
export function isOverdue(
  c: Pick<CaseState, 'openedOn' | 'due' | 'stage' | 'verification'>,
  today: string,
  settings?: DueSettings,
): boolean {
  const due = currentDue(c, settings);
  return due !== undefined && today > due.dueDate;
}

/** Days past due (0 when not overdue). */
export function daysOverdue(
  c: Pick<CaseState, 'openedOn' | 'due' | 'stage' | 'verification'>,
  today: string,
  settings?: DueSettings,
): number {
  const due = currentDue(c, settings);
  return due ? Math.max(0, daysBetween(due.dueDate, today)) : 0;
}

/**
 * Suggested reply-by date for the hand-over form (附件3 "望于…前反馈"): the feedback milestone, but never less
 * than one month after the letter is sent.
 */
export function suggestedReplyBy(
  c: Pick<CaseState, 'openedOn'>,
  handedOverOn: string,
  settings?: DueSettings,
): string {
  const milestone = defaultDueDates(c, settings).feedback;
  const minimum = addMonths(handedOverOn, 1);
  return milestone > minimum ? milestone : minimum;
}

/** Suggested rectification deadline: the one-year inspection milestone, at least a month after `from`. */
export function suggestedRectificationDeadline(
  c: Pick<CaseState, 'openedOn'>,
  from: string,
  settings?: DueSettings,
): string {
  const milestone = defaultDueDates(c, settings).rectification;
  const minimum = addMonths(from, 1);
  return milestone > minimum ? milestone : minimum;
}

// ---------------------------------------------------------------- tracks beside the stage

/** A due date outside the case's stage: a major problem's three steps, or one department's feedback. */
export interface TrackDue {
  readonly track: 'major_routing' | 'major_check' | 'major_report' | 'department';
  readonly dueDate: string;
  /** The department waited for (track 'department'). */
  readonly department?: string;
}

type MajorCase = Pick<CaseState, 'openedOn' | 'stage' | 'major' | 'reports'>;
const later = (a: string, b: string): string => (a > b ? a : b);

/**
 * Due dates of a major problem (疑似重大生态破坏问题), from the programme (五、试点工作安排): within two months
 * 委托区域督察局、流域海域监督管理局进行核实 (step 二), within three months 及时向国务院报告重大生态破坏问题
 * (step 三). Both steps count from the same base as every other milestone — the day the red lines' evaluation
 * and adjustment is complete (`anchorDate`), not the day of the mark — because the programme counts its months
 * from there; the report is due with the 附件4 list (the `feedback` milestone). A mark set later than a step's
 * date still leaves one month for that step, so a problem found major in month five is not born overdue.
 * The bureau's check is due by the reply-by date of the routing itself.
 */
export function majorDueDates(
  c: MajorCase,
  settings?: DueSettings,
): { routing: string; check?: string; report: string } | undefined {
  if (!c.major) return undefined;
  const anchor = anchorDate(c, settings);
  const m = months(settings);
  const floor = addMonths(c.major.flag.flaggedOn, 1);
  return {
    routing: later(addMonths(anchor, m.handover), floor),
    ...(c.major.routing ? { check: c.major.routing.dueDate } : {}),
    report: later(addMonths(anchor, m.feedback), floor),
  };
}

/** The major-problem steps still waited for (none once closed or un-marked). */
export function pendingMajorDues(c: MajorCase, settings?: DueSettings): TrackDue[] {
  const due = majorDueDates(c, settings);
  if (!due || !c.major || c.stage === 'closed' || c.stage === 'rejected') return [];
  const pending: TrackDue[] = [];
  if (!c.major.routing) pending.push({ track: 'major_routing', dueDate: due.routing });
  else if (!c.major.check && due.check) pending.push({ track: 'major_check', dueDate: due.check });
  if (c.reports.length === 0) pending.push({ track: 'major_report', dueDate: due.report });
  return pending;
}

export type DepartmentDueSettings = Partial<Pick<ProjectSettings, 'departmentFeedbackDays'>>;
type DepartmentCase = Pick<CaseState, 'stage' | 'transfers' | 'departmentFeedback'>;

/** Each department hand-over with its feedback date: the letter's own, else the project's default days after. */
export function departmentDueDates(
  c: DepartmentCase,
  settings?: DepartmentDueSettings,
): { department: string; transferredOn: string; dueDate: string; answered: boolean }[] {
  const days = settings?.departmentFeedbackDays ?? DEFAULT_DEPARTMENT_FEEDBACK_DAYS;
  return c.transfers.map((t) => ({
    department: t.department,
    transferredOn: t.transferredOn,
    dueDate: t.dueDate ?? addDays(t.transferredOn, days),
    // Feedback answers the hand-overs to that department made on or before its date.
    answered: c.departmentFeedback.some(
      (f) => f.department === t.department && f.feedbackOn >= t.transferredOn,
    ),
  }));
}

/** Department hand-overs still waiting for feedback (none once the case is closed). */
export function pendingDepartmentDues(c: DepartmentCase, settings?: DepartmentDueSettings): TrackDue[] {
  if (c.stage === 'closed') return [];
  return departmentDueDates(c, settings)
    .filter((d) => !d.answered)
    .map((d) => ({ track: 'department', dueDate: d.dueDate, department: d.department }));
}

/** Every due date beside the stage's that is past on `today` (the due day itself is not overdue). */
export function overdueTracks(
  c: MajorCase & DepartmentCase,
  today: string,
  settings?: DueSettings & DepartmentDueSettings,
): TrackDue[] {
  return [...pendingMajorDues(c, settings), ...pendingDepartmentDues(c, settings)].filter(
    (d) => today > d.dueDate,
  );
}
