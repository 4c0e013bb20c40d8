/** Apply the rule tables of classify-rules.ts to one patch. */
import { ACTIVITY_RULES, DIRECTION_RULES } from './classify-rules.ts';
import type { ActivityCode, ChangeDirection, PatchFeatures, ProblemCode } from './types.ts';

export interface Classification {
  direction: ChangeDirection;
  activity: ActivityCode;
  problem: ProblemCode;
  confidence: number;
  rule: string;
}

/**
 * Direction, activity, problem type and a confidence for a patch. The confidence is the rule's base value
 * scaled by how far the patch's mean z-score is above the detection threshold (×0.75 at the threshold, ×1 at
 * twice the threshold or more): weak changes make weak suggestions.
 */
export function classifyPatch(f: PatchFeatures, zThreshold: number): Classification {
  const direction = DIRECTION_RULES.find((r) => r.when(f))?.direction ?? 'other_change';
  const rule =
    ACTIVITY_RULES.find((r) => (!r.directions || r.directions.includes(direction)) && r.when(f)) ??
    ACTIVITY_RULES[ACTIVITY_RULES.length - 1]!;
  const margin = Math.max(0, Math.min(1, (f.meanZ - zThreshold) / Math.max(Math.abs(zThreshold), 1)));
  return {
    direction,
    activity: rule.activity,
    problem: rule.problem,
    confidence: Math.round(rule.confidence * (0.75 + 0.25 * margin) * 100) / 100,
    rule: rule.id,
  };
}
