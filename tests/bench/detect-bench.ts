// Detection speed: our Node pipeline vs a GDAL + numpy reference (tests/bench/ref/detect_ref.py) on a
// reproducible 10,000 × 10,000 4-band uint16 tiled DEFLATE pair (generated once into tests/bench/.data/).
// Each side runs in its own process so its peak memory is its own. Prints
//   bench detect ours_s=<s> ref_s=<s> ratio=<ours/ref>
// Set DETECT_BENCH_SIZE for a smaller pair (its files get the size in their names).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { runDetectBrowserBench } from './detect-browser.ts';
import type { BenchFigure } from './run.ts';

const DIR = 'tests/bench/.data';
const PYTHON = '/usr/bin/python3'; // Debian python with osgeo + numpy (the pyenv python3 has no GDAL)

interface RunReport {
  seconds: number;
  cpu_s: number;
  patches: number;
  peak_rss_mb: number;
  [extra: string]: unknown;
}

function lastJsonLine(text: string): RunReport {
  const line = text
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (!line) throw new Error(`no JSON report in:\n${text}`);
  return JSON.parse(line) as RunReport;
}

/** Generate (once) the benchmark pair; returns the two paths. */
export function ensureDetectPair(size = 10_000): [string, string] {
  const dir = size === 10_000 ? DIR : join(DIR, `detect-${size}`);
  const t1 = join(dir, 'detect-t1.tif');
  const t2 = join(dir, 'detect-t2.tif');
  if (!existsSync(t1) || !existsSync(t2)) {
    console.log(`generating the ${size}×${size} benchmark pair in ${dir} …`);
    execFileSync(
      PYTHON,
      [
        'tests/bench/ref/make_detect_pair.py',
        dir,
        String(size),
        '1',
        String(Math.round(4000 * (size / 10_000) ** 2)),
      ],
      {
        stdio: 'inherit',
      },
    );
  }
  return [t1, t2];
}

/** Run both pipelines on the pair and return the comparison. */
export async function runDetectBench(): Promise<BenchFigure[]> {
  const size = Number(process.env.DETECT_BENCH_SIZE ?? 10_000);
  const [t1, t2] = ensureDetectPair(size);
  const ours = lastJsonLine(
    execFileSync(process.execPath, ['--import', 'tsx', 'tests/bench/detect-bench-run.ts', t1, t2], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    }),
  );
  const ref = lastJsonLine(
    execFileSync(PYTHON, ['tests/bench/ref/detect_ref.py', t1, t2, '30'], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    }),
  );
  const pixels = size * size;
  const cores = cpus().length;
  const figure: BenchFigure = {
    name: 'detect',
    ours_s: ours.seconds,
    ref_s: ref.seconds,
    ratio: ours.seconds / ref.seconds,
    ours_cpu_s: ours.cpu_s,
    ref_cpu_s: ref.cpu_s,
    ours_peak_mb: Math.round(ours.peak_rss_mb),
    ref_peak_mb: Math.round(ref.peak_rss_mb),
    ours_patches: ours.patches,
    ref_patches: ref.patches,
    ours_mpx_per_s_per_core: pixels / ours.seconds / cores / 1e6,
    size,
  };
  console.log(
    `bench detect ours_s=${ours.seconds.toFixed(2)} ref_s=${ref.seconds.toFixed(2)} ratio=${(ours.seconds / ref.seconds).toFixed(2)}`,
  );
  console.log(
    `detect cpu: ours ${ours.cpu_s.toFixed(1)} s, ref ${ref.cpu_s.toFixed(1)} s; ` +
      `peak memory: ours ${figure.ours_peak_mb} MB, ref ${figure.ref_peak_mb} MB; patches: ours ${ours.patches}, ref ${ref.patches}; ` +
      `${(pixels / ours.seconds / 1e6).toFixed(1)} Mpx/s (${cores} cores)`,
  );
  const figures: BenchFigure[] = [figure];
  // Pixels/s per core in headless Chromium (skipped without Debian chromium or with DETECT_BENCH_BROWSER=0).
  if (process.env.DETECT_BENCH_BROWSER !== '0' && existsSync('/usr/bin/chromium'))
    figures.push(await runDetectBrowserBench(t1, t2));
  return figures;
}

if (process.argv[1]?.endsWith('detect-bench.ts')) await runDetectBench();
