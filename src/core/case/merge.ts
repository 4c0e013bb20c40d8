/**
 * Merging two event logs (a colleague's bundle into this project): the union of events by id, which is
 * idempotent, commutative and associative, and the detection of conflicts — concurrent edits of the same
 * field (neither author had seen the other's event) with different values, shown with both values and actors.
 */
import type { CaseId, EventId } from '../ids.ts';
import type { LedgerEvent, Stage } from '../model.ts';
import { canonicalOrder, causalOrder, foldCase, groupByCase } from './ledger.ts';

/** Deterministic JSON (sorted keys) so equal values compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Two different events with the same id (forged or corrupted data). The smaller canonical JSON is kept. */
export interface IdCollision {
  readonly id: EventId;
  readonly kept: LedgerEvent;
  readonly dropped: LedgerEvent;
}

/** Union by id. Same result whatever the order of logs and events; see IdCollision for clashing ids. */
export function mergeLogs(...logs: readonly (readonly LedgerEvent[])[]): {
  events: LedgerEvent[];
  collisions: IdCollision[];
} {
  const chosen = new Map<string, { event: LedgerEvent; json: string }>();
  const clashes = new Map<string, Map<string, LedgerEvent>>();
  for (const log of logs)
    for (const event of log) {
      const json = canonicalJson(event);
      const current = chosen.get(event.id);
      if (!current) {
        chosen.set(event.id, { event, json });
        continue;
      }
      if (current.json === json) continue;
      const variants = clashes.get(event.id) ?? new Map([[current.json, current.event]]);
      variants.set(json, event);
      clashes.set(event.id, variants);
      if (json < current.json) chosen.set(event.id, { event, json });
    }
  const collisions: IdCollision[] = [];
  for (const [id, variants] of clashes) {
    const kept = chosen.get(id) as { event: LedgerEvent; json: string };
    for (const [json, event] of [...variants].sort(([a], [b]) => (a < b ? -1 : 1)))
      if (json !== kept.json) collisions.push({ id: id as EventId, kept: kept.event, dropped: event });
  }
  return { events: canonicalOrder([...chosen.values()].map((c) => c.event)), collisions };
}

// ---------------------------------------------------------------- conflicts

/** The fields (with values) an event writes, for conflict detection. Appending events write none. */
export function fieldsWritten(e: LedgerEvent): Record<string, unknown> {
  switch (e.type) {
    case 'opened':
      return { opened: e.payload };
    case 'advanced':
      return { stage: e.payload.to };
    case 'rejected':
      return { stage: 'rejected', rejection: e.payload.reasonCode };
    case 'reviewed':
      return { [`review.${e.payload.level}`]: [e.payload.decision, e.payload.reasonCode ?? null] };
    case 'reopened':
      return { stage: 'suspected' };
    case 'superseded':
      return { stage: 'rejected', supersededBy: e.payload.by };
    case 'handed_over':
      return { stage: 'handed_over', handover: e.payload };
    case 'verified':
      return { stage: 'verified', verification: [e.payload.result, e.payload.details] };
    case 'rectification_started':
      return { stage: 'rectifying', 'due.rectification': e.payload.deadline };
    case 'rechecked':
      return { recheck: [e.payload.passed, e.payload.findings] };
    case 'closed':
      return { stage: 'closed' };
    case 'fields_set':
      return Object.fromEntries(Object.entries(e.payload.fields).map(([k, v]) => [`field.${k}`, v]));
    case 'geometry_edited':
      return { geometry: e.payload.geometry };
    case 'due_set':
      return { [`due.${e.payload.milestone}`]: e.payload.dueDate };
    default:
      return {};
  }
}

/** One side of a conflict. */
export interface ConflictSide {
  readonly eventId: EventId;
  readonly actor: string;
  readonly device: string;
  readonly at: string;
  readonly value: unknown;
}
/** Two concurrent writes of one field with different values. `applied` is the side the fold kept last. */
export interface FieldConflict {
  readonly caseId: CaseId;
  readonly field: string;
  readonly a: ConflictSide;
  readonly b: ConflictSide;
  readonly applied: EventId;
}

/** All ancestors of every event of one case (through `prev`). */
function ancestry(caseEvents: readonly LedgerEvent[]): Map<string, Set<string>> {
  const memo = new Map<string, Set<string>>();
  const byId = new Map(caseEvents.map((e) => [e.id as string, e]));
  // Causal order puts parents first, so each event's parents are resolved before it.
  for (const e of causalOrder(caseEvents)) {
    const set = new Set<string>();
    for (const p of e.prev) {
      if (!byId.has(p)) continue;
      set.add(p);
      for (const a of memo.get(p) ?? []) set.add(a);
    }
    memo.set(e.id, set);
  }
  return memo;
}

const side = (e: LedgerEvent, value: unknown): ConflictSide => ({
  eventId: e.id,
  actor: e.actor,
  device: e.device,
  at: e.at,
  value,
});

/** Conflicts in one log (typically the merged one). Undone events and undos take part like any other. */
export function detectConflicts(events: readonly LedgerEvent[]): FieldConflict[] {
  const out: FieldConflict[] = [];
  for (const [caseId, group] of groupByCase(events)) {
    const ancestors = ancestry(group);
    const order = new Map(causalOrder(group).map((e, i) => [e.id as string, i]));
    const writes = new Map<string, { e: LedgerEvent; value: unknown; json: string }[]>();
    for (const e of group)
      for (const [field, value] of Object.entries(fieldsWritten(e))) {
        const list = writes.get(field) ?? [];
        list.push({ e, value, json: canonicalJson(value) });
        writes.set(field, list);
      }
    for (const [field, list] of writes)
      for (let i = 0; i < list.length; i += 1)
        for (let j = i + 1; j < list.length; j += 1) {
          const x = list[i] as (typeof list)[number];
          const y = list[j] as (typeof list)[number];
          if (x.json === y.json) continue;
          if (ancestors.get(x.e.id)?.has(y.e.id) || ancestors.get(y.e.id)?.has(x.e.id)) continue;
          const later = (order.get(x.e.id) ?? 0) > (order.get(y.e.id) ?? 0) ? x : y;
          out.push({ caseId, field, a: side(x.e, x.value), b: side(y.e, y.value), applied: later.e.id });
        }
  }
  return out;
}

// ---------------------------------------------------------------- import preview

export interface CaseChange {
  readonly caseId: CaseId;
  readonly newEvents: number;
  readonly stageBefore?: Stage;
  readonly stageAfter?: Stage;
  /** Incoming events the machine could not apply after the merge (shown to the user). */
  readonly skipped: number;
}

/** What importing `incoming` into `local` would change; nothing is written. */
export interface ImportPreview {
  readonly incoming: number;
  readonly added: readonly LedgerEvent[];
  readonly alreadyPresent: number;
  readonly collisions: readonly IdCollision[];
  readonly cases: readonly CaseChange[];
  /** Conflicts that involve at least one added event. */
  readonly conflicts: readonly FieldConflict[];
  /** The log after the import (apply = write `added`). */
  readonly merged: readonly LedgerEvent[];
}

export function previewImport(
  local: readonly LedgerEvent[],
  incoming: readonly LedgerEvent[],
): ImportPreview {
  const localIds = new Set<string>(local.map((e) => e.id));
  const { events: merged, collisions } = mergeLogs(local, incoming);
  const added = canonicalOrder(incoming).filter((e) => !localIds.has(e.id));
  const addedIds = new Set<string>(added.map((e) => e.id));
  const before = groupByCase(local);
  const after = groupByCase(merged);
  const cases: CaseChange[] = [];
  for (const caseId of new Set(added.map((e) => e.caseId))) {
    const oldEvents = before.get(caseId) ?? [];
    const newFold = foldCase(after.get(caseId) ?? []);
    const stageBefore = oldEvents.length > 0 ? foldCase(oldEvents).state?.stage : undefined;
    cases.push({
      caseId,
      newEvents: added.filter((e) => e.caseId === caseId).length,
      ...(stageBefore ? { stageBefore } : {}),
      ...(newFold.state ? { stageAfter: newFold.state.stage } : {}),
      skipped: newFold.history.filter((h) => h.status === 'skipped' && addedIds.has(h.event.id)).length,
    });
  }
  const conflicts = detectConflicts(merged).filter(
    (c) => addedIds.has(c.a.eventId) || addedIds.has(c.b.eventId),
  );
  return {
    incoming: incoming.length,
    added,
    alreadyPresent: incoming.length - added.length,
    collisions,
    cases: cases.sort((a, b) => (a.caseId < b.caseId ? -1 : 1)),
    conflicts,
    merged,
  };
}
