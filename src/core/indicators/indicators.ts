/**
 * Protection-effectiveness indicators of ecological protection red lines (生态保护红线保护成效), per county
 * and for the whole project — the one place where they are defined:
 *
 * - 面积不减少 area: red-line area S (ellipsoidal), its change ΔS = S − S_baseline, ratio S / county area;
 * - 性质不改变 nature: human-activity patch area A_t per activity type inside red lines, share A / S;
 * - 自然生态用地比例 natural ecological land inside red lines / S (vector or raster land cover);
 * - 功能不降低 function: mean FVC inside red lines at T1 and T2 and ΔFVC = FVC_T2 − FVC_T1
 *   (pixel-dichotomy model, see fvc.ts).
 *
 * Raw sums come from vector.ts (main thread or worker) and the raster jobs; this module turns
 * them into rows, totals and method notes. Everything here is pure.
 */
import type { FvcSummary } from './fvc.ts';
import type { VectorSums, ZoneSums } from './vector.ts';

export { assessVector, type CountyUnit, type PatchFact, type VectorAssessmentInput } from './vector.ts';
export { summariseFvc, fvcOf, ndviOf } from './fvc.ts';

/** One row of the indicator table (a county, the red lines outside every county, or the total). */
export interface IndicatorRow {
  /** 1…K counties, K + 1 outside every county, 0 for the total. */
  zone: number;
  code: string;
  name: string;
  countyHa: number | null;
  redlineHa: number;
  /** S / county area × 100. */
  redlineRatioPct: number | null;
  baselineHa: number | null;
  changeHa: number | null;
  changePct: number | null;
  /** Human-activity patch area inside red lines by activity type, ha. */
  activityHa: Record<string, number>;
  activityTotalHa: number;
  /** A / S × 100. */
  activitySharePct: number | null;
  patchCount: number;
  naturalHa: number | null;
  naturalRatioPct: number | null;
  fvcT1: number | null;
  fvcT2: number | null;
  fvcChange: number | null;
  /** 面积不减少 (ΔS ≥ 0) and 功能不降低 (ΔFVC ≥ −tolerance); null when not assessed. */
  areaKept: boolean | null;
  functionKept: boolean | null;
}

/** Inputs beyond the vector sums. */
export interface TableInputs {
  counties: readonly { code: string; name: string }[];
  fvc?: { t1: FvcSummary | null; t2: FvcSummary | null } | null;
  /** Natural share (0…1) per zone and overall from a raster land cover, instead of vector areas. */
  rasterNatural?: { zones: (number | null)[]; total: number | null } | null;
  /** Tolerated FVC decrease before 功能不降低 fails (default 0). */
  fvcTolerance?: number;
  /** Label of the row for red lines outside every county. */
  outsideLabel?: string;
  totalLabel?: string;
}

/** The assessment as a table: county rows (and an "outside" row when needed) and the total. */
export interface IndicatorTable {
  rows: IndicatorRow[];
  total: IndicatorRow;
}

const pct = (part: number | null, whole: number | null): number | null =>
  part === null || whole === null || whole <= 0 ? null : (part / whole) * 100;

function addActivities(into: Record<string, number>, from: Record<string, number>): void {
  for (const [type, value] of Object.entries(from)) into[type] = (into[type] ?? 0) + value;
}

function sumOf(values: readonly (number | null)[]): number | null {
  return values.some((v) => v === null) ? null : values.reduce<number>((s, v) => s + (v ?? 0), 0);
}

function finish(
  row: Omit<
    IndicatorRow,
    | 'redlineRatioPct'
    | 'changeHa'
    | 'changePct'
    | 'activityTotalHa'
    | 'activitySharePct'
    | 'naturalRatioPct'
    | 'fvcChange'
    | 'areaKept'
    | 'functionKept'
  >,
  naturalShare: number | null | undefined,
  tolerance: number,
): IndicatorRow {
  const changeHa = row.baselineHa === null ? null : row.redlineHa - row.baselineHa;
  const activityTotalHa = Object.values(row.activityHa).reduce((s, v) => s + v, 0);
  const naturalHa =
    naturalShare !== undefined
      ? naturalShare === null
        ? null
        : naturalShare * row.redlineHa
      : row.naturalHa;
  const fvcChange = row.fvcT1 === null || row.fvcT2 === null ? null : row.fvcT2 - row.fvcT1;
  return {
    ...row,
    redlineRatioPct: pct(row.redlineHa, row.countyHa),
    changeHa,
    changePct: pct(changeHa, row.baselineHa),
    activityTotalHa,
    activitySharePct: pct(activityTotalHa, row.redlineHa),
    naturalHa,
    naturalRatioPct:
      naturalShare !== undefined
        ? naturalShare === null
          ? null
          : naturalShare * 100
        : pct(naturalHa, row.redlineHa),
    fvcChange,
    areaKept: changeHa === null ? null : changeHa >= 0,
    functionKept: fvcChange === null ? null : fvcChange >= -tolerance,
  };
}

/**
 * Build the indicator table. County rows follow the input order; a row for red lines outside every county is
 * added only when there is some. The total row sums areas over all zones; its FVC is the scene-wide mean.
 */
export function buildIndicatorTable(sums: VectorSums, inputs: TableInputs): IndicatorTable {
  const k = inputs.counties.length;
  const tolerance = inputs.fvcTolerance ?? 0;
  const t1 = inputs.fvc?.t1 ?? null;
  const t2 = inputs.fvc?.t2 ?? null;
  const raster = inputs.rasterNatural ?? null;
  const rows: IndicatorRow[] = [];
  sums.zones.forEach((zone: ZoneSums, index) => {
    const z = index + 1;
    const outside = z === k + 1;
    if (outside && zone.redlineHa <= 0 && zone.patchCount === 0 && !(zone.baselineHa && zone.baselineHa > 0))
      return;
    const county = inputs.counties[index];
    rows.push(
      finish(
        {
          zone: z,
          code: county?.code ?? '',
          name: county?.name ?? inputs.outsideLabel ?? '(outside counties)',
          countyHa: zone.countyHa,
          redlineHa: zone.redlineHa,
          baselineHa: zone.baselineHa,
          activityHa: { ...zone.activityHa },
          patchCount: zone.patchCount,
          naturalHa: zone.naturalHa,
          fvcT1: t1?.zoneMeanFvc[index] ?? null,
          fvcT2: t2?.zoneMeanFvc[index] ?? null,
        },
        raster ? (raster.zones[index] ?? null) : undefined,
        tolerance,
      ),
    );
  });
  const activityHa: Record<string, number> = {};
  for (const zone of sums.zones) addActivities(activityHa, zone.activityHa);
  const countyZones = sums.zones.slice(0, k);
  const total = finish(
    {
      zone: 0,
      code: '',
      name: inputs.totalLabel ?? 'Total',
      countyHa: k > 0 ? sumOf(countyZones.map((z) => z.countyHa)) : null,
      redlineHa: sums.zones.reduce((s, z) => s + z.redlineHa, 0),
      baselineHa: sumOf(sums.zones.map((z) => z.baselineHa)),
      activityHa,
      patchCount: sums.zones.reduce((s, z) => s + z.patchCount, 0),
      naturalHa: sumOf(sums.zones.map((z) => z.naturalHa)),
      fvcT1: t1?.meanFvc ?? null,
      fvcT2: t2?.meanFvc ?? null,
    },
    raster ? raster.total : undefined,
    tolerance,
  );
  // The total's ratio to county area counts only red lines inside counties, like its denominator.
  if (k > 0)
    total.redlineRatioPct = pct(
      countyZones.reduce((s, z) => s + z.redlineHa, 0),
      total.countyHa,
    );
  return { rows, total };
}
