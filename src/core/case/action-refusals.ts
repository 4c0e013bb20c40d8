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
