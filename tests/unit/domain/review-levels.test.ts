import { describe, expect, it } from 'vitest';
import { foldCase, makeEvent, propose, type EventDraft } from '../../../src/core/case/ledger.ts';
import {
  confirmDrafts,
  rejectDrafts,
  reviewProgress,
  reviewRefusal,
} from '../../../src/core/case/review-drafts.ts';
import { DEFAULT_CATALOG } from '../../../src/core/catalog.ts';
import { asPatchId, caseIdOfPatch, createUlidFactory } from '../../../src/core/ids.ts';
import type { CaseState, LedgerEvent } from '../../../src/core/model.ts';

const id = caseIdOfPatch(asPatchId('450521-2026-0002'));
let t = Date.parse('2026-11-01T00:00:00Z');
const clock = { now: () => new Date((t += 60_000)), newId: createUlidFactory({ now: () => t }) };
const threeStep = { reviewMode: 'three_step', distinctReviewers: true } as const;

function apply(events: LedgerEvent[], drafts: EventDraft[], actor: string): LedgerEvent[] {
  const out = [...events];
  for (const draft of drafts) out.push(makeEvent(draft, out, { actor, device: 'd1' }, clock));
  return out;
}

function opened(stage: 'auto' | 'suspected' = 'suspected'): LedgerEvent[] {
  const patch = {
    id: asPatchId('450521-2026-0002'),
    areaHa: 1,
    redlineHa: 1,
    cx: 109.5,
    cy: 21.6,
    province: '广西壮族自治区',
    city: '北海市',
    county: '合浦县',
    township: '',
    location: '',
  };
  return apply([], [{ caseId: id, type: 'opened', payload: { patch, stage, clueSource: 'satellite' } }], 'x');
}

function stateOf(events: LedgerEvent[]): CaseState {
  const state = foldCase(events).state;
  if (!state) throw new Error('no state');
  return state;
}

/** A review decision by `reviewer`, through the same checks the app runs before writing. */
function review(events: LedgerEvent[], reviewer: string, decide = confirmDrafts): LedgerEvent[] {
  const state = stateOf(events);
  const refusal = reviewRefusal(state, reviewer, threeStep, 'confirm');
  if (refusal) throw new Error(refusal.code);
  return apply(events, decide(state, reviewer, 'three_step'), reviewer);
}

describe('three-step review levels', () => {
  it('shows the next level and, to later reviewers, the earlier decisions with names and times', () => {
    let events = opened();
    expect(reviewProgress(stateOf(events), 'three_step')).toEqual([
      { level: 'self', next: true },
      { level: 'expert', next: false },
      { level: 'final', next: false },
    ]);
    events = review(events, '甲');
    const afterSelf = reviewProgress(stateOf(events), 'three_step');
    expect(afterSelf.map((s) => [s.level, s.next, s.decision?.reviewer])).toEqual([
      ['self', false, '甲'],
      ['expert', true, undefined],
      ['final', false, undefined],
    ]);
    expect(afterSelf[0]?.decision).toMatchObject({ decision: 'confirm', by: '甲' });
    expect(afterSelf[0]?.decision?.at).toMatch(/^2026-11-0\dT/);
    events = review(events, '乙');
    events = review(events, '丙');
    const done = reviewProgress(stateOf(events), 'three_step');
    expect(done.map((s) => s.decision?.reviewer)).toEqual(['甲', '乙', '丙']);
    expect(done.some((s) => s.next)).toBe(false);
    expect(stateOf(events).stage).toBe('confirmed');
  });

  it('single mode has one level', () => {
    expect(reviewProgress(stateOf(opened()), 'single')).toEqual([{ level: 'single', next: true }]);
  });

  it('refuses the same reviewer at two levels while distinct reviewers are required, as the ledger does', () => {
    const events = review(opened(), '甲');
    const state = stateOf(events);
    const refusal = reviewRefusal(state, ' 甲 ', threeStep, 'confirm');
    expect(refusal).toMatchObject({ code: 'same_reviewer', level: 'expert', earlier: { level: 'self' } });
    expect(reviewRefusal(state, '甲', threeStep, 'reject')?.code).toBe('same_reviewer');
    const ctx = { settings: threeStep, catalog: DEFAULT_CATALOG };
    const [draft] = confirmDrafts(state, '甲', 'three_step');
    if (!draft) throw new Error('no draft');
    const proposed = propose(draft, events, { actor: '甲', device: 'd1' }, clock, ctx);
    expect(proposed.ok).toBe(false);
    // Without the rule one person may do every level.
    expect(reviewRefusal(state, '甲', { ...threeStep, distinctReviewers: false }, 'confirm')).toBeUndefined();
    expect(reviewRefusal(state, '乙', threeStep, 'confirm')).toBeUndefined();
  });

  it('a rejection at 专审 ends the round and names its level', () => {
    let events = review(opened(), '甲');
    events = review(events, '乙', (s, r, m) => rejectDrafts(s, r, m, 'approved_project', '有批文'));
    const state = stateOf(events);
    expect(state.stage).toBe('rejected');
    expect(state.rejection).toMatchObject({ level: 'expert', reasonCode: 'approved_project' });
    expect(reviewRefusal(state, '丙', threeStep, 'confirm')).toEqual({ code: 'decided', stage: 'rejected' });
  });

  it('says so when the project switched to single review during a three-step round', () => {
    const state = stateOf(review(opened(), '甲'));
    expect(reviewRefusal(state, '乙', { reviewMode: 'single', distinctReviewers: true }, 'confirm')).toEqual({
      code: 'mode_changed',
      done: ['self'],
    });
  });

  it('a screening rejection of an automatic patch is not a review decision and needs no distinct reviewer', () => {
    const state = stateOf(opened('auto'));
    expect(reviewRefusal(state, '甲', threeStep, 'reject')).toBeUndefined();
    expect(reviewRefusal(state, '  ', threeStep, 'reject')).toEqual({ code: 'no_reviewer' });
  });
});
