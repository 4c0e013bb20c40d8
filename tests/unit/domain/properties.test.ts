/** Property-based tests (fast-check) of the fold and the merge. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalOrder, foldCase, foldLedger } from '../../../src/core/case/ledger.ts';
import { detectConflicts, mergeLogs } from '../../../src/core/case/merge.ts';
import { allowedEventTypes, transition } from '../../../src/core/case/workflow.ts';
import { createUlidFactory, type CaseId, type EventId } from '../../../src/core/ids.ts';
import type { CaseState, EventType, LedgerEvent, PayloadOf } from '../../../src/core/model.ts';
import { FakeDevice, samplePatch, samplePayload, seededBytes, T0 } from './helpers.ts';

const CASES = ['450521-2026-0001', '450521-2026-0002', '450503-2026-0003'];
const RUNS = { numRuns: 150 };

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const rand = seededBytes(seed);
  for (let i = out.length - 1; i > 0; i -= 1) {
    const r = rand(new Uint8Array(4));
    const j = ((r[0]! << 16) | (r[1]! << 8) | r[2]!) % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Payload variations so the random walk also rejects, edits fields and re-checks with failures. */
function payloadFor(type: EventType, caseId: string, state: CaseState | undefined, pick: number): unknown {
  const base = samplePayload(type, caseId, state) as Record<string, unknown>;
  if (type === 'opened') return { ...base, stage: (['auto', 'clue', 'suspected'] as const)[pick % 3] };
  if (type === 'reviewed')
    return pick % 3 === 0
      ? { level: 'single', decision: 'reject', reviewer: `R${pick % 5}`, reasonCode: 'cloud_shadow' }
      : { ...base, reviewer: `R${pick % 5}` };
  if (type === 'fields_set')
    return { fields: { [['location', 'remark', 'township'][pick % 3] as string]: `v${pick % 4}` } };
  if (type === 'rechecked' && pick % 4 === 2)
    return { ...base, passed: false, findings: '未整改到位', newDeadline: '2027-06-30' };
  if (type === 'evidence_added') {
    const evidence = (base as PayloadOf<'evidence_added'>).evidence;
    return {
      evidence: { ...evidence, id: createUlidFactory({ now: () => pick, random: seededBytes(pick + 1) })() },
    };
  }
  return base;
}

const PROGRESS: Partial<Record<CaseState['stage'], EventType>> = {
  auto: 'advanced',
  clue: 'advanced',
  suspected: 'reviewed',
  rejected: 'reopened',
  confirmed: 'handed_over',
  handed_over: 'verified',
  verified: 'rectification_started',
  rectifying: 'rechecked',
  rechecked: 'closed',
};

const step = fc.record({
  device: fc.nat(2),
  caseIx: fc.nat(CASES.length - 1),
  pick: fc.nat(1000),
  sync: fc.nat(5),
});

/** Three devices working on three cases, syncing now and then: a realistic log with concurrency. */
function simulate(
  steps: readonly { device: number; caseIx: number; pick: number; sync: number }[],
): FakeDevice[] {
  const devices = [0, 1, 2].map(
    (i) => new FakeDevice(`actor${i}`, `dev${i}`, T0 + i * 7_000, 60_000 + i, i + 11),
  );
  for (const s of steps) {
    const d = devices[s.device] as FakeDevice;
    const caseId = CASES[s.caseIx] as string;
    const state = foldCase(d.seen.filter((e) => e.caseId === caseId)).state;
    const types = allowedEventTypes(state?.stage);
    const progress = state ? PROGRESS[state.stage] : undefined;
    // Half of the steps move the case along the main path, so logs reach the late stages.
    const type = (progress && s.pick % 2 === 0 ? progress : types[s.pick % types.length]) as EventType;
    const payload = payloadFor(type, caseId, state, s.pick) as PayloadOf<typeof type>;
    const event = d.emit(caseId, type, payload);
    if (!transition(state, event).ok) d.seen.pop(); // only write what the device's UI would accept
    if (s.sync < 3) d.learn((devices[s.sync] as FakeDevice).seen);
  }
  return devices;
}

describe('fold: order independence', () => {
  it('any arrival order (with duplicates) folds to the same states', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120, size: 'large' }), fc.integer(), (steps, seed) => {
        const log = simulate(steps).flatMap((d) => d.seen);
        const reference = foldLedger(log);
        const reordered = shuffled([...log, ...log.slice(0, seed % 7)], seed);
        expect(foldLedger(reordered)).toEqual(reference);
      }),
      RUNS,
    );
  });
});

describe('merge: a join-semilattice on logs', () => {
  it('is commutative, associative and idempotent; the fold agrees whatever the merge order', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120, size: 'large' }), (steps) => {
        const [a, b, c] = simulate(steps).map((d) => d.seen) as [LedgerEvent[], LedgerEvent[], LedgerEvent[]];
        const ab = mergeLogs(a, b).events;
        expect(mergeLogs(b, a).events).toEqual(ab);
        expect(mergeLogs(ab, c).events).toEqual(mergeLogs(a, mergeLogs(b, c).events).events);
        expect(mergeLogs(a, a).events).toEqual(canonicalOrder(a));
        expect(mergeLogs(ab, b).events).toEqual(ab);
        expect(foldLedger(mergeLogs(c, b, a).events)).toEqual(foldLedger(mergeLogs(a, b, c).events));
        expect(mergeLogs(a, b, c).collisions).toEqual([]);
      }),
      RUNS,
    );
  });

  it('resolves an id collision the same way whatever the order, and reports it', () => {
    const d = new FakeDevice('甲', 'dev-a');
    const e = d.emit(CASES[0]!, 'note_added', { text: 'one' });
    const forged = { ...e, payload: { text: 'two' } } as LedgerEvent;
    const x = mergeLogs([e], [forged]);
    const y = mergeLogs([forged], [e]);
    expect(x.events).toEqual(y.events);
    expect(x.collisions).toHaveLength(1);
    expect(x.collisions[0]?.kept).toEqual(y.collisions[0]?.kept);
  });
});

// ---------------------------------------------------------------- commuting events

type Op = { type: EventType; payload: unknown };
const fieldNames = ['location', 'remark', 'description', 'problemNo', 'township'] as const;
const commutingOps = fc
  .record({
    notes: fc.array(fc.string({ minLength: 1, maxLength: 5 }), { maxLength: 3 }),
    departments: fc.subarray(['natural_resources', 'water', 'forestry', 'coast_guard']),
    fields: fc.subarray([...fieldNames]),
    escalate: fc.boolean(),
    report: fc.boolean(),
    photos: fc.nat(3),
    due: fc.subarray(['handover', 'feedback', 'rectification'] as const),
  })
  .map((r): Op[] => [
    ...r.notes.map((text) => ({ type: 'note_added' as const, payload: { text: `n${text}` } })),
    ...r.departments.map((department) => ({
      type: 'transferred_to_department' as const,
      payload: { department, transferredOn: '2026-06-10' },
    })),
    ...r.fields.map((f) => ({ type: 'fields_set' as const, payload: { fields: { [f]: `${f}-value` } } })),
    ...(r.escalate ? [{ type: 'escalated' as const, payload: { measure: 'notice', on: '2026-08-01' } }] : []),
    ...(r.report ? [{ type: 'reported' as const, payload: { reportedOn: '2026-08-02' } }] : []),
    ...Array.from({ length: r.photos }, (_, i) => ({
      type: 'evidence_added' as const,
      payload: {
        evidence: {
          ...samplePayload('evidence_added').evidence,
          id: `01JQ00000000000000000000P${i}`,
          indexNo: `P-${i}`,
        },
      },
    })),
    ...r.due.map((milestone) => ({
      type: 'due_set' as const,
      payload: { milestone, dueDate: '2026-09-30' },
    })),
  ]);

/** Lists sorted by event id and the `updated` stamp dropped: what "the same state" means for appends. */
function normalise(state: CaseState | undefined): unknown {
  if (!state) return state;
  const byEvent = <T extends { eventId: EventId }>(xs: readonly T[]) =>
    [...xs].sort((a, b) => (a.eventId < b.eventId ? -1 : 1));
  const { updated: _updated, ...rest } = state;
  return {
    ...rest,
    transfers: byEvent(state.transfers),
    notes: byEvent(state.notes),
    escalations: byEvent(state.escalations),
    reports: byEvent(state.reports),
    evidence: [...state.evidence].sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
}

function baseLog(): LedgerEvent[] {
  const d = new FakeDevice('甲', 'dev-a');
  const id = CASES[0]!;
  return [
    d.emit(id, 'opened', { patch: samplePatch(id), stage: 'suspected', clueSource: 'satellite' }),
    d.emit(id, 'reviewed', { level: 'single', decision: 'confirm', reviewer: '王' }),
    d.emit(id, 'handed_over', samplePayload('handed_over')),
  ];
}

/** The ops as events with fixed ids; `chain` gives the order in which each saw the previous one. */
function eventsFor(ops: readonly Op[], base: LedgerEvent[], chain: number[] | 'concurrent'): LedgerEvent[] {
  const head = base.at(-1)!.id;
  const ids = ops.map((_, i) => `01KA${String(i).padStart(22, '0')}` as EventId);
  const prevOf = new Map<number, EventId[]>();
  if (chain === 'concurrent') ops.forEach((_, i) => prevOf.set(i, [head]));
  else chain.forEach((opIx, k) => prevOf.set(opIx, [k === 0 ? head : (ids[chain[k - 1]!] as EventId)]));
  return ops.map(
    (op, i) =>
      ({
        schemaVersion: 1,
        id: ids[i],
        caseId: base[0]!.caseId as CaseId,
        at: '2026-06-01T00:00:00.000Z',
        actor: i % 2 ? '乙' : '丙',
        device: i % 2 ? 'dev-b' : 'dev-c',
        prev: prevOf.get(i),
        type: op.type,
        payload: op.payload,
      }) as LedgerEvent,
  );
}

describe('commuting events', () => {
  it('any interleaving of commuting events folds to the same state, and raises no conflict', () => {
    fc.assert(
      fc.property(commutingOps, fc.integer(), fc.integer(), (ops, s1, s2) => {
        const base = baseLog();
        const order1 = shuffled(
          ops.map((_, i) => i),
          s1,
        );
        const order2 = shuffled(
          ops.map((_, i) => i),
          s2,
        );
        const f1 = foldCase([...base, ...eventsFor(ops, base, order1)]);
        const f2 = foldCase([...base, ...eventsFor(ops, base, order2)]);
        const f3 = foldCase([...base, ...eventsFor(ops, base, 'concurrent')]);
        expect(f1.history.every((h) => h.status === 'applied')).toBe(true);
        expect(normalise(f2.state)).toEqual(normalise(f1.state));
        expect(normalise(f3.state)).toEqual(normalise(f1.state));
        expect(detectConflicts([...base, ...eventsFor(ops, base, 'concurrent')])).toEqual([]);
      }),
      RUNS,
    );
  });

  it('concurrent edits of the same field by two actors are surfaced with both values; sequential ones are not', () => {
    const base = baseLog();
    const ops: Op[] = [
      { type: 'fields_set', payload: { fields: { location: '东岸' } } },
      { type: 'fields_set', payload: { fields: { location: '西岸' } } },
    ];
    const concurrent = detectConflicts([...base, ...eventsFor(ops, base, 'concurrent')]);
    expect(concurrent).toHaveLength(1);
    expect(concurrent[0]).toMatchObject({
      field: 'field.location',
      a: { actor: '丙', value: '东岸' },
      b: { actor: '乙', value: '西岸' },
    });
    const winner = foldCase([...base, ...eventsFor(ops, base, 'concurrent')]).state?.patch.location;
    expect(winner).toBe(concurrent[0]?.applied.endsWith('1') ? '西岸' : '东岸');
    expect(detectConflicts([...base, ...eventsFor(ops, base, [0, 1])])).toEqual([]);
  });

  it('concurrent incompatible stage changes are a conflict, and the loser is kept as skipped', () => {
    const a = new FakeDevice('甲', 'dev-a');
    const id = CASES[1]!;
    const open = a.emit(id, 'opened', {
      patch: samplePatch(id),
      stage: 'suspected',
      clueSource: 'satellite',
    });
    const b = new FakeDevice('乙', 'dev-b', T0 + 5000, 60_000, 3);
    b.learn([open]);
    const confirm = a.emit(id, 'reviewed', { level: 'single', decision: 'confirm', reviewer: '甲' });
    const reject = b.emit(id, 'reviewed', {
      level: 'single',
      decision: 'reject',
      reviewer: '乙',
      reasonCode: 'phenology',
    });
    const log = mergeLogs(a.seen, b.seen).events;
    const conflicts = detectConflicts(log);
    expect(conflicts.map((c) => c.field).sort()).toEqual(['review.single']);
    const fold = foldCase(log);
    expect(fold.history.filter((h) => h.status === 'skipped').map((h) => h.event.id)).toEqual([
      confirm.id < reject.id ? reject.id : confirm.id,
    ]);
  });
});
