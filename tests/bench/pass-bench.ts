// A province's monitoring pass in Node: 16 overlapping scenes per date (4 × 4, 5 % overlap, each 5,000 × 5,000 ×
// 4 uint16, tiled DEFLATE, CGCS2000 Gauss–Krüger; two T2 scenes with cloud) over generated red lines, made once
// by tests/bench/ref/make_pass_scenes.py into tests/bench/.data/pass-<px>/. Runs
//   - the pass as one process (N = 1) and as four (N = 4, at most one per core) through scripts/pass-local.mjs,
//     each followed by the merge, and checks that both give the same patches;
//   - the single-pair baseline: the single-pair command line on each scene's own T1/T2 pair (one thread, as the
//     pass runs its tiles), the sum of their wall times.
// Prints
//   bench pass-node-N1 wall_s=… peak_rss_mb=…
//   bench pass-node-N4 wall_s=… peak_rss_mb_max=…
//   bench pass-node same=true|false
//   bench pass-single-pair-sum wall_s=… cpu_s=… ratio=<N1 / sum> cpu_ratio=<same in CPU seconds>
// Options (or PASS_BENCH_SCENE_PX / PASS_BENCH_SHARDS): --scene-px 1000 for a quick run on 1,000-px scenes (the
// same ground at 10 m), --shards K instead of 4, --no-baseline to skip the single-pair runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchFigure } from './run.ts';
import type { PassSummary } from '../../scripts/pass-local.mjs';

const PYTHON = '/usr/bin/python3'; // Debian python with osgeo + numpy
const GNU_TIME = '/usr/bin/time';

function option(name: string, env: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return (at >= 0 ? process.argv[at + 1] : undefined) ?? process.env[env] ?? fallback;
}

const load = (): string =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(path) : statSync(path).size;
  }
  return total;
}

/** Generate (once; an interrupted run resumes) the scenes and vectors; returns the data folder. */
export function ensurePassScenes(scenePx: number): string {
  const dir = join('tests/bench/.data', `pass-${scenePx}`);
  if (!existsSync(join(dir, 'done.json'))) {
    console.log(`generating 2 × 16 scenes of ${scenePx} px in ${dir} …`);
    const started = performance.now();
    execFileSync(PYTHON, ['tests/bench/ref/make_pass_scenes.py', dir, String(scenePx)], { stdio: 'inherit' });
    console.log(`generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  console.log(`data: ${dir}, ${(dirBytes(dir) / 2 ** 30).toFixed(2)} GiB`);
  return dir;
}

/** The detect options of the pass over the data folder (pass-local adds --out per shard). */
const passArgs = (dir: string): string[] => [
  '--t1',
  join(dir, 't1'),
  '--t2',
  join(dir, 't2'),
  '--redline',
  join(dir, 'redlines.geojson'),
  '--reserve',
  join(dir, 'reserves.geojson'),
];

/** One run of scripts/pass-local.mjs; its JSON summary, or the reason it failed. */
function passLocal(dir: string, shards: number, outDir: string): PassSummary {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const run = spawnSync(
    process.execPath,
    [
      'scripts/pass-local.mjs',
      '--shards',
      String(shards),
      '--concurrency',
      String(Math.min(shards, availableParallelism())),
      '--out-dir',
      outDir,
      '--merge-out',
      join(outDir, 'patches.geojson'),
      '--json',
      '--',
      ...passArgs(dir),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  const lines = run.stdout.trim().split('\n');
  const json = [...lines].reverse().find((l) => l.startsWith('{'));
  for (const line of lines) if (!line.startsWith('{') && !/ tile \d+\//.test(line)) console.log(line);
  if (!json) throw new Error(`pass-local N=${shards} gave no summary (exit ${run.status}):\n${run.stderr}`);
  const summary = JSON.parse(json) as PassSummary;
  if (run.status !== 0)
    throw new Error(`pass-local N=${shards} failed: ${summary.failures.join('; ')}\n${run.stderr}`);
  return summary;
}

interface PatchCollection {
  features: { geometry: unknown; properties: Record<string, unknown> | null }[];
}

/** The merged patches as a sorted list of canonical strings (geometry and attributes). */
function patchSet(path: string): string[] {
  const json = JSON.parse(readFileSync(path, 'utf8')) as PatchCollection;
  return json.features.map((f) => JSON.stringify([f.properties, f.geometry])).sort();
}

/** The single-pair command line on scene k's own pair: wall seconds and peak MB (GNU time) of each. */
function singlePairBaseline(
  dir: string,
  outDir: string,
): { wall_s: number; cpu_s: number | null; peak_mb: number | null; pairs: number } {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const t1 = readdirSync(join(dir, 't1'))
    .filter((f) => f.endsWith('.tif'))
    .sort();
  const t2 = readdirSync(join(dir, 't2'))
    .filter((f) => f.endsWith('.tif'))
    .sort();
  const sceneKey = (f: string): string => f.replace(/_\d{8}\.tif$/, '');
  let wall = 0;
  let peak: number | null = null;
  let cpu: number | null = null;
  let pairs = 0;
  for (const a of t1) {
    const b = t2.find((f) => sceneKey(f) === sceneKey(a));
    if (!b) continue;
    const args = [
      '--import',
      'tsx',
      'scripts/detect.ts',
      '--t1',
      join(dir, 't1', a),
      '--t2',
      join(dir, 't2', b),
      '--redline',
      join(dir, 'redlines.geojson'),
      '--reserve',
      join(dir, 'reserves.geojson'),
      '--workers',
      '0',
      '--out',
      join(outDir, `${sceneKey(a)}.geojson`),
    ];
    const timed = existsSync(GNU_TIME);
    const started = performance.now();
    const run = timed
      ? spawnSync(GNU_TIME, ['-f', 'peak_kb=%M cpu_s=%U+%S', process.execPath, ...args], {
          encoding: 'utf8',
          maxBuffer: 1 << 26,
        })
      : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0)
      throw new Error(`single-pair detect on ${a} failed (exit ${run.status}):\n${run.stderr}`);
    const kb = /peak_kb=(\d+)/.exec(run.stderr)?.[1];
    if (kb) peak = Math.max(peak ?? 0, Number(kb) / 1024);
    const times = /cpu_s=([\d.]+)\+([\d.]+)/.exec(run.stderr);
    if (times) cpu = (cpu ?? 0) + Number(times[1]) + Number(times[2]);
    console.log(`single pair ${sceneKey(a)}: ${seconds.toFixed(1)} s`);
    wall += seconds;
    pairs++;
  }
  return { wall_s: wall, cpu_s: cpu, peak_mb: peak, pairs };
}

export async function runPassBench(): Promise<BenchFigure[]> {
  const scenePx = Number(option('scene-px', 'PASS_BENCH_SCENE_PX', '5000'));
  const shards = Number(option('shards', 'PASS_BENCH_SHARDS', '4'));
  if (!existsSync(PYTHON)) {
    console.log(`skip pass bench: ${PYTHON} (with GDAL and numpy) is needed to generate the scenes`);
    return [];
  }
  if (!existsSync('scripts/merge.ts')) {
    console.log('skip pass bench: scripts/merge.ts (the merge of shard files) is not in this tree');
    return [];
  }
  const dir = ensurePassScenes(scenePx);
  const loadBefore = load();
  console.log(`load average before: ${loadBefore} (${availableParallelism()} cores)`);

  const n1 = passLocal(dir, 1, resolve(dir, 'out-n1'));
  const nk = passLocal(dir, shards, resolve(dir, `out-n${shards}`));
  const set1 = patchSet(join(dir, 'out-n1', 'patches.geojson'));
  const setK = patchSet(join(dir, `out-n${shards}`, 'patches.geojson'));
  const same = set1.length === setK.length && set1.every((p, i) => p === setK[i]);
  const onlyIn1 = set1.filter((p) => !setK.includes(p)).length;

  const n1Wall = n1.wall_s ?? n1.shards_wall_s;
  const nkWall = nk.wall_s ?? nk.shards_wall_s;
  const fmt = (v: number | null | undefined): string =>
    v === null || v === undefined ? 'n/a' : v.toFixed(0);
  // CPU seconds of the shards and the merge, sampled by pass-local: the figure that a busy machine distorts least.
  const cpuOf = (s: PassSummary): number | null =>
    s.shards_cpu_s === null ? null : s.shards_cpu_s + (s.merge?.cpu_s ?? 0);
  const n1Cpu = cpuOf(n1);
  const nkCpu = cpuOf(nk);
  console.log(
    `bench pass-node-N1 wall_s=${n1Wall.toFixed(2)} peak_rss_mb=${fmt(n1.peak_rss_mb_max)} cpu_s=${fmt(n1Cpu)}`,
  );
  console.log(
    `bench pass-node-N${shards} wall_s=${nkWall.toFixed(2)} peak_rss_mb_max=${fmt(nk.peak_rss_mb_max)} cpu_s=${fmt(nkCpu)} concurrency=${nk.concurrency}`,
  );
  console.log(
    `bench pass-node same=${same} patches_N1=${set1.length} patches_N${shards}=${setK.length} differ=${onlyIn1}`,
  );

  const figure: BenchFigure = {
    name: 'pass-node',
    scene_px: scenePx,
    n1_wall_s: n1Wall,
    n1_peak_rss_mb: n1.peak_rss_mb_max,
    n1_cpu_s: n1Cpu,
    [`n${shards}_cpu_s`]: nkCpu,
    [`n${shards}_wall_s`]: nkWall,
    [`n${shards}_peak_rss_mb_max`]: nk.peak_rss_mb_max,
    [`n${shards}_concurrency`]: nk.concurrency,
    merge_s_n1: n1.merge?.wall_s,
    same,
    patches: set1.length,
    load_before: loadBefore,
  };
  if (!process.argv.includes('--no-baseline')) {
    const base = singlePairBaseline(dir, resolve(dir, 'out-pairs'));
    const ratio = n1Wall / base.wall_s;
    const cpuRatio = n1Cpu !== null && base.cpu_s !== null ? n1Cpu / base.cpu_s : null;
    console.log(
      `bench pass-single-pair-sum wall_s=${base.wall_s.toFixed(2)} cpu_s=${fmt(base.cpu_s)} pairs=${base.pairs} peak_rss_mb=${fmt(base.peak_mb)} ratio=${ratio.toFixed(2)} cpu_ratio=${cpuRatio === null ? 'n/a' : cpuRatio.toFixed(2)}`,
    );
    Object.assign(figure, {
      ours_s: n1Wall,
      ref_s: base.wall_s,
      ratio,
      single_pair_cpu_s: base.cpu_s,
      cpu_ratio: cpuRatio,
      single_pair_peak_mb: base.peak_mb,
    });
  }
  figure.load_after = load();
  console.log(`load average after: ${figure.load_after}`);
  return [figure];
}

if (process.argv[1]?.endsWith('pass-bench.ts')) await runPassBench();
