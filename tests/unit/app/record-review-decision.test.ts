import { describe, expect, it } from 'vitest';
import type { CaseId } from '../../../src/core/ids.ts';
import type { CaseState } from '../../../src/core/model.ts';
import { recordReviewDecision, type ReviewDecisionPorts } from '../../../src/app/record-review-decision.ts';
import { FakeDevice } from '../domain/helpers.ts';
import { eventsTo, stateOf } from '../domain/flow-helpers.ts';

const CASE = 'RL-450521-2026-0001';

/** Fake ledger: one case, a reviewer name that `ensureActor` may supply, a log of what was asked. */
function ports(state: CaseState, actor: string, named = actor): ReviewDecisionPorts & { log: string[] } {
  const log: string[] = [];
  let current = actor;
  return {
    log,
    ensureActor: async () => {
      log.push('ensureActor');
      current = named;
    },
    caseState: (id) => (id === state.id ? state : undefined),
    actor: () => current,
    settings: () => ({ reviewMode: 'single', distinctReviewers: true }),
    wordsOf: (refusal) => `refused:${refusal.code}`,
  };
}

describe('recordReviewDecision', () => {
  it('writes a decision on a case awaiting review, after making sure a reviewer is named', async () => {
    const state = stateOf(eventsTo(new FakeDevice('甲', 'd1'), CASE, 'suspected'));
    const fake = ports(state, '', '乙');
    const written: (CaseId | null)[] = [];
    const outcome = await recordReviewDecision(fake, state.id, 'confirm', async (id) => {
      fake.log.push('write');
      written.push(id);
    });
    expect(outcome).toEqual({ written: true });
    expect(fake.log).toEqual(['ensureActor', 'write']);
    expect(written).toEqual([state.id]);
  });

  it('writes nothing and says why when the case was already decided', async () => {
    const state = stateOf(eventsTo(new FakeDevice('甲', 'd1'), CASE, 'confirmed'));
    const fake = ports(state, '乙');
    let writes = 0;
    const outcome = await recordReviewDecision(fake, state.id, 'reject', async () => {
      writes += 1;
    });
    expect(writes).toBe(0);
    expect(outcome).toEqual({ written: false, caseId: state.id, actor: '乙', message: 'refused:decided' });
  });

  it('writes nothing when no reviewer name is given', async () => {
    const state = stateOf(eventsTo(new FakeDevice('甲', 'd1'), CASE, 'suspected'));
    const fake = ports(state, '', '  ');
    let writes = 0;
    const outcome = await recordReviewDecision(fake, state.id, 'confirm', async () => {
      writes += 1;
    });
    expect(writes).toBe(0);
    expect(outcome).toMatchObject({ written: false, message: 'refused:no_reviewer' });
  });

  it('passes a failed write on to the caller (nothing is reported as written)', async () => {
    const state = stateOf(eventsTo(new FakeDevice('甲', 'd1'), CASE, 'suspected'));
    await expect(
      recordReviewDecision(ports(state, '乙'), state.id, 'confirm', () =>
        Promise.reject(new Error('disk full')),
      ),
    ).rejects.toThrow('disk full');
  });
});
