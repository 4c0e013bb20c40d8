// Vector import in the app, in headless Chromium: the 200,000-polygon GeoJSON (~100 MB) picked with the file
// picker, read in the layer worker, confirmed in the import dialog and inserted into DuckDB; then a SQL count
// over the `feature` table from the notebook. Reports the time until the layer is queryable (not counting the
// user's time in the dialog) and the peak memory of the browser's processes. Needs Debian chromium.
import type { BenchFigure } from './run.ts';
import { openAppSession } from './app-session.ts';
import { ensureBenchGeoJson } from './vector-bench.ts';

export async function runVectorBrowserBench(): Promise<BenchFigure[]> {
  const file = await ensureBenchGeoJson();
  const session = await openAppSession('vector', 4902);
  const { page } = session;
  try {
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
    const peak = session.peak();
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
    await session.close();
  }
}
