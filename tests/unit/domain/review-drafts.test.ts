import { describe, expect, it } from 'vitest';
import { foldCase, makeEvent, type EventDraft } from '../../../src/core/case/ledger.ts';
import { confirmDrafts, rejectDrafts } from '../../../src/core/case/review-drafts.ts';
import { asPatchId, caseIdOfPatch, createUlidFactory } from '../../../src/core/ids.ts';
import type { LedgerEvent } from '../../../src/core/model.ts';

const id = caseIdOfPatch(asPatchId('450521-2026-0001'));
const author = { actor: '张三', device: 'd1' };
let t = Date.parse('2026-11-01T00:00:00Z');
const clock = { now: () => new Date((t += 1000)), newId: createUlidFactory({ now: () => t }) };

function apply(events: LedgerEvent[], drafts: EventDraft[]): LedgerEvent[] {
  const out = [...events];
  for (const draft of drafts) out.push(makeEvent(draft, out, author, clock));
  return out;
}

function opened(stage: 'auto' | 'suspected'): LedgerEvent[] {
  const patch = {
    id: asPatchId('450521-2026-0001'),
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
  return apply([], [{ caseId: id, type: 'opened', payload: { patch, stage, clueSource: 'satellite' } }]);
}

describe('review drafts', () => {
  it('confirming an automatic patch passes clue and suspected, then confirms in single review', () => {
    const events = opened('auto');
    const state = foldCase(events).state;
    if (!state) throw new Error('no state');
    const next = apply(events, confirmDrafts(state, '张三', 'single'));
    expect(next.map((e) => e.type)).toEqual(['opened', 'advanced', 'advanced', 'reviewed']);
    expect(foldCase(next).state?.stage).toBe('confirmed');
  });

  it('three-step review needs 自审, 专审 and 终审 before the case is confirmed', () => {
    let events = opened('suspected');
    for (const expected of ['suspected', 'suspected', 'confirmed']) {
      const state = foldCase(events).state;
      if (!state) throw new Error('no state');
      events = apply(events, confirmDrafts(state, `r${events.length}`, 'three_step'));
      expect(foldCase(events).state?.stage).toBe(expected);
    }
    expect(foldCase(events).state?.reviews.map((r) => r.level)).toEqual(['self', 'expert', 'final']);
  });

  it('rejects with a reason before and after interpretation', () => {
    const auto = opened('auto');
    const a = foldCase(auto).state;
    if (!a) throw new Error('no state');
    const screened = apply(auto, rejectDrafts(a, '张三', 'single', 'phenology'));
    expect(screened.at(-1)?.type).toBe('rejected');
    expect(foldCase(screened).state?.rejection?.reasonCode).toBe('phenology');
    const suspected = opened('suspected');
    const s = foldCase(suspected).state;
    if (!s) throw new Error('no state');
    const reviewed = apply(suspected, rejectDrafts(s, '张三', 'single', 'approved_project', '有批文'));
    expect(foldCase(reviewed).state?.stage).toBe('rejected');
    expect(foldCase(reviewed).state?.rejection?.reasonCode).toBe('approved_project');
  });
});
