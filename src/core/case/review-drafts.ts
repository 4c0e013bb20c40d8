import type { CaseId } from '../ids.ts';
import type { CaseFold, EventDraft } from './ledger.ts';
import type { CaseState, ProjectSettings, ReviewDecision, ReviewLevel, Stamped } from '../model.ts';

/** The review level a new decision takes: single review, or the next of 自审 → 专审 → 终审. */
export function nextReviewLevel(state: CaseState, mode: 'single' | 'three_step'): ReviewLevel {
  if (mode === 'single') return 'single';
  return (['self', 'expert', 'final'] as const)[Math.min(state.reviews.length, 2)] ?? 'final';
}

/** Detection states a patch must pass before a review decision (docs/design-notes.md): auto → clue → suspected. */
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
  note?: string,
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
        ...(note ? { note } : {}),
      },
    },
  ];
}

/** The interpretation fields detection may pre-fill. */
export const GUESSED_FIELDS = ['activityType', 'problemType'] as const;
export type GuessedField = (typeof GUESSED_FIELDS)[number];

/**
 * Which pre-filled types are still guesses: a value is there, but no person has set it (a `fields_set` that
 * still counts) or decided on it (a review decision carrying it). The review panel marks these as 建议（未确认）;
 * confirming with Y records in the decision that they were accepted as suggested.
 */
export function typeGuesses(fold: CaseFold): GuessedField[] {
  const state = fold.state;
  if (!state) return [];
  return GUESSED_FIELDS.filter((field) => {
    if (!state.patch[field]) return false;
    const confirmed = fold.history.some((entry) => {
      if (entry.status !== 'applied') return false;
      const e = entry.event;
      if (e.type === 'fields_set') return e.payload.fields[field] !== undefined;
      if (e.type === 'reviewed') return e.payload[field] !== undefined;
      return false;
    });
    return !confirmed;
  });
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

/** The levels of a review round in order, by review mode. */
export const ROUND_LEVELS: Readonly<Record<'single' | 'three_step', readonly ReviewLevel[]>> = {
  single: ['single'],
  three_step: ['self', 'expert', 'final'],
};

/** One level of a case's review round: the decision made at it (if any), and whether it is the next one. */
export interface ReviewStep {
  readonly level: ReviewLevel;
  readonly decision?: Stamped<ReviewDecision>;
  readonly next: boolean;
}

/** Stages in which a patch still awaits a review decision. */
export function awaitsReview(state: CaseState): boolean {
  return state.stage === 'auto' || state.stage === 'clue' || state.stage === 'suspected';
}

/**
 * Where a case stands in its review round: each level of the project's mode with the decision made at it (who,
 * when, what), and which level a new decision takes. Later reviewers read the earlier decisions here.
 */
export function reviewProgress(state: CaseState, mode: 'single' | 'three_step'): ReviewStep[] {
  const levels = ROUND_LEVELS[mode];
  const nextIndex = awaitsReview(state) ? state.reviews.length : -1;
  return levels.map((level, index) => {
    const decision = state.reviews.find((r) => r.level === level);
    return { level, ...(decision ? { decision } : {}), next: index === nextIndex };
  });
}

/** Why a reviewer may not take the next review decision on a case (the ledger would refuse it too). */
export type ReviewRefusal =
  | { readonly code: 'no_reviewer' }
  /** The case is no longer awaiting review (already confirmed or rejected). */
  | { readonly code: 'decided'; readonly stage: CaseState['stage'] }
  /** The same person would decide two levels of one round while distinct reviewers are required. */
  | { readonly code: 'same_reviewer'; readonly level: ReviewLevel; readonly earlier: Stamped<ReviewDecision> }
  /** A three-step round is under way but the project is now in single review (or the reverse). */
  | { readonly code: 'mode_changed'; readonly done: readonly ReviewLevel[] };

/**
 * Check a confirm/reject by `reviewer` before drafting it. A screening rejection (auto/clue) is not a review
 * decision and is never refused here. Undefined when the action may go ahead.
 */
export function reviewRefusal(
  state: CaseState,
  reviewer: string,
  settings: Pick<ProjectSettings, 'reviewMode' | 'distinctReviewers'>,
  action: 'confirm' | 'reject',
): ReviewRefusal | undefined {
  const name = reviewer.trim();
  if (!name) return { code: 'no_reviewer' };
  if (!awaitsReview(state)) return { code: 'decided', stage: state.stage };
  if (action === 'reject' && (state.stage === 'auto' || state.stage === 'clue')) return undefined;
  const levels = ROUND_LEVELS[settings.reviewMode];
  const done = state.reviews.map((r) => r.level);
  if (done.length >= levels.length || done.some((level, i) => level !== levels[i]))
    return { code: 'mode_changed', done };
  const level = nextReviewLevel(state, settings.reviewMode);
  const earlier = state.reviews.find((r) => r.reviewer.trim() === name);
  if (settings.distinctReviewers && earlier) return { code: 'same_reviewer', level, earlier };
  return undefined;
}
