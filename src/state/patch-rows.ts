import type { CaseState } from '../core/model.ts';
import { encodeWkb, geometryBbox } from '../core/geo/wkb.ts';
import type { PatchRow } from '../db/patches.ts';

/** The DuckDB `patch` row of a case (docs/design-notes.md, data model): its current attributes and geometry as WKB + bbox. */
export function patchRowOf(state: CaseState): PatchRow | null {
  const { patch } = state;
  if (!patch.geometry) return null;
  const bbox = geometryBbox(patch.geometry) ?? [patch.cx, patch.cy, patch.cx, patch.cy];
  return {
    id: state.id,
    run_id: patch.runId ?? '',
    geom: encodeWkb(patch.geometry),
    area_ha: patch.areaHa,
    redline_ha: patch.redlineHa,
    cx: patch.cx,
    cy: patch.cy,
    province: patch.province,
    city: patch.city,
    county: patch.county,
    township: patch.township,
    location: patch.location,
    activity_type: patch.activityType ?? '',
    activity_conf: patch.activityConf ?? 0,
    problem_type: patch.problemType ?? '',
    score: patch.score ?? 0,
    status: state.stage,
    minx: bbox[0],
    miny: bbox[1],
    maxx: bbox[2],
    maxy: bbox[3],
  };
}
