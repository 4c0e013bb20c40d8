import { describe, expect, it } from 'vitest';
import {
  caseStates,
  causalOrder,
  foldCase,
  foldLedger,
  heads,
  propose,
  undoDraft,
  type WorkflowContext,
} from '../../../src/core/case/ledger.ts';
import { asCaseId, createUlidFactory } from '../../../src/core/ids.ts';
import { DEFAULT_CATALOG } from '../../../src/core/catalog.ts';
import { parseEvent, SchemaError, type LedgerEvent } from '../../../src/core/model.ts';
import { FakeDevice, samplePatch, samplePayload, seededBytes, T0 } from './helpers.ts';

const A = '450521-2026-0001';
const B = '450521-2026-0002';
const single: WorkflowContext = {
  settings: { reviewMode: 'single', distinctReviewers: true },
  catalog: DEFAULT_CATALOG,
};
const three: WorkflowContext = { ...single, settings: { reviewMode: 'three_step', distinctReviewers: true } };

function mainPath(d: FakeDevice, id = A): LedgerEvent[] {
  return [
    d.emit(id, 'opened', { patch: samplePatch(id), stage: 'suspected', clueSource: 'satellite' }),
    d.emit(id, 'reviewed', { level: 'single', decision: 'confirm', reviewer: '王' }),
    d.emit(id, 'handed_over', samplePayload('handed_over')),
  ];
}

describe('fold', () => {
  it('folds each case from its own events; states come sorted by case id', () => {
    const d = new FakeDevice('甲', 'dev-a');
    const log = [...mainPath(d, B), ...mainPath(d, A)];
    const states = caseStates(log);
    expect(states.map((s) => [s.id, s.stage])).toEqual([
      [A, 'handed_over'],
      [B, 'handed_over'],
    ]);
    expect(
      foldLedger(log)
        .get(asCaseId(A))
        ?.history.map((h) => h.status),
    ).toEqual(['applied', 'applied', 'applied']);
  });

  it('replaying the same events twice (or in reverse) changes nothing', () => {
    const d = new FakeDevice('甲', 'dev-a');
    const log = mainPath(d);
    const once = foldCase(log);
    expect(foldCase([...log, ...log])).toEqual(once);
    expect(foldCase([...log].reverse())).toEqual(once);
  });

  it('keeps events that cannot apply in the history as skipped', () => {
    const d = new FakeDevice('甲', 'dev-a');
    const log = [
      ...mainPath(d),
      d.emit(A, 'reviewed', { level: 'single', decision: 'confirm', reviewer: '李' }),
    ];
    const fold = foldCase(log);
    expect(fold.state?.stage).toBe('handed_over');
    const last = fold.history.at(-1);
    expect([last?.status, last?.error?.code]).toEqual(['skipped', 'wrong_stage']);
  });

  it('orders by causality, not by clock: a device whose clock lags still appends after what it saw', () => {
    const fast = new FakeDevice('甲', 'dev-a', T0 + 3_600_000);
    const slow = new FakeDevice('乙', 'dev-b', T0, 60_000, 99);
    const first = mainPath(fast).slice(0, 2); // opened, confirmed (clock 1 h ahead)
    slow.learn(first);
    const handed = slow.emit(A, 'handed_over', samplePayload('handed_over'));
    expect(handed.id < (first[1]?.id ?? '')).toBe(true); // its ULID sorts earlier…
    const fold = foldCase([handed, ...first]);
    expect(causalOrder([handed, ...first]).map((e) => e.type)).toEqual(['opened', 'reviewed', 'handed_over']);
    expect(fold.state?.stage).toBe('handed_over'); // …but it is applied after what it saw
  });
});

describe('undo is a compensating event', () => {
  it('undo cancels the last action without deleting it; undo of the undo restores it', () => {
    const d = new FakeDevice('甲', 'dev-a');
    const log = mainPath(d);
    const draft = undoDraft(log);
    expect(draft?.payload.target).toBe(log[2]?.id);
    const undo = d.emit(A, 'undone', draft!.payload);
    const after = foldCase([...log, undo]);
    expect(after.state?.stage).toBe('confirmed');
    expect(after.state?.handover).toBeUndefined();
    expect(after.history.map((h) => h.status)).toEqual(['applied', 'applied', 'undone', 'applied']);
    expect(after.history[2]?.undoneBy).toBe(undo.id);
    const redo = d.emit(A, 'undone', undoDraft([...log, undo])!.payload);
    expect(redo.payload).toEqual({ target: undo.id });
    expect(foldCase([...log, undo, redo]).state?.stage).toBe('handed_over');
  });

  it('undoing the opening withdraws a hand-drawn patch; an undo of a later event is skipped', () => {
    const d = new FakeDevice('甲', 'dev-a');
    const open = d.emit(A, 'opened', { patch: samplePatch(A), stage: 'suspected', clueSource: 'petition' });
    const undo = d.emit(A, 'undone', { target: open.id });
    expect(foldCase([open, undo]).state).toBeUndefined();
    const bogus = { ...undo, id: '00000000000000000000000000', prev: [] } as unknown as LedgerEvent;
    const fold = foldCase([open, bogus]);
    expect(fold.state?.stage).toBe('suspected');
    expect(fold.history.find((h) => h.event.id === bogus.id)?.error?.code).toBe('bad_undo');
  });
});

describe('propose: one user action, validated before it is written', () => {
  const author = { actor: '甲', device: 'dev-a' };
  const clock = () => {
    let t = T0;
    const newId = createUlidFactory({ now: () => t, random: seededBytes(5) });
    return { now: () => new Date((t += 1000)), newId };
  };

  it('builds a full event with prev = heads, and returns the case as it will be', () => {
    const c = clock();
    const r1 = propose(
      { caseId: asCaseId(A), type: 'opened', payload: samplePayload('opened', A) },
      [],
      author,
      c,
      single,
    );
    expect(r1.ok).toBe(true);
    if (!r1.ok) return;
    expect(r1.event.prev).toEqual([]);
    expect(parseEvent(r1.event)).toEqual(r1.event);
    const r2 = propose(
      { caseId: asCaseId(A), type: 'advanced', payload: { to: 'clue' } },
      [r1.event],
      author,
      c,
      single,
    );
    expect(r2.ok && r2.event.prev).toEqual([r1.event.id]);
    expect(r2.ok && r2.fold.state?.stage).toBe('clue');
    expect(heads([r1.event, ...(r2.ok ? [r2.event] : [])])).toEqual(r2.ok ? [r2.event.id] : []);
  });

  it('refuses unknown codes, wrong review mode, a repeated reviewer and schema errors', () => {
    const c = clock();
    const open = propose(
      { caseId: asCaseId(A), type: 'opened', payload: { ...samplePayload('opened', A), stage: 'suspected' } },
      [],
      author,
      c,
      three,
    );
    if (!open.ok) throw open.error;
    const log = [open.event];
    const bad = (payload: object, ctx = three) =>
      propose({ caseId: asCaseId(A), type: 'reviewed', payload: payload as never }, log, author, c, ctx);
    const r1 = bad({ level: 'single', decision: 'confirm', reviewer: '张' });
    expect(!r1.ok && 'code' in r1.error && r1.error.code).toBe('review_mode');
    const r2 = bad({ level: 'self', decision: 'reject', reviewer: '张', reasonCode: 'no_such_reason' });
    expect(!r2.ok && 'code' in r2.error && r2.error.code).toBe('unknown_code');
    const r3 = bad({ level: 'self', decision: 'maybe', reviewer: '张' });
    expect(!r3.ok && r3.error).toBeInstanceOf(SchemaError);
    const self = bad({ level: 'self', decision: 'confirm', reviewer: '张' });
    if (!self.ok) throw self.error;
    const again = propose(
      {
        caseId: asCaseId(A),
        type: 'reviewed',
        payload: { level: 'expert', decision: 'confirm', reviewer: '张' },
      },
      [...log, self.event],
      author,
      c,
      three,
    );
    expect(!again.ok && 'code' in again.error && again.error.code).toBe('same_reviewer');
    const allowed = propose(
      {
        caseId: asCaseId(A),
        type: 'reviewed',
        payload: { level: 'expert', decision: 'confirm', reviewer: '张' },
      },
      [...log, self.event],
      author,
      c,
      { ...three, settings: { reviewMode: 'three_step', distinctReviewers: false } },
    );
    expect(allowed.ok).toBe(true);
  });

  it('only the last action can be undone', () => {
    const d = new FakeDevice('甲', 'dev-a');
    const log = mainPath(d);
    const r = propose(
      { caseId: asCaseId(A), type: 'undone', payload: { target: log[0]!.id } },
      log,
      author,
      clock(),
      single,
    );
    expect(!r.ok && 'code' in r.error && r.error.code).toBe('bad_undo');
  });
});

describe('case rows', () => {
  it('flatten a case with its current due date and overdue flag', async () => {
    const { caseRow } = await import('../../../src/core/case/ledger.ts');
    const d = new FakeDevice('甲', 'dev-a');
    const state = foldCase(mainPath(d)).state!;
    const settings = {
      milestoneBase: '2026-03-01',
      milestoneMonths: { review: 1, handover: 2, feedback: 3, rectification: 12 },
    };
    const inTime = caseRow(state, '2026-06-01', settings);
    expect([inTime.stage, inTime.due_milestone, inTime.due_date, inTime.overdue]).toEqual([
      'handed_over',
      'feedback',
      '2026-06-01',
      false,
    ]);
    const late = caseRow(state, '2026-06-11', settings);
    expect([late.overdue, late.days_overdue, late.handover_recipient]).toEqual([
      true,
      10,
      '广西壮族自治区人民政府办公厅',
    ]);
  });
});
