/**
 * Overlay benchmark (issue 5): attribute 10,000 patches against 5,000 red-line polygons (~1 M vertices),
 * 300 reserves and 3,000 townships, then run the same overlay and area in GeoPandas/Shapely (Debian's
 * /usr/bin/python3, Albers equal-area) in the same run and compare time and numbers.
 *
 * Run alone: `npx tsx tests/bench/overlay-bench.ts` (or through `npm run bench`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attributePatches, prepareLayers, type PatchAttributes } from '../../src/core/geo/attributes.ts';
import { vertexCount } from '../../src/core/geo/rings.ts';
import { DEFAULT_SPEC, generateOverlayData, type OverlayDataSpec } from './overlay-data.ts';

const PYTHON = '/usr/bin/python3';
const REF_SCRIPT = fileURLToPath(new URL('./ref/overlay_ref.py', import.meta.url));

interface RefOutput {
  seconds: number;
  all_seconds: number[];
  patches: Record<string, { area_m2: number; redline_m2: number; township: string }>;
  redline_pairs: number;
  reserve_pairs: number;
}

/** Figures of one benchmark run, in the shape tests/bench/run.ts tabulates (`name`, `ours_s`, `ref_s`, `ratio`). */
export interface OverlayBenchResult {
  name: 'overlay';
  /** Best of the repeated runs, seconds (index build + attribution). */
  ours_s: number;
  /** The first run, with a cold JIT. */
  ours_cold_s: number;
  /** Best of the repeated reference runs, seconds (projection + overlay + area + join); absent if it failed. */
  ref_s?: number;
  ratio?: number;
  patches: number;
  redline_vertices: number;
  /** Largest |ours − ref| / ref over per-patch areas (patches ≥ 100 m²). */
  max_area_rel_diff?: number;
  /** Largest |ours − ref| of per-patch redline_ha, in ha. */
  max_redline_abs_diff_ha?: number;
  total_redline_ha: number;
  ref_total_redline_ha?: number;
  /** Share of patches whose township code matches the reference's. */
  township_agreement?: number;
  redline_pairs: number;
  ref_redline_pairs?: number;
}

function compare(ids: string[], ours: PatchAttributes[], ref: RefOutput) {
  let maxArea = 0;
  let maxRed = 0;
  let refTotal = 0;
  let agree = 0;
  ours.forEach((row, i) => {
    const r = ref.patches[ids[i] as string];
    if (!r) return;
    if (r.area_m2 >= 100) maxArea = Math.max(maxArea, Math.abs(row.area_m2 - r.area_m2) / r.area_m2);
    maxRed = Math.max(maxRed, Math.abs(row.redline_ha - r.redline_m2 / 1e4));
    refTotal += r.redline_m2 / 1e4;
    if (row.township_code === r.township) agree += 1;
  });
  return { maxArea, maxRed, refTotal, agreement: agree / ours.length };
}

/** Runs the benchmark, prints `bench overlay ours_s=… ref_s=… ratio=…` and returns the figures. */
export async function runOverlayBench(
  spec: OverlayDataSpec = DEFAULT_SPEC,
  repeat = 3,
): Promise<OverlayBenchResult> {
  const data = generateOverlayData(spec);
  const redlineVertices = data.redlines.reduce((sum, f) => sum + vertexCount(f.geometry), 0);

  // Best of `repeat` runs on each side (the machine may be shared); the first, cold run is reported too.
  const times: number[] = [];
  let result: Awaited<ReturnType<typeof attributePatches>> | null = null;
  for (let run = 0; run < repeat; run += 1) {
    const started = performance.now();
    const layers = prepareLayers({
      redlines: data.redlines,
      reserves: data.reserves,
      admin: data.townships,
      namedPoints: data.namedPoints,
    });
    const inputs = data.patches.map((p) => ({ geometry: p.geometry })); // no ids yet: allocate them
    result = await attributePatches(inputs, { layers, year: 2026, issued: {} });
    times.push((performance.now() - started) / 1000);
  }
  if (!result) throw new Error('repeat must be at least 1');
  const oursSeconds = Math.min(...times);

  const dir = mkdtempSync(join(tmpdir(), 'overlay-bench-'));
  let ref: RefOutput | null = null;
  try {
    const input = join(dir, 'input.json');
    const output = join(dir, 'output.json');
    writeFileSync(input, JSON.stringify(data));
    const run = spawnSync(PYTHON, [REF_SCRIPT, input, output, String(repeat)], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (run.status === 0) ref = JSON.parse(readFileSync(output, 'utf8')) as RefOutput;
    else console.error(`reference failed (${PYTHON}): ${run.error?.message ?? run.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const ids = data.patches.map((p) => p.id);
  const cmp = ref ? compare(ids, result.patches, ref) : null;
  const totalRedlineHa = result.patches.reduce((sum, p) => sum + p.redline_ha, 0);
  const figures: OverlayBenchResult = {
    name: 'overlay',
    ours_s: oursSeconds,
    ours_cold_s: times[0] ?? oursSeconds,
    patches: data.patches.length,
    redline_vertices: redlineVertices,
    total_redline_ha: totalRedlineHa,
    redline_pairs: result.patches.reduce((sum, p) => sum + p.redlines.length, 0),
  };
  if (ref && cmp) {
    Object.assign(figures, {
      ref_s: ref.seconds,
      ratio: oursSeconds / ref.seconds,
      max_area_rel_diff: cmp.maxArea,
      max_redline_abs_diff_ha: cmp.maxRed,
      ref_total_redline_ha: cmp.refTotal,
      township_agreement: cmp.agreement,
      ref_redline_pairs: ref.redline_pairs,
    });
  }
  const fmt = (v: number | undefined, digits = 3) => (v === undefined ? 'n/a' : v.toFixed(digits));
  console.log(
    `bench overlay ours_s=${fmt(oursSeconds)} ref_s=${fmt(figures.ref_s)} ratio=${fmt(figures.ratio)}` +
      ` patches=${figures.patches} redline_vertices=${redlineVertices} best_of=${repeat}` +
      ` ours_runs=${times.map((t) => t.toFixed(3)).join('/')} ref_runs=${ref?.all_seconds.map((t) => t.toFixed(3)).join('/') ?? 'n/a'}`,
  );
  console.log(
    `bench overlay check total_redline_ha=${totalRedlineHa.toFixed(4)} ref=${fmt(figures.ref_total_redline_ha, 4)}` +
      ` max_area_rel_diff=${fmt(figures.max_area_rel_diff, 9)} max_redline_abs_diff_ha=${fmt(figures.max_redline_abs_diff_ha, 6)}` +
      ` township_agreement=${fmt(figures.township_agreement, 4)} pairs=${figures.redline_pairs}/${figures.ref_redline_pairs ?? 'n/a'}`,
  );
  return figures;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runOverlayBench();
}
