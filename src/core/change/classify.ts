import type { Run } from './label-runs.ts';
import type { Direction } from './statistic.ts';

/** Shape figures of a component used by the activity rules. */
export interface ShapeFigures {
  areaM2: number;
  /** Ratio of the principal axes (≥ 1): high for roads and long strips. */
  elongation: number;
  /** Pixels / bounding-box pixels (0..1): low for sprawling or thin shapes. */
  fill: number;
}

/** Elongation (from second moments) and fill ratio of a set of runs. */
export function shapeOf(runs: readonly Run[], pixelAreaM2: number): ShapeFigures {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const r of runs) {
    const len = r.x1 - r.x0;
    const sumX = ((r.x0 + r.x1 - 1) * len) / 2;
    let sumX2 = 0;
    for (let x = r.x0; x < r.x1; x++) sumX2 += x * x;
    n += len;
    sx += sumX;
    sy += r.y * len;
    sxx += sumX2;
    syy += r.y * r.y * len;
    sxy += r.y * sumX;
    minX = Math.min(minX, r.x0);
    maxX = Math.max(maxX, r.x1);
    minY = Math.min(minY, r.y);
    maxY = Math.max(maxY, r.y + 1);
  }
  const mx = sx / n;
  const my = sy / n;
  const cxx = sxx / n - mx * mx + 1 / 12;
  const cyy = syy / n - my * my + 1 / 12;
  const cxy = sxy / n - mx * my;
  const root = Math.sqrt(((cxx - cyy) / 2) ** 2 + cxy * cxy);
  const major = (cxx + cyy) / 2 + root;
  const minor = Math.max(1e-6, (cxx + cyy) / 2 - root);
  return {
    areaM2: n * pixelAreaM2,
    elongation: Math.sqrt(major / minor),
    fill: n / ((maxX - minX) * (maxY - minY)),
  };
}

/** A suggested activity and problem type with a confidence, and the rule that produced it. */
export interface Suggestion {
  activityType: 'mining' | 'industry' | 'energy' | 'tourism' | 'transport' | 'other' | 'aquaculture';
  activityConf: number;
  problemType: 'occupy_space' | 'vegetation_damage' | 'function_impact' | 'other';
  rule: string;
}

/**
 * Transparent rules on direction, size and shape. They only suggest: the expert confirms every patch.
 */
export function suggestActivity(direction: Direction, shape: ShapeFigures): Suggestion {
  if (direction === 'new_water') {
    return {
      activityType: 'aquaculture',
      activityConf: 0.6,
      problemType: 'function_impact',
      rule: 'new water → ponds',
    };
  }
  if (direction === 'new_bare_built') {
    if (shape.elongation >= 4 && shape.fill < 0.5) {
      return {
        activityType: 'transport',
        activityConf: 0.5,
        problemType: 'occupy_space',
        rule: 'long thin new surface',
      };
    }
    if (shape.areaM2 >= 20_000 && shape.fill >= 0.4) {
      return {
        activityType: 'industry',
        activityConf: 0.45,
        problemType: 'occupy_space',
        rule: 'large compact new surface',
      };
    }
    return {
      activityType: 'other',
      activityConf: 0.3,
      problemType: 'occupy_space',
      rule: 'small new surface',
    };
  }
  if (direction === 'vegetation_loss') {
    if (shape.areaM2 >= 50_000 && shape.fill >= 0.4) {
      return {
        activityType: 'mining',
        activityConf: 0.25,
        problemType: 'vegetation_damage',
        rule: 'large compact clearing',
      };
    }
    return {
      activityType: 'other',
      activityConf: 0.35,
      problemType: 'vegetation_damage',
      rule: 'vegetation cleared',
    };
  }
  return { activityType: 'other', activityConf: 0.2, problemType: 'other', rule: 'unclassified change' };
}
