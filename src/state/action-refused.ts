import type { WorkflowError } from '../core/workflow.ts';

/** Why a user action was refused before anything was written; each code has a zh/en sentence. */
export const ACTION_REFUSED_CODES = [
  'no_project',
  'no_case',
  'actor_declined',
  'nothing_to_undo',
  'no_decision',
  'decision_not_last',
  'not_editable_stage',
  'workflow',
] as const;
export type ActionRefusedCode = (typeof ACTION_REFUSED_CODES)[number];

/** A user action the workflow refused (wrong stage, missing field…): shown to the user, nothing written. */
export class ActionRefusedError extends Error {
  readonly code: ActionRefusedCode;
  constructor(code: ActionRefusedCode, message: string = code, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ActionRefusedError';
    this.code = code;
  }

  /** The machine's refusal behind this one, when the workflow said no. */
  get workflowError(): WorkflowError | undefined {
    const cause = this.cause;
    return cause instanceof Error && cause.name === 'WorkflowError' ? (cause as WorkflowError) : undefined;
  }
}
