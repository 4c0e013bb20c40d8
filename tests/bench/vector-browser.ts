// Vector import in the app, in headless Chromium: the 200,000-polygon GeoJSON (~100 MB) picked with the file
// picker, read in the layer worker, confirmed in the import dialog and inserted into DuckDB; then a SQL count
// over the `feature` table from the notebook. Reports the time until the layer is queryable (not counting the
// user's time in the dialog) and the peak memory of the browser's processes. Needs Debian chromium.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
// @ts-expect-error -- plain ESM helper shared with `npm start`; it has no type declarations.
import { serveStatic } from '../../scripts/serve.mjs';
import { CHROMIUM_ARGS } from '../e2e/harness-flags.ts';
import type { BenchFigure } from './run.ts';
import { sampleBrowserMemory } from './browser-memory.ts';
import { ensureBenchGeoJson } from './vector-bench.ts';

export async function runVectorBrowserBench(): Promise<BenchFigure[]> {
  const file = await ensureBenchGeoJson();
  if (!existsSync('dist/index.html'))
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  const { server, url } = (await serveStatic('dist', { port: 4902 })) as {
    server: { close(): void };
    url: string;
  };
  const marker = `--vector-bench-${process.pid}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, marker],
  });
  const sampler = sampleBrowserMemory(marker, 1000);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    await page.getByTestId('project-new').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="db-status"]')?.getAttribute('data-state') === 'ready',
      undefined,
      { timeout: 60_000 },
    );
    const started = Date.now();
    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByTestId('import-dialog').waitFor({ state: 'visible', timeout: 300_000 });
    const read = (Date.now() - started) / 1000;
    const confirmed = Date.now();
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('layer-item').first().waitFor({ state: 'visible', timeout: 300_000 });
    const stored = (Date.now() - confirmed) / 1000;
    await page.getByTestId('tab-notebook').click();
    await page.getByTestId('sql-input').fill('SELECT count(*) AS n FROM feature');
    await page.getByTestId('sql-run').click();
    await page.waitForFunction(
      () => /200000|200,000/.test(document.querySelector('[data-testid="sql-result"]')?.textContent ?? ''),
      undefined,
      { timeout: 120_000 },
    );
    const queryable = read + (Date.now() - confirmed) / 1000;
    await page.screenshot({ path: 'test-results/bench-vector-200k.png' });
    const peak = sampler.stop();
    const figures: BenchFigure[] = [
      {
        name: 'vector_200k_browser_queryable',
        ours_s: queryable,
        read_s: read,
        store_s: stored,
        target_s: 15,
        peak_mb: peak.pss,
        peak_rss_mb: peak.rss,
        target_mb: 1536,
      },
    ];
    for (const figure of figures) console.log(JSON.stringify(figure));
    return figures;
  } finally {
    sampler.stop();
    await browser.close();
    server.close();
  }
}
