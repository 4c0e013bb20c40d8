/**
 * The province's scoring table: each row gives an indicator a weight and a rule turning its value into points
 * (0–100). The total is the weighted mean of the points. A missing value is reported as missing and leaves the
 * total undefined (a partial score over the values present is given beside it, never a zero in its place).
 */
import { z } from 'zod';

/** Linear: `zeroAt` gives 0 points, `fullAt` 100, straight line between, clamped outside (either order). */
export const LinearRuleSchema = z.object({
  kind: z.literal('linear'),
  zeroAt: z.number().finite(),
  fullAt: z.number().finite(),
});
/** Thresholds: the points of the first step whose bound the value reaches, `otherwise` below all of them. */
export const ThresholdRuleSchema = z.object({
  kind: z.literal('thresholds'),
  /** `atLeast` true: value ≥ bound scores; false: value ≤ bound scores (fewer events is better). */
  atLeast: z.boolean(),
  steps: z.array(z.object({ bound: z.number().finite(), points: z.number().min(0).max(100) })).min(1),
  otherwise: z.number().min(0).max(100),
});
export const ScoringRuleSchema = z.discriminatedUnion('kind', [LinearRuleSchema, ThresholdRuleSchema]);
export type ScoringRule = z.infer<typeof ScoringRuleSchema>;

export const ScoringRowSchema = z.object({
  indicator: z.string().min(1),
  weight: z.number().finite().nonnegative(),
  rule: ScoringRuleSchema,
});
export type ScoringRow = z.infer<typeof ScoringRowSchema>;
export const ScoringTableSchema = z.array(ScoringRowSchema);

/** Points (0–100) of one value under a rule. */
export function pointsOf(rule: ScoringRule, value: number): number {
  if (rule.kind === 'linear') {
    if (rule.fullAt === rule.zeroAt) return value === rule.fullAt ? 100 : value > rule.fullAt ? 100 : 0;
    const t = (value - rule.zeroAt) / (rule.fullAt - rule.zeroAt);
    return 100 * Math.min(1, Math.max(0, t));
  }
  // Strictest bound first, so a value meeting several steps gets the best one it reaches.
  const steps = [...rule.steps].sort((a, b) => (rule.atLeast ? b.bound - a.bound : a.bound - b.bound));
  for (const step of steps) if (rule.atLeast ? value >= step.bound : value <= step.bound) return step.points;
  return rule.otherwise;
}

export interface ScoredRow {
  readonly indicator: string;
  readonly weight: number;
  /** undefined: no value entered or computed. */
  readonly value: number | undefined;
  readonly points: number | undefined;
}

export interface ScoreResult {
  readonly rows: readonly ScoredRow[];
  /** Σ weight × points / Σ weight over all rows; undefined while any value is missing or all weights are 0. */
  readonly total: number | undefined;
  /** The same mean over the rows that have a value (undefined when none has). */
  readonly partial: number | undefined;
  /** Weighted indicators without a value, in table order. */
  readonly missing: readonly string[];
  readonly weightSum: number;
}

/** Scores a table against the values in effect (by indicator). Pure. */
export function scoreTable(
  table: readonly ScoringRow[],
  values: Readonly<Record<string, number | undefined>>,
): ScoreResult {
  const rows = table.map((row): ScoredRow => {
    const value = values[row.indicator];
    const known = value !== undefined && Number.isFinite(value);
    return {
      indicator: row.indicator,
      weight: row.weight,
      value: known ? value : undefined,
      points: known ? pointsOf(row.rule, value) : undefined,
    };
  });
  const weightSum = rows.reduce((n, r) => n + r.weight, 0);
  const present = rows.filter((r) => r.points !== undefined);
  const presentWeight = present.reduce((n, r) => n + r.weight, 0);
  const weighted = present.reduce((n, r) => n + r.weight * (r.points as number), 0);
  // A row weighted 0 takes no part in the total, so its value is not awaited.
  const missing = rows.filter((r) => r.points === undefined && r.weight > 0).map((r) => r.indicator);
  return {
    rows,
    total: missing.length === 0 && weightSum > 0 ? weighted / weightSum : undefined,
    partial: presentWeight > 0 ? weighted / presentWeight : undefined,
    missing,
    weightSum,
  };
}

/** Event counts: none is full marks, up to two is 60, more is 0. */
const FEW_EVENTS: ScoringRule = {
  kind: 'thresholds',
  atLeast: false,
  steps: [
    { bound: 0, points: 100 },
    { bound: 2, points: 60 },
  ],
  otherwise: 0,
};

/** A starting table (the province edits it): percentages scored linearly, event counts by thresholds. */
export const DEFAULT_SCORING_TABLE: readonly ScoringRow[] = [
  { indicator: 'institution', weight: 30, rule: { kind: 'linear', zeroAt: 0, fullAt: 100 } },
  { indicator: 'rectification_rate', weight: 30, rule: { kind: 'linear', zeroAt: 50, fullAt: 100 } },
  { indicator: 'satisfaction', weight: 20, rule: { kind: 'linear', zeroAt: 60, fullAt: 95 } },
  { indicator: 'damage_events', weight: 10, rule: FEW_EVENTS },
  { indicator: 'pollution_events', weight: 10, rule: FEW_EVENTS },
];
