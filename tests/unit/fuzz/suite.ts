/**
 * One vitest suite per reader (geojson.test.ts, …): FUZZ_RUNS cases (100 by default, 1,000 in
 * `npm run test:long`), seeded by FUZZ_SEED (fixed by default, so `npm test` is repeatable).
 *
 * Fails on: an untyped exception or broken output (violation), a case slower than FUZZ_CASE_MS (hang), a dead
 * process (crash, including running out of the capped heap), or RSS above FUZZ_RSS_MB. Refusals through the
 * app's catch-all (`internal`) and messages with unfilled placeholders are reader bugs to report: printed and
 * saved, and failures only with FUZZ_STRICT=1.
 */
import { describe, expect, it } from 'vitest';
import { formatSummary, runFuzz } from './harness.ts';
import type { TargetName } from './cases.ts';

export const DEFAULT_SEED = 20_261_122;

const env = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

export function fuzzSuite(target: TargetName): void {
  const runs = env('FUZZ_RUNS', 100);
  const seed = env('FUZZ_SEED', DEFAULT_SEED);
  const caseMs = env('FUZZ_CASE_MS', 10_000);
  const rssMb = env('FUZZ_RSS_MB', 1536);
  const strict = process.env.FUZZ_STRICT === '1';
  describe(`fuzz: ${target} reader`, () => {
    it(
      `${runs} cases: typed refusals with zh+en messages, no hang, no crash, bounded memory`,
      async () => {
        const summary = await runFuzz(target, { runs, seed, caseMs, heapMb: 1024 });
        console.log(formatSummary(summary));
        const decided =
          summary.accepted +
          summary.refused +
          summary.internal.length +
          summary.messages.length +
          summary.violations.length +
          summary.hangs.length +
          summary.crashes.length;
        expect(decided).toBe(runs);
        expect(summary.violations).toEqual([]);
        expect(summary.hangs).toEqual([]);
        expect(summary.crashes).toEqual([]);
        expect(summary.maxRssMb).toBeLessThan(rssMb);
        if (strict) {
          expect(summary.internal).toEqual([]);
          expect(summary.messages).toEqual([]);
        }
      },
      60_000 + runs * 2_000,
    );
  });
}
