/**
 * The stage machine (docs/design-notes.md, workflow and ledger) as data: for each event type, the stages it
 * is allowed in, the payload fields it requires (non-blank) and how it changes the case.
 * `transition(state, event)` is pure and total: it returns the next state or a WorkflowError, never throws.
 * Rules that depend on project settings (review mode, distinct reviewers, active codes) are checked only for
 * new events, in `validateNew`.
 */
import type {
  CaseState,
  EventOf,
  EventType,
  LedgerEvent,
  PayloadOf,
  ReviewDecision,
  ReviewLevel,
  Stage,
  Stamp,
} from '../model.ts';
import { POST_CONFIRMATION_STAGES, STAGES } from '../model.ts';
import { distinctIndexNo } from './evidence.ts';

/** Why the machine refuses an event; every code has a zh/en sentence (src/i18n/error-sentences.ts). */
export const WORKFLOW_ERROR_CODES = [
  'not_opened',
  'already_opened',
  'wrong_stage',
  'missing_field',
  'review_order',
  'review_mode',
  'same_reviewer',
  'unknown_code',
  'not_found',
  'bad_undo',
  'refused',
] as const;
export type WorkflowErrorCode = (typeof WORKFLOW_ERROR_CODES)[number];

/** The reasons a guard gives (code 'refused' or a guard's own code), each with its own sentence. */
export const WORKFLOW_REFUSAL_REASONS = [
  'advance_order',
  'nothing_to_rectify',
  'needs_passed_recheck',
  'close_needs_note',
  'feedback_without_transfer',
  'no_such_evidence',
  'review_order',
  'already_major',
  'not_major',
  'already_routed',
  'not_routed',
] as const;
export type RefusalReason = (typeof WORKFLOW_REFUSAL_REASONS)[number];

/** A guard's verdict: the reason code and a technical message for the log. */
export interface Refusal {
  readonly reason: RefusalReason;
  readonly message: string;
}

/** A transition that is not allowed, with a machine-readable code for the UI's zh/en message. */
export class WorkflowError extends Error {
  override name = 'WorkflowError';
  constructor(
    readonly code: WorkflowErrorCode,
    message: string,
    readonly detail: { eventType?: string; stage?: Stage; field?: string; reason?: RefusalReason } = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export type TransitionResult = { ok: true; state: CaseState } | { ok: false; error: WorkflowError };

/**
 * Every stage a case can be in once the consultation (会商) confirmed it: the one list, also used by 附件1 and by
 * the assessment's "confirmed patches" filter.
 */
export const POST_CONFIRMATION: readonly Stage[] = POST_CONFIRMATION_STAGES;
const ALL_STAGES: readonly Stage[] = STAGES;
const OPEN_STAGES = ALL_STAGES.filter((s) => s !== 'closed' && s !== 'rejected');
/** Where a major-problem mark can be set or acted on: from the consultation (会商) on, until 销号. */
const MAJOR_STAGES: readonly Stage[] = ['suspected', ...POST_CONFIRMATION.filter((s) => s !== 'closed')];
const needsMajor = (s: CaseState): Refusal | undefined =>
  s.major ? undefined : refuse('not_major', 'the case is not marked as a major problem');

/** A payload field that becomes required when another field has a given value. */
export interface ConditionalRequirement {
  readonly when: { readonly field: string; readonly equals: unknown };
  readonly require: readonly string[];
}

/** One row of the machine: where an event may happen and what it must carry. */
export interface TransitionRule {
  /** Stages the case may be in; 'none' = only before the case exists (opened). */
  readonly from: readonly Stage[] | 'none';
  /** Stage after the event, when fixed; `undefined` = unchanged or decided by the payload (see `apply`). */
  readonly to?: Stage;
  /** Payload fields that must be present and not blank. */
  readonly required: readonly string[];
  readonly requiredWhen?: readonly ConditionalRequirement[];
  /**
   * Extra check on the state alone (e.g. a passed re-check before 销号): decides both what a menu offers and
   * what the machine accepts, so an offered action is never refused for the state it is in.
   */
  readonly stateGuard?: (state: CaseState) => Refusal | undefined;
  /** Extra check on the state and the payload (a note, a department): the form can still fix these. */
  readonly guard?: (state: CaseState, event: LedgerEvent) => Refusal | undefined;
}

const refuse = (reason: RefusalReason, message: string): Refusal => ({ reason, message });

/** The machine. The UI reads `from`/`required` to offer actions and mark form fields. */
export const TRANSITIONS: { readonly [T in EventType]: TransitionRule } = {
  opened: { from: 'none', required: ['patch', 'stage', 'clueSource'] },
  advanced: {
    from: ['auto', 'clue'],
    required: ['to'],
    guard: (s, e) =>
      e.type === 'advanced' && (s.stage === 'clue') !== (e.payload.to === 'suspected')
        ? refuse('advance_order', `cannot go from ${s.stage} to ${e.payload.to}`)
        : undefined,
  },
  rejected: { from: ['auto', 'clue'], to: 'rejected', required: ['reasonCode'] },
  reviewed: {
    from: ['suspected'],
    required: ['level', 'decision', 'reviewer'],
    requiredWhen: [{ when: { field: 'decision', equals: 'reject' }, require: ['reasonCode'] }],
    guard: (s, e) => {
      const problem = e.type === 'reviewed' ? reviewOrderProblem(s.reviews, e.payload.level) : undefined;
      return problem ? refuse('review_order', problem) : undefined;
    },
  },
  reopened: { from: ['rejected'], to: 'suspected', required: ['note'] },
  superseded: { from: ['auto', 'clue', 'suspected'], to: 'rejected', required: ['by'] },
  handed_over: { from: ['confirmed'], to: 'handed_over', required: ['recipient', 'handedOverOn', 'dueDate'] },
  verified: {
    from: ['confirmed', 'handed_over'],
    to: 'verified',
    required: ['result', 'details', 'feedbackOn'],
  },
  rectification_started: {
    from: ['verified'],
    to: 'rectifying',
    required: ['deadline'],
    stateGuard: (s) =>
      s.verification?.result === 'unsubstantiated'
        ? refuse('nothing_to_rectify', 'verified as unsubstantiated: nothing to rectify')
        : undefined,
  },
  rechecked: {
    from: ['rectifying'],
    required: ['recheckedOn', 'inspector', 'passed', 'findings'],
    requiredWhen: [{ when: { field: 'passed', equals: false }, require: ['newDeadline'] }],
  },
  closed: {
    from: ['rechecked', 'verified'],
    to: 'closed',
    required: ['closedOn'],
    stateGuard: (s) => {
      const passed =
        s.stage === 'verified'
          ? s.verification?.result === 'unsubstantiated'
          : s.rechecks.at(-1)?.passed === true;
      return passed ? undefined : refuse('needs_passed_recheck', 'close needs a passed re-check record');
    },
    guard: (s, e) =>
      s.stage === 'verified' && e.type === 'closed' && !e.payload.note?.trim()
        ? refuse('close_needs_note', 'closing an unsubstantiated case needs a note')
        : undefined,
  },
  transferred_to_department: { from: POST_CONFIRMATION, required: ['department', 'transferredOn'] },
  department_feedback: {
    from: POST_CONFIRMATION,
    required: ['department', 'feedbackOn', 'result'],
    guard: (s, e) =>
      e.type === 'department_feedback' && !s.transfers.some((t) => t.department === e.payload.department)
        ? refuse('feedback_without_transfer', 'feedback from a department the case was not transferred to')
        : undefined,
  },
  major_flagged: {
    from: MAJOR_STAGES,
    required: ['reason', 'flaggedOn'],
    stateGuard: (s) => (s.major ? refuse('already_major', 'already marked as a major problem') : undefined),
  },
  major_unflagged: { from: MAJOR_STAGES, required: ['reason', 'unflaggedOn'], stateGuard: needsMajor },
  major_routed: {
    from: MAJOR_STAGES,
    required: ['bureauKind', 'bureau', 'routedOn', 'dueDate'],
    stateGuard: (s) =>
      needsMajor(s) ??
      (s.major?.routing ? refuse('already_routed', 'already sent to a bureau for checking') : undefined),
  },
  major_checked: {
    from: MAJOR_STAGES,
    required: ['feedbackOn', 'result'],
    stateGuard: (s) =>
      needsMajor(s) ??
      (s.major?.routing ? undefined : refuse('not_routed', 'not sent to a bureau for checking yet')),
  },
  referred: { from: POST_CONFIRMATION, required: ['kind', 'to', 'referredOn'] },
  reported: { from: POST_CONFIRMATION, required: ['reportedOn'] },
  escalated: { from: POST_CONFIRMATION, required: ['measure', 'on'] },
  fields_set: { from: ALL_STAGES.filter((s) => s !== 'closed'), required: ['fields'] },
  geometry_edited: {
    from: ['auto', 'clue', 'suspected', 'confirmed'],
    required: ['geometry', 'areaHa', 'redlineHa', 'cx', 'cy'],
  },
  due_set: { from: OPEN_STAGES, required: ['milestone', 'dueDate'] },
  evidence_added: { from: ALL_STAGES, required: ['evidence'] },
  evidence_removed: {
    from: ALL_STAGES,
    required: ['evidenceId'],
    guard: (s, e) =>
      e.type === 'evidence_removed' && !s.evidence.some((x) => x.id === e.payload.evidenceId)
        ? refuse('no_such_evidence', 'no such evidence')
        : undefined,
  },
  note_added: { from: ALL_STAGES, required: ['text'] },
  // Undo is resolved by the ledger before folding (the target is dropped); as a transition it changes nothing.
  undone: { from: ALL_STAGES, required: ['target'] },
};

/** Review levels in the order a round must follow; 'single' is a one-step round. */
const ROUND: Readonly<Record<ReviewLevel, readonly ReviewLevel[]>> = {
  single: [],
  self: [],
  expert: ['self'],
  final: ['self', 'expert'],
};

function reviewOrderProblem(done: readonly ReviewDecision[], level: ReviewLevel): string | undefined {
  const expected = ROUND[level];
  const ok = done.length === expected.length && done.every((d, i) => d.level === expected[i]);
  return ok ? undefined : `review ${level} after [${done.map((d) => d.level).join(', ')}]`;
}

const isBlank = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0);

/** Required payload fields that are missing or blank (data-driven, for forms and for the machine). */
export function missingFields(type: EventType, payload: Readonly<Record<string, unknown>>): string[] {
  const rule = TRANSITIONS[type];
  const fields = [...rule.required];
  for (const c of rule.requiredWhen ?? [])
    if (payload[c.when.field] === c.when.equals) fields.push(...c.require);
  return fields.filter((f) => isBlank(payload[f]));
}

/** Event types allowed in a stage (ignores state guards; see `allowedNow` for what to offer). */
export function allowedEventTypes(stage: Stage | undefined): EventType[] {
  return (Object.keys(TRANSITIONS) as EventType[]).filter((t) => {
    const from = TRANSITIONS[t].from;
    return stage === undefined ? from === 'none' : from !== 'none' && from.includes(stage);
  });
}

/**
 * Why an event of `type` cannot happen to the case as it is NOW (stage and state guards), or undefined when it
 * can. `transition` asks the same question first, so a menu built from it never offers what would be refused
 * for the case's state; only payload checks (missing fields, a note) remain for the form.
 */
export function refusalNow(state: CaseState | undefined, type: EventType): WorkflowError | undefined {
  const rule = TRANSITIONS[type];
  const detail = { eventType: type, ...(state ? { stage: state.stage } : {}) };
  if (type === 'opened')
    return state
      ? new WorkflowError('already_opened', `${type}: case ${state.id} is already open`, detail)
      : undefined;
  if (!state) return new WorkflowError('not_opened', `${type}: the case has not been opened`, detail);
  if (rule.from === 'none' || !rule.from.includes(state.stage))
    return new WorkflowError('wrong_stage', `${type}: not allowed in stage ${state.stage}`, detail);
  const problem = rule.stateGuard?.(state);
  return problem
    ? new WorkflowError('refused', `${type}: ${problem.message}`, { ...detail, reason: problem.reason })
    : undefined;
}

/** The event types a case accepts now (for action menus): `refusalNow` says yes. */
export function allowedNow(state: CaseState | undefined): EventType[] {
  return (Object.keys(TRANSITIONS) as EventType[]).filter((type) => !refusalNow(state, type));
}

type Reducer<T extends EventType> = (s: CaseState, e: EventOf<T>, stamp: Stamp) => CaseState;
type Reducers = { readonly [T in Exclude<EventType, 'opened'>]: Reducer<T> };

const stampOf = (e: LedgerEvent): Stamp => ({ by: e.actor, at: e.at, eventId: e.id });
const withStamp = <P extends object>(payload: P, stamp: Stamp) => ({ ...payload, ...stamp });

function reviewOutcome(s: CaseState, p: PayloadOf<'reviewed'>, stamp: Stamp): CaseState {
  const reviews = [...s.reviews, withStamp(p, stamp)];
  const patch = {
    ...s.patch,
    ...(p.activityType ? { activityType: p.activityType } : {}),
    ...(p.problemType ? { problemType: p.problemType } : {}),
  };
  if (p.decision === 'reject') {
    const rejection = withStamp({ reasonCode: p.reasonCode ?? 'other', note: p.note, level: p.level }, stamp);
    return { ...s, patch, reviews, stage: 'rejected', rejection };
  }
  const last = p.level === 'single' || p.level === 'final';
  return { ...s, patch, reviews, stage: last ? 'confirmed' : 'suspected' };
}

const REDUCERS: Reducers = {
  advanced: (s, e) => ({ ...s, stage: e.payload.to }),
  rejected: (s, e, st) => ({ ...s, stage: 'rejected', rejection: withStamp(e.payload, st) }),
  reviewed: (s, e, st) => reviewOutcome(s, e.payload, st),
  reopened: (s) => ({ ...s, stage: 'suspected', reviews: [], rejection: undefined, supersededBy: undefined }),
  superseded: (s, e) => ({ ...s, stage: 'rejected', supersededBy: e.payload.by }),
  handed_over: (s, e, st) => ({
    ...s,
    stage: 'handed_over',
    handover: withStamp(e.payload, st),
    due: { ...s.due, feedback: e.payload.dueDate },
  }),
  verified: (s, e, st) => ({ ...s, stage: 'verified', verification: withStamp(e.payload, st) }),
  rectification_started: (s, e, st) => ({
    ...s,
    stage: 'rectifying',
    rectification: withStamp(e.payload, st),
    due: { ...s.due, rectification: e.payload.deadline },
  }),
  rechecked: (s, e, st) => {
    const passed = e.payload.passed;
    const due = passed || !e.payload.newDeadline ? s.due : { ...s.due, rectification: e.payload.newDeadline };
    return {
      ...s,
      stage: passed ? 'rechecked' : 'rectifying',
      rechecks: [...s.rechecks, withStamp(e.payload, st)],
      due,
    };
  },
  closed: (s, e, st) => ({ ...s, stage: 'closed', closure: withStamp(e.payload, st) }),
  transferred_to_department: (s, e, st) => ({ ...s, transfers: [...s.transfers, withStamp(e.payload, st)] }),
  department_feedback: (s, e, st) => ({
    ...s,
    departmentFeedback: [...s.departmentFeedback, withStamp(e.payload, st)],
  }),
  major_flagged: (s, e, st) => ({ ...s, major: { flag: withStamp(e.payload, st) } }),
  major_unflagged: (s) => ({ ...s, major: undefined }),
  major_routed: (s, e, st) =>
    s.major ? { ...s, major: { ...s.major, routing: withStamp(e.payload, st) } } : s,
  major_checked: (s, e, st) =>
    s.major ? { ...s, major: { ...s.major, check: withStamp(e.payload, st) } } : s,
  referred: (s, e, st) => ({ ...s, referrals: [...s.referrals, withStamp(e.payload, st)] }),
  reported: (s, e, st) => ({ ...s, reports: [...s.reports, withStamp(e.payload, st)] }),
  escalated: (s, e, st) => ({ ...s, escalations: [...s.escalations, withStamp(e.payload, st)] }),
  fields_set: (s, e) => {
    const { location, township, activityType, problemType, clueSource, description, remark, problemNo } =
      e.payload.fields;
    const patch = {
      ...s.patch,
      ...(location !== undefined ? { location } : {}),
      ...(township !== undefined ? { township } : {}),
      ...(activityType !== undefined ? { activityType } : {}),
      ...(problemType !== undefined ? { problemType } : {}),
    };
    return {
      ...s,
      patch,
      ...(clueSource !== undefined ? { clueSource } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(remark !== undefined ? { remark } : {}),
      ...(problemNo !== undefined ? { problemNo } : {}),
    };
  },
  geometry_edited: (s, e) => ({ ...s, patch: { ...s.patch, ...e.payload } }),
  due_set: (s, e) => ({ ...s, due: { ...s.due, [e.payload.milestone]: e.payload.dueDate } }),
  evidence_added: (s, e) => {
    const added = e.payload.evidence;
    const others = Object.entries(s.indexNos)
      .filter(([id]) => id !== added.id)
      .map(([, number]) => number);
    const indexNo = distinctIndexNo(added.indexNo, added.kind, others);
    const evidence = indexNo === added.indexNo ? added : { ...added, indexNo, renumberedFrom: added.indexNo };
    return {
      ...s,
      evidence: [...s.evidence.filter((x) => x.id !== added.id), evidence],
      indexNos: { ...s.indexNos, [added.id]: indexNo },
      photoCount: s.photoCount + (added.kind === 'photo' ? 1 : 0),
    };
  },
  evidence_removed: (s, e) => ({ ...s, evidence: s.evidence.filter((x) => x.id !== e.payload.evidenceId) }),
  note_added: (s, e, st) => ({ ...s, notes: [...s.notes, withStamp(e.payload, st)] }),
  undone: (s) => s,
};

function openCase(e: EventOf<'opened'>): CaseState {
  const stamp = stampOf(e);
  return {
    id: e.caseId,
    stage: e.payload.stage,
    patch: e.payload.patch,
    clueSource: e.payload.clueSource,
    opened: stamp,
    openedOn: e.at.slice(0, 10),
    reviews: [],
    rechecks: [],
    transfers: [],
    departmentFeedback: [],
    referrals: [],
    reports: [],
    escalations: [],
    due: {},
    evidence: [],
    indexNos: {},
    photoCount: 0,
    notes: [],
    updated: stamp,
  };
}

const GUARD_CODES: Partial<Record<EventType, WorkflowError['code']>> = {
  reviewed: 'review_order',
  evidence_removed: 'not_found',
};

/**
 * The machine: the state after `event`, or why the event is not allowed. Pure and total.
 * `state` is undefined before the case's `opened` event.
 */
export function transition(state: CaseState | undefined, event: LedgerEvent): TransitionResult {
  const fail = (
    code: WorkflowError['code'],
    message: string,
    extra: { field?: string; reason?: RefusalReason } = {},
  ): TransitionResult => ({
    ok: false,
    error: new WorkflowError(code, `${event.type}: ${message}`, {
      eventType: event.type,
      ...(state ? { stage: state.stage } : {}),
      ...extra,
    }),
  });
  const rule = TRANSITIONS[event.type];
  const now = refusalNow(state, event.type);
  if (now) return { ok: false, error: now };
  const missing = missingFields(event.type, event.payload as Readonly<Record<string, unknown>>);
  if (missing.length > 0)
    return fail('missing_field', `missing ${missing.join(', ')}`, { field: missing[0] });
  if (event.type === 'opened') return { ok: true, state: openCase(event) };
  const current = state as CaseState;
  const problem = rule.guard?.(current, event);
  if (problem) return fail(GUARD_CODES[event.type] ?? 'refused', problem.message, { reason: problem.reason });
  const stamp = stampOf(event);
  const reduce = REDUCERS[event.type] as Reducer<typeof event.type>;
  return { ok: true, state: { ...reduce(current, event as never, stamp), updated: stamp } };
}
