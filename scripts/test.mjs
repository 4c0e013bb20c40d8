// `npm test`: lint, type-check, import cycles, unit tests, build, then browser tests. Stops at the first failure
// and ends with one line "N passed, M failed" counting the unit and browser tests.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';

const started = Date.now();
const step = (title, command) => {
  const t0 = Date.now();
  console.log(`\n▶ ${title}: ${command}`);
  execSync(command, { stdio: 'inherit' });
  console.log(`✓ ${title} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
};
const counts = (file) => {
  if (!existsSync(file)) return { passed: 0, failed: 0 };
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + (report.numTodoTests ?? 0) * 0,
  };
};

mkdirSync('test-results', { recursive: true });
// Counts come from this run only: reports of an earlier run must not be read as this one's.
for (const file of ['test-results/unit.json', 'test-results/e2e.json']) rmSync(file, { force: true });
let failed = false;
try {
  step('lint', 'npx eslint . && npx prettier --check .');
  step('typecheck', 'npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings --output machine');
  step('import cycles', 'node scripts/check-cycles.mjs src workers');
  step('unit tests', 'npx vitest run --reporter=default --reporter=json --outputFile=test-results/unit.json');
  step('build', 'npx vite build --logLevel warn');
  ensureChromium();
  step(
    'browser tests',
    'npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile=test-results/e2e.json',
  );
} catch {
  failed = true;
}
const unit = counts('test-results/unit.json');
const e2e = counts('test-results/e2e.json');
const passed = unit.passed + e2e.passed;
const failures = unit.failed + e2e.failed + (failed && unit.failed + e2e.failed === 0 ? 1 : 0);
console.log(
  `\nunit ${unit.passed} passed, browser ${e2e.passed} passed (${((Date.now() - started) / 1000).toFixed(0)} s)`,
);
console.log(`${passed} passed, ${failures} failed`);
process.exit(failed ? 1 : 0);
