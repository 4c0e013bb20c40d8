import { describe, expect, it } from 'vitest';
import type { CaseId } from '../../../src/core/ids.ts';
import type { CaseState } from '../../../src/core/model.ts';
import type { EventDraft } from '../../../src/core/case/ledger.ts';
import { markMajorProblem, type MajorMarkPorts } from '../../../src/app/mark-major-problem.ts';
import { FakeDevice } from '../domain/helpers.ts';
import { eventsTo, stateOf } from '../domain/flow-helpers.ts';

const CASE = '450521-2026-0001';

/** Fake ledger: one case, a log of what was asked and written in order. */
function ports(state: CaseState): MajorMarkPorts & { log: string[]; drafts: EventDraft[] } {
  const log: string[] = [];
  const drafts: EventDraft[] = [];
  return {
    log,
    drafts,
    ensureActor: async () => {
      log.push('ensureActor');
    },
    caseState: (id) => (id === state.id ? state : undefined),
    today: () => '2026-04-02',
    write: async (_id, draft) => {
      log.push('write');
      drafts.push(draft);
    },
    wordsOf: (problem) =>
      typeof problem === 'string' ? problem : `refused:${problem.detail.reason ?? problem.code}`,
  };
}

describe('markMajorProblem', () => {
  it('writes the mark with its reason and date, after the operator is named', async () => {
    const state = stateOf(eventsTo(new FakeDevice('甲', 'd1'), CASE, 'suspected'));
    const fake = ports(state);
    expect(await markMajorProblem(fake, state.id, true, '  大面积毁林 ')).toEqual({ written: true });
    expect(fake.log).toEqual(['ensureActor', 'write']);
    expect(fake.drafts).toEqual([
      { caseId: state.id, type: 'major_flagged', payload: { reason: '大面积毁林', flaggedOn: '2026-04-02' } },
    ]);
  });

  it('writes nothing and asks nothing without a reason', async () => {
    const state = stateOf(eventsTo(new FakeDevice('甲', 'd1'), CASE, 'confirmed'));
    const fake = ports(state);
    expect(await markMajorProblem(fake, state.id, true, '   ')).toEqual({
      written: false,
      message: 'reason_required',
    });
    expect(fake.log).toEqual([]);
  });

  it('refuses in words to withdraw a mark that is not there, and to mark before review', async () => {
    const confirmed = stateOf(eventsTo(new FakeDevice('甲', 'd1'), CASE, 'confirmed'));
    const fake = ports(confirmed);
    expect(await markMajorProblem(fake, confirmed.id, false, '不再重大')).toEqual({
      written: false,
      message: 'refused:not_major',
    });
    const clue = stateOf(eventsTo(new FakeDevice('甲', 'd1'), CASE, 'clue'));
    const early = ports(clue);
    expect(await markMajorProblem(early, clue.id, true, '重大')).toEqual({
      written: false,
      message: 'refused:wrong_stage',
    });
    expect([...fake.drafts, ...early.drafts]).toEqual([]);
  });

  it('withdraws a mark with a second event and says so for an unknown case', async () => {
    const device = new FakeDevice('甲', 'd1');
    const events = eventsTo(device, CASE, 'confirmed');
    events.push(device.emit(CASE, 'major_flagged', { reason: 'r', flaggedOn: '2026-04-01' }));
    const fake = ports(stateOf(events));
    expect(await markMajorProblem(fake, CASE as CaseId, false, '核实面积小')).toEqual({ written: true });
    expect(fake.drafts[0]?.type).toBe('major_unflagged');
    expect(await markMajorProblem(fake, '450521-2026-0099' as CaseId, true, 'x')).toEqual({
      written: false,
      message: 'no_case',
    });
  });
});
