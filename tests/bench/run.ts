// `npm run bench`: every benchmark of the project in one run. Each module exports a function that returns
// its figures; this prints them as a table and writes bench-results.json (machine, date, figures) so each release
// can be compared with the last. Benchmarks are measured here, never timed inside tests.
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';

export interface BenchFigure {
  name: string;
  ours_s?: number;
  ref_s?: number;
  ratio?: number;
  [extra: string]: unknown;
}

type BenchModule = Record<string, unknown>;

const SUITES: { file: string; fn: string }[] = [
  { file: './vector-bench.ts', fn: 'runVectorBench' },
  { file: './vector-browser.ts', fn: 'runVectorBrowserBench' },
  { file: './imagery-bench.ts', fn: 'runImageryBench' },
  { file: './detect-bench.ts', fn: 'runDetectBench' },
  { file: './overlay-bench.ts', fn: 'runOverlayBench' },
  { file: './fvc-bench.ts', fn: 'runFvcBench' },
  { file: './pass-bench.ts', fn: 'runPassBench' },
];

const only = process.argv.slice(2);
const results: BenchFigure[] = [];
for (const suite of SUITES) {
  if (only.length > 0 && !only.some((name) => suite.file.includes(name))) continue;
  let module: BenchModule;
  try {
    module = (await import(suite.file)) as BenchModule;
  } catch (error) {
    console.log(`skip ${suite.file}: ${(error as Error).message.split('\n')[0]}`);
    continue;
  }
  const run = module[suite.fn];
  if (typeof run !== 'function') continue;
  console.log(`\n=== ${suite.fn} ===`);
  const figures = (await run()) as BenchFigure | BenchFigure[];
  results.push(...(Array.isArray(figures) ? figures : [figures]));
}

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memory_gb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
writeFileSync(
  'bench-results.json',
  JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2),
);
console.log(
  `\nmachine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory_gb} GB, node ${machine.node}`,
);
console.table(results);
for (const figure of results) {
  if (figure.ours_s !== undefined && figure.ref_s !== undefined) {
    console.log(
      `bench ${figure.name} ours_s=${figure.ours_s.toFixed(2)} ref_s=${figure.ref_s.toFixed(2)} ratio=${(figure.ours_s / figure.ref_s).toFixed(2)}`,
    );
  }
}
