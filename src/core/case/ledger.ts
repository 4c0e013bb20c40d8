/**
 * The ledger: an append-only event log per project (docs/design-notes.md). Case state is a pure fold of a case's
 * events in causal order (an event after the events it had seen, `prev`), ties broken by id (ULID), so the
 * arrival order never matters and a device whose clock lags still appends after what it saw. Undo is a compensating `undone` event: the
 * target stops counting, nothing is deleted. Events that cannot apply (possible after merging two devices'
 * logs) are kept in the history as `skipped` with the reason, never dropped silently.
 */
import { asEventId, type CaseId, type EventId } from '../ids.ts';
import { isActiveCode, type Catalog, type CatalogTable } from '../catalog.ts';
import {
  parseEvent,
  type CaseState,
  type EventOf,
  type EventType,
  type LedgerEvent,
  type PayloadOf,
  type ProjectSettings,
  type Stage,
} from '../model.ts';
import { missingFields, transition, WorkflowError } from './workflow.ts';
import { currentDue, daysOverdue, isOverdue, localInstant, type DueSettings } from './due-dates.ts';

export type HistoryStatus = 'applied' | 'undone' | 'skipped';

/** One line of a case's history (the case page shows all of them, undone and skipped included). */
export interface HistoryEntry {
  readonly event: LedgerEvent;
  readonly status: HistoryStatus;
  readonly undoneBy?: EventId;
  readonly error?: WorkflowError;
  readonly stageBefore?: Stage;
  readonly stageAfter?: Stage;
}

/** The fold of one case. `state` is undefined when the case's opening was undone (or never recorded). */
export interface CaseFold {
  readonly caseId: CaseId;
  readonly state?: CaseState;
  readonly history: readonly HistoryEntry[];
}

const byId = (a: LedgerEvent, b: LedgerEvent): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Events sorted by id, one per id (the first occurrence wins; see merge.ts for collisions). */
export function canonicalOrder(events: Iterable<LedgerEvent>): LedgerEvent[] {
  const seen = new Map<string, LedgerEvent>();
  for (const e of events) if (!seen.has(e.id)) seen.set(e.id, e);
  return [...seen.values()].sort(byId);
}

/**
 * A case's events in fold order: topological over `prev` (unknown ids ignored), the smallest id first among
 * the events whose predecessors are all placed. Deterministic for any arrival order.
 */
export function causalOrder(caseEvents: Iterable<LedgerEvent>): LedgerEvent[] {
  const events = canonicalOrder(caseEvents);
  const byKey = new Map(events.map((e) => [e.id as string, e]));
  const waiting = new Map<string, number>();
  const next = new Map<string, string[]>();
  for (const e of events) {
    const preds = [...new Set(e.prev)].filter((p) => byKey.has(p) && p !== e.id);
    waiting.set(e.id, preds.length);
    for (const p of preds) next.set(p, [...(next.get(p) ?? []), e.id]);
  }
  const ready = events.filter((e) => waiting.get(e.id) === 0).map((e) => e.id as string);
  const out: LedgerEvent[] = [];
  while (ready.length > 0) {
    const id = ready.shift() as string;
    out.push(byKey.get(id) as LedgerEvent);
    for (const child of next.get(id) ?? []) {
      const left = (waiting.get(child) ?? 0) - 1;
      waiting.set(child, left);
      if (left === 0) insertSorted(ready, child);
    }
  }
  // A cycle in `prev` can only come from forged data: fold what remains in id order rather than lose it.
  if (out.length < events.length) out.push(...events.filter((e) => !out.includes(e)));
  return out;
}

function insertSorted(list: string[], value: string): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as string) < value) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, value);
}

/** Events grouped by case, each group in canonical order. */
export function groupByCase(events: Iterable<LedgerEvent>): Map<CaseId, LedgerEvent[]> {
  const groups = new Map<CaseId, LedgerEvent[]>();
  for (const e of canonicalOrder(events)) {
    const group = groups.get(e.caseId);
    if (group) group.push(e);
    else groups.set(e.caseId, [e]);
  }
  return groups;
}

/**
 * Which events are cancelled, and by which undo. An undo counts only if it is itself not undone; it must
 * target an earlier event of the same case (later ones are skipped as bad undos).
 */
export function resolveUndos(caseEvents: readonly LedgerEvent[]): Map<EventId, EventId> {
  const sorted = causalOrder(caseEvents);
  const index = new Map(sorted.map((e, i) => [e.id, i]));
  const cancelledBy = new Map<EventId, EventId>();
  // Latest first: every undo that could cancel an event comes after it, so it is already resolved.
  for (let i = sorted.length - 1; i >= 0; i -= 1) {
    const e = sorted[i] as LedgerEvent;
    if (e.type !== 'undone' || cancelledBy.has(e.id)) continue;
    const targetIndex = index.get(e.payload.target);
    if (targetIndex === undefined || targetIndex >= i || cancelledBy.has(e.payload.target)) continue;
    cancelledBy.set(e.payload.target, e.id);
  }
  return cancelledBy;
}

/** Fold one case's events (any order, duplicates allowed) into its state and history. */
export function foldCase(caseEvents: readonly LedgerEvent[]): CaseFold {
  const sorted = causalOrder(caseEvents);
  const caseId = (sorted[0]?.caseId ?? '') as CaseId;
  const cancelledBy = resolveUndos(sorted);
  const position = new Map(sorted.map((e, i) => [e.id as string, i]));
  let state: CaseState | undefined;
  const history: HistoryEntry[] = [];
  for (const [i, event] of sorted.entries()) {
    const undoneBy = cancelledBy.get(event.id);
    if (undoneBy) {
      history.push({ event, status: 'undone', undoneBy });
      continue;
    }
    if (event.type === 'undone' && (position.get(event.payload.target) ?? i) >= i) {
      const error = new WorkflowError(
        'bad_undo',
        `undone: target ${event.payload.target} is not an earlier event`,
      );
      history.push({ event, status: 'skipped', error });
      continue;
    }
    const before = state?.stage;
    const result = transition(state, event);
    if (result.ok) {
      state = result.state;
      history.push({ event, status: 'applied', stageBefore: before, stageAfter: state.stage });
    } else {
      history.push({ event, status: 'skipped', error: result.error, stageBefore: before });
    }
  }
  return { caseId, ...(state ? { state } : {}), history };
}

/** Fold a whole log: one CaseFold per case id. */
export function foldLedger(events: Iterable<LedgerEvent>): Map<CaseId, CaseFold> {
  const out = new Map<CaseId, CaseFold>();
  for (const [caseId, group] of groupByCase(events)) out.set(caseId, foldCase(group));
  return out;
}

/** Current states of all open (not withdrawn) cases, sorted by case id. */
export function caseStates(events: Iterable<LedgerEvent>): CaseState[] {
  const states: CaseState[] = [];
  for (const fold of foldLedger(events).values()) if (fold.state) states.push(fold.state);
  return states.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Events of the case that no other event lists in `prev`: what a new event must say it has seen. */
export function heads(caseEvents: readonly LedgerEvent[]): EventId[] {
  const referenced = new Set<string>();
  for (const e of caseEvents) for (const p of e.prev) referenced.add(p);
  return canonicalOrder(caseEvents)
    .filter((e) => !referenced.has(e.id))
    .map((e) => e.id);
}

// ---------------------------------------------------------------- new events

/** Who writes events on this device (the actor name is set once per device). */
export interface Author {
  readonly actor: string;
  readonly device: string;
}
/** Time and id sources; inject fixed ones in tests. */
export interface LedgerClock {
  readonly now: () => Date;
  readonly newId: () => string;
}
export interface EventDraft<T extends EventType = EventType> {
  readonly caseId: CaseId;
  readonly type: T;
  readonly payload: PayloadOf<T>;
}
/** The settings and codes that rules for new events depend on. */
export interface WorkflowContext {
  readonly settings: Pick<ProjectSettings, 'reviewMode' | 'distinctReviewers'>;
  readonly catalog: Catalog;
}

/** Build a complete event for a draft (envelope, prev = current heads). Does not validate. */
export function makeEvent<T extends EventType>(
  draft: EventDraft<T>,
  caseEvents: readonly LedgerEvent[],
  author: Author,
  clock: LedgerClock,
): EventOf<T> {
  return {
    schemaVersion: 1,
    id: asEventId(clock.newId()),
    caseId: draft.caseId,
    at: localInstant(clock.now()),
    actor: author.actor,
    device: author.device,
    prev: heads(caseEvents),
    type: draft.type,
    payload: draft.payload,
  } as LedgerEvent as EventOf<T>;
}

/** Payload fields holding codes, and the table each must come from (checked for new events only). */
const CODE_FIELDS: Partial<Record<EventType, readonly [string, CatalogTable][]>> = {
  opened: [['clueSource', 'clueSources']],
  rejected: [['reasonCode', 'rejectionReasons']],
  reviewed: [
    ['reasonCode', 'rejectionReasons'],
    ['activityType', 'activityTypes'],
    ['problemType', 'problemTypes'],
  ],
  transferred_to_department: [['department', 'departments']],
  department_feedback: [['department', 'departments']],
  referred: [['kind', 'referralKinds']],
  escalated: [['measure', 'escalationMeasures']],
};
const FIELD_TABLES: Readonly<Record<string, CatalogTable>> = {
  activityType: 'activityTypes',
  problemType: 'problemTypes',
  clueSource: 'clueSources',
};

function codeProblems(event: LedgerEvent, catalog: Catalog): string[] {
  const checks: [unknown, CatalogTable, string][] = [];
  const payload = event.payload as Readonly<Record<string, unknown>>;
  for (const [field, table] of CODE_FIELDS[event.type] ?? []) checks.push([payload[field], table, field]);
  const attrs =
    event.type === 'fields_set' ? event.payload.fields : event.type === 'opened' ? event.payload.patch : {};
  for (const [field, table] of Object.entries(FIELD_TABLES))
    checks.push([(attrs as Record<string, unknown>)[field], table, field]);
  return checks
    .filter(
      ([value, table]) => typeof value === 'string' && value !== '' && !isActiveCode(catalog, table, value),
    )
    .map(([value, table, field]) => `${field}: ${String(value)} is not an active code of ${table}`);
}

/** Rules that only bind new events: review mode, distinct reviewers, active codes, undo of the last action. */
export function validateNew(
  fold: CaseFold | undefined,
  event: LedgerEvent,
  ctx: WorkflowContext,
): WorkflowError | undefined {
  const state = fold?.state;
  const codes = codeProblems(event, ctx.catalog);
  if (codes.length > 0) return new WorkflowError('unknown_code', codes.join('; '), { eventType: event.type });
  if (event.type === 'reviewed' && state) {
    const allowed = ctx.settings.reviewMode === 'single' ? ['single'] : ['self', 'expert', 'final'];
    if (!allowed.includes(event.payload.level))
      return new WorkflowError(
        'review_mode',
        `review level ${event.payload.level} in ${ctx.settings.reviewMode} mode`,
      );
    const reviewer = event.payload.reviewer.trim();
    if (ctx.settings.distinctReviewers && state.reviews.some((r) => r.reviewer.trim() === reviewer))
      return new WorkflowError('same_reviewer', `${reviewer} already reviewed this case in this round`);
  }
  if (event.type === 'undone') {
    const last = lastUndoable(fold);
    if (!last || last.id !== event.payload.target)
      return new WorkflowError('bad_undo', 'only the last action of a case can be undone');
  }
  return undefined;
}

/** The event "undo" would cancel: the case's last effective event (an undo itself, for redo). */
export function lastUndoable(fold: CaseFold | undefined): LedgerEvent | undefined {
  return fold?.history.filter((h) => h.status === 'applied').at(-1)?.event;
}

export type ProposeResult =
  { ok: true; event: LedgerEvent; fold: CaseFold } | { ok: false; error: WorkflowError | Error };

/**
 * Everything the UI needs before writing one user action: build the event, validate its schema, the
 * machine and the project rules, and return the event plus the case as it will be once written.
 */
export function propose<T extends EventType>(
  draft: EventDraft<T>,
  caseEvents: readonly LedgerEvent[],
  author: Author,
  clock: LedgerClock,
  ctx: WorkflowContext,
): ProposeResult {
  // Missing fields first: the schema would refuse them too, but without saying which field in words.
  const missing = missingFields(draft.type, draft.payload as Readonly<Record<string, unknown>>);
  if (missing.length > 0)
    return {
      ok: false,
      error: new WorkflowError('missing_field', `${draft.type}: missing ${missing.join(', ')}`, {
        eventType: draft.type,
        field: missing[0],
      }),
    };
  let event: LedgerEvent;
  try {
    event = parseEvent(makeEvent(draft, caseEvents, author, clock));
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
  const before = caseEvents.length > 0 ? foldCase(caseEvents) : undefined;
  const problem = validateNew(before, event, ctx);
  if (problem) return { ok: false, error: problem };
  const fold = foldCase([...caseEvents, event]);
  const entry = fold.history.find((h) => h.event.id === event.id);
  if (entry?.status !== 'applied')
    return { ok: false, error: entry?.error ?? new WorkflowError('wrong_stage', 'event did not apply') };
  return { ok: true, event, fold };
}

/** Event types that record a review decision (a screening rejection is one too). */
export const DECISION_EVENTS: readonly EventType[] = ['reviewed', 'rejected'];

/** The latest review decision still in force across all cases (optionally by one actor), newest by event id. */
export interface LastDecision {
  readonly caseId: CaseId;
  readonly event: LedgerEvent;
  /** The decision is its case's last action, so undoing the case's last action undoes exactly it. */
  readonly undoable: boolean;
}

export function lastDecision(folds: Iterable<CaseFold>, actor?: string): LastDecision | undefined {
  let best: LastDecision | undefined;
  for (const fold of folds) {
    for (const entry of fold.history) {
      const e = entry.event;
      if (entry.status !== 'applied' || !DECISION_EVENTS.includes(e.type)) continue;
      if (actor !== undefined && e.actor !== actor) continue;
      if (!best || e.id > best.event.id)
        best = { caseId: fold.caseId, event: e, undoable: lastUndoable(fold)?.id === e.id };
    }
  }
  return best;
}

/** Draft of the compensating event that undoes the case's last action, or undefined if nothing to undo. */
export function undoDraft(caseEvents: readonly LedgerEvent[]): EventDraft<'undone'> | undefined {
  if (caseEvents.length === 0) return undefined;
  const fold = foldCase(caseEvents);
  const last = lastUndoable(fold);
  return last ? { caseId: fold.caseId, type: 'undone', payload: { target: last.id } } : undefined;
}

// ---------------------------------------------------------------- flat rows (DuckDB case_state, case list)

/** One case as a flat row with snake_case columns, for the DuckDB `case_state` table and the case list. */
export interface CaseRow {
  readonly case_id: string;
  readonly stage: Stage;
  readonly province: string;
  readonly city: string;
  readonly county: string;
  readonly township: string;
  readonly location: string;
  readonly area_ha: number;
  readonly redline_ha: number;
  readonly cx: number;
  readonly cy: number;
  readonly activity_type: string | null;
  readonly problem_type: string | null;
  readonly clue_source: string;
  readonly opened_on: string;
  readonly due_milestone: string | null;
  readonly due_date: string | null;
  readonly overdue: boolean;
  readonly days_overdue: number;
  readonly handover_recipient: string | null;
  readonly verification_result: string | null;
  readonly rejection_reason: string | null;
  readonly photo_count: number;
  readonly updated_at: string;
  readonly updated_by: string;
}

/** The row of a case on `today` (YYYY-MM-DD), due dates from the project settings. */
export function caseRow(s: CaseState, today: string, settings?: DueSettings): CaseRow {
  const due = currentDue(s, settings);
  return {
    case_id: s.id,
    stage: s.stage,
    province: s.patch.province,
    city: s.patch.city,
    county: s.patch.county,
    township: s.patch.township,
    location: s.patch.location,
    area_ha: s.patch.areaHa,
    redline_ha: s.patch.redlineHa,
    cx: s.patch.cx,
    cy: s.patch.cy,
    activity_type: s.patch.activityType ?? null,
    problem_type: s.patch.problemType ?? null,
    clue_source: s.clueSource,
    opened_on: s.openedOn,
    due_milestone: due?.milestone ?? null,
    due_date: due?.dueDate ?? null,
    overdue: isOverdue(s, today, settings),
    days_overdue: daysOverdue(s, today, settings),
    handover_recipient: s.handover?.recipient ?? null,
    verification_result: s.verification?.result ?? null,
    rejection_reason: s.stage === 'rejected' ? (s.rejection?.reasonCode ?? null) : null,
    photo_count: s.evidence.filter((e) => e.kind === 'photo').length,
    updated_at: s.updated.at,
    updated_by: s.updated.by,
  };
}
