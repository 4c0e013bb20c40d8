import type { CaseId } from './ids.ts';
import type { EventDraft } from './ledger.ts';
import type { CaseState, ReviewLevel } from './model.ts';

/** The review level a new decision takes: single review, or the next of 自审 → 专审 → 终审. */
export function nextReviewLevel(state: CaseState, mode: 'single' | 'three_step'): ReviewLevel {
  if (mode === 'single') return 'single';
  return (['self', 'expert', 'final'] as const)[Math.min(state.reviews.length, 2)] ?? 'final';
}

/** Detection states a patch must pass before a review decision (DESIGN.md §4): auto → clue → suspected. */
function advanceToSuspected(state: CaseState): EventDraft[] {
  const id = state.id as CaseId;
  if (state.stage === 'auto') {
    return [
      { caseId: id, type: 'advanced', payload: { to: 'clue' } },
      { caseId: id, type: 'advanced', payload: { to: 'suspected' } },
    ];
  }
  if (state.stage === 'clue') return [{ caseId: id, type: 'advanced', payload: { to: 'suspected' } }];
  return [];
}

/**
 * Drafts for "confirm" in a review session: the detection steps the patch still needs, then a review
 * decision by this reviewer at the project's next review level, carrying the current interpretation.
 */
export function confirmDrafts(
  state: CaseState,
  reviewer: string,
  mode: 'single' | 'three_step',
): EventDraft[] {
  return [
    ...advanceToSuspected(state),
    {
      caseId: state.id,
      type: 'reviewed',
      payload: {
        level: nextReviewLevel(state, mode),
        decision: 'confirm',
        reviewer,
        ...(state.patch.activityType ? { activityType: state.patch.activityType } : {}),
        ...(state.patch.problemType ? { problemType: state.patch.problemType } : {}),
      },
    },
  ];
}

/**
 * Drafts for "reject": a screening rejection (false change) before interpretation, a review decision after
 * it. A reason code is always recorded.
 */
export function rejectDrafts(
  state: CaseState,
  reviewer: string,
  mode: 'single' | 'three_step',
  reasonCode: string,
  note?: string,
): EventDraft[] {
  if (state.stage === 'auto' || state.stage === 'clue') {
    return [{ caseId: state.id, type: 'rejected', payload: { reasonCode, ...(note ? { note } : {}) } }];
  }
  return [
    {
      caseId: state.id,
      type: 'reviewed',
      payload: {
        level: nextReviewLevel(state, mode),
        decision: 'reject',
        reviewer,
        reasonCode,
        ...(note ? { note } : {}),
      },
    },
  ];
}
