// `npm run test:long`: the nightly-sized fuzz run — 1,000 cases per reader (FUZZ_RUNS), seeded by the date
// unless FUZZ_SEED is set, so each night explores new inputs and any night can be replayed. Prints one row per
// reader; inputs behind findings are saved under test-results/fuzz/<reader>/. Exit code: vitest's.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const runs = process.env.FUZZ_RUNS ?? '1000';
const seed = process.env.FUZZ_SEED ?? new Date().toISOString().slice(0, 10).replaceAll('-', '');
const readers = ['geojson', 'shapefile', 'parquet', 'csv', 'geotiff', 'bundle'];
const started = Date.now();

for (const reader of readers) rmSync(`test-results/fuzz/summary-${reader}.json`, { force: true });
console.log(`fuzz: ${runs} cases per reader, seed ${seed} (replay: FUZZ_SEED=${seed} npm run test:long)\n`);
const result = spawnSync('npx', ['vitest', 'run', 'tests/unit/fuzz'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed },
});

const columns = [
  'reader',
  'cases',
  'accepted',
  'refused',
  'internal',
  'message',
  'violation',
  'hang',
  'crash',
  'slowest ms',
  'max RSS MB',
  's',
];
const rows = readers.map((reader) => {
  const path = `test-results/fuzz/summary-${reader}.json`;
  if (!existsSync(path)) return [reader, 'no summary', '', '', '', '', '', '', '', '', '', ''];
  const s = JSON.parse(readFileSync(path, 'utf8'));
  return [
    reader,
    s.runs,
    s.accepted,
    s.refused,
    s.internal.length,
    s.messages.length,
    s.violations.length,
    s.hangs.length,
    s.crashes.length,
    Math.round(s.maxMs),
    Math.round(s.maxRssMb),
    Math.round(s.seconds),
  ].map(String);
});
const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
console.log(`\n${line(columns)}\n${line(widths.map((w) => '-'.repeat(w)))}`);
for (const row of rows) console.log(line(row));
const total = rows.reduce((n, r) => n + (Number(r[1]) || 0), 0);
console.log(
  `\n${total} cases in ${((Date.now() - started) / 1000).toFixed(0)} s; details in test-results/fuzz/`,
);

// The ledger's crash test at full size: 200 interrupted writes (npm test runs six).
console.log('\ncrash test: CRASH_RUNS=200 (browser)');
spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
const crash = spawnSync(
  'npx',
  ['vitest', 'run', '--config', 'vitest.e2e.config.ts', 'tests/e2e/crash.e2e.ts'],
  {
    stdio: 'inherit',
    env: { ...process.env, CRASH_RUNS: process.env.CRASH_RUNS ?? '200' },
  },
);
process.exit((result.status ?? 1) || (crash.status ?? 1));
