/**
 * Recording a review decision (Y, or N + reason): the reviewer's name is asked for first when there is none, then
 * the decision is checked against the review levels on the case it was pressed on. A refusal is returned in words
 * and nothing is written.
 */
import type { CaseId } from '../core/ids.ts';
import type { CaseState, ProjectSettings } from '../core/model.ts';
import { reviewRefusal, type ReviewRefusal } from '../core/case/review-drafts.ts';

export type DecisionKind = 'confirm' | 'reject';

/** What the decision needs of the ledger, and how a refusal is worded. */
export interface ReviewDecisionPorts {
  /** Resolves once a reviewer's name is known (asks for it when there is none). */
  ensureActor(): Promise<unknown>;
  caseState(id: CaseId): CaseState | undefined;
  actor(): string;
  settings(): Pick<ProjectSettings, 'reviewMode' | 'distinctReviewers'>;
  wordsOf(refusal: ReviewRefusal): string;
}

export type DecisionOutcome =
  | { readonly written: true }
  | { readonly written: false; readonly caseId: CaseId; readonly actor: string; readonly message: string };

export async function recordReviewDecision(
  ports: ReviewDecisionPorts,
  id: CaseId | null,
  kind: DecisionKind,
  write: (id: CaseId | null) => Promise<void>,
): Promise<DecisionOutcome> {
  // No name yet: ask for it now (the decision waits), rather than refusing for want of a reviewer.
  await ports.ensureActor();
  const state = id ? ports.caseState(id) : undefined;
  const actor = ports.actor();
  const refusal = state ? reviewRefusal(state, actor, ports.settings(), kind) : undefined;
  if (state && refusal) return { written: false, caseId: state.id, actor, message: ports.wordsOf(refusal) };
  await write(id);
  return { written: true };
}
