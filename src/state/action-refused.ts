import type { WorkflowError } from '../core/case/workflow.ts';
import type { ActionRefusedCode } from '../core/case/action-refusals.ts';

export { ACTION_REFUSED_CODES, type ActionRefusedCode } from '../core/case/action-refusals.ts';

/** A user action the workflow refused (wrong stage, missing field…): shown to the user, nothing written. */
export class ActionRefusedError extends Error {
  readonly code: ActionRefusedCode;
  /** Values for the sentence's placeholders (a case id…). */
  readonly params: Readonly<Record<string, string>>;
  constructor(
    code: ActionRefusedCode,
    message: string = code,
    options?: { cause?: unknown; params?: Record<string, string> },
  ) {
    super(message, options);
    this.name = 'ActionRefusedError';
    this.code = code;
    this.params = options?.params ?? {};
  }

  /** The machine's refusal behind this one, when the workflow said no. */
  get workflowError(): WorkflowError | undefined {
    const cause = this.cause;
    return cause instanceof Error && cause.name === 'WorkflowError' ? (cause as WorkflowError) : undefined;
  }
}
