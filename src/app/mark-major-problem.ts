/**
 * Marking a case as a major problem (重大问题), or withdrawing the mark: the reason is checked first (no words, no
 * write, nothing asked), then the operator's name, then the machine's answer for the case as it is now. A refusal
 * comes back in words and nothing is written; the mark and its withdrawal are two appended events, never an edit.
 */
import type { CaseId } from '../core/ids.ts';
import type { CaseState } from '../core/model.ts';
import type { EventDraft } from '../core/case/ledger.ts';
import { refusalNow, type WorkflowError } from '../core/case/workflow.ts';

export interface MajorMarkPorts {
  /** Resolves once an operator's name is known (asks for it when there is none). */
  ensureActor(): Promise<unknown>;
  caseState(id: CaseId): CaseState | undefined;
  /** Today's civil date (the mark's date). */
  today(): string;
  write(id: CaseId, draft: EventDraft<'major_flagged' | 'major_unflagged'>): Promise<void>;
  wordsOf(problem: 'reason_required' | 'no_case' | WorkflowError): string;
}

export type MajorMarkOutcome =
  { readonly written: true } | { readonly written: false; readonly message: string };

/** `mark` true sets the mark, false withdraws it; both need a reason in words. */
export async function markMajorProblem(
  ports: MajorMarkPorts,
  id: CaseId,
  mark: boolean,
  reason: string,
): Promise<MajorMarkOutcome> {
  const words = reason.trim();
  if (!words) return { written: false, message: ports.wordsOf('reason_required') };
  await ports.ensureActor();
  const state = ports.caseState(id);
  if (!state) return { written: false, message: ports.wordsOf('no_case') };
  const type = mark ? 'major_flagged' : 'major_unflagged';
  const refusal = refusalNow(state, type);
  if (refusal) return { written: false, message: ports.wordsOf(refusal) };
  const on = ports.today();
  const draft: EventDraft<'major_flagged' | 'major_unflagged'> = mark
    ? { caseId: id, type: 'major_flagged', payload: { reason: words, flaggedOn: on } }
    : { caseId: id, type: 'major_unflagged', payload: { reason: words, unflaggedOn: on } };
  await ports.write(id, draft);
  return { written: true };
}
