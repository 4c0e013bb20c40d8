import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Geotransform } from '../display/view-window.ts';
import { shapeOf, suggestActivity } from './classify.ts';
import type { Component } from './label-runs.ts';
import { simplifyRing } from './simplify.ts';
import { DIRECTION_CODES, type Direction } from './statistic.ts';
import { traceRuns } from './trace.ts';

/** A change patch found by the pipeline (matches the app's PatchCandidate). */
export interface ChangePatch {
  geometry: Polygon | MultiPolygon;
  /** Mean normalised change statistic (0..1). */
  score: number;
  direction: Direction;
  activityType: string;
  activityConf: number;
  problemType: string;
  areaM2: number;
}

/**
 * Turns one component into a patch: score and majority direction from the per-pixel bytes, shape-based
 * activity suggestion, and the traced outline (with holes) simplified to `tolerance` pixels in lon/lat.
 */
export function componentToPatch(
  component: Component,
  width: number,
  statistic: Uint8Array,
  direction: Uint8Array,
  transform: Geotransform,
  pixelAreaM2: number,
  tolerance: number,
): ChangePatch {
  let sum = 0;
  const votes = [0, 0, 0, 0, 0];
  for (const run of component.runs) {
    for (let i = run.y * width + run.x0, end = run.y * width + run.x1; i < end; i++) {
      sum += ((statistic[i] as number) - 1) / 254;
      const code = direction[i] as number;
      votes[code] = (votes[code] ?? 0) + 1;
    }
  }
  // Majority vote; 'other_change' counts half so a specific direction wins when it is common enough.
  let best = 4;
  let bestVotes = (votes[4] as number) * 0.5;
  for (let code = 1; code <= 3; code++) {
    if ((votes[code] as number) > bestVotes) {
      best = code;
      bestVotes = votes[code] as number;
    }
  }
  const dir = DIRECTION_CODES[best] as Direction;
  const shape = shapeOf(component.runs, pixelAreaM2);
  const suggestion = suggestActivity(dir, shape);
  const toLonLat = (p: readonly number[]): Position => [
    transform.x0 + (p[0] as number) * transform.dx,
    transform.y0 + (p[1] as number) * transform.dy,
  ];
  const polygons = traceRuns(component.runs).map((rings) =>
    rings.map((ring) => simplifyRing(ring, tolerance).map(toLonLat)),
  );
  const geometry: Polygon | MultiPolygon =
    polygons.length === 1
      ? { type: 'Polygon', coordinates: polygons[0] as Position[][] }
      : { type: 'MultiPolygon', coordinates: polygons };
  return {
    geometry,
    score: Math.min(1, Math.max(0, sum / component.pixelCount)),
    direction: dir,
    activityType: suggestion.activityType,
    activityConf: suggestion.activityConf,
    problemType: suggestion.problemType,
    areaM2: shape.areaM2,
  };
}
