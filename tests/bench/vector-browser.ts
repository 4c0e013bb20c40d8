// Vector import in the app, in headless Chromium: the 200,000-polygon GeoJSON (~100 MB) picked with the file
// picker, read in the layer worker, confirmed in the import dialog and inserted into DuckDB; then a SQL count
// over the `feature` table from the notebook. Reports the time until the layer is queryable (not counting the
// user's time in the dialog) and the peak memory of the browser's processes. Needs Debian chromium.
import type { Page } from 'playwright-core';
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
    const framed = await panFrameSeconds(page);
    // Zoom in on the middle of the layer until its polygons are drawn exactly (over 6 px: zoom ≥ ~8.5).
    const box = await page.getByTestId('map-canvas').boundingBox();
    if (!box) throw new Error('no map');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    while (Number(await page.getByTestId('map').getAttribute('data-zoom')) < 9.5) {
      await page.mouse.wheel(0, -400);
      await page.waitForTimeout(300);
    }
    await page.waitForTimeout(3000);
    const zoomed = await panFrameSeconds(page);
    await page.screenshot({ path: 'test-results/bench-vector-200k-zoomed.png' });
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
      { name: 'vector_200k_pan_frame_framed', ours_s: framed },
      { name: 'vector_200k_pan_frame_zoomed', ours_s: zoomed },
    ];
    for (const figure of figures) console.log(JSON.stringify(figure));
    return figures;
  } finally {
    await session.close();
  }
}

/** Mean time from a small pan (a quarter of the map) to the map's next frame, over 4 pans, in seconds. */
async function panFrameSeconds(page: Page): Promise<number> {
  const box = await page.getByTestId('map-canvas').boundingBox();
  if (!box) throw new Error('no map');
  const times: number[] = [];
  for (const direction of [1, -1, 1, -1]) {
    await page.waitForTimeout(500);
    const before = Number(await page.evaluate(() => document.body.dataset.mapFrames ?? 0));
    const started = Date.now();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + (direction * box.width) / 4, box.y + box.height / 2, {
      steps: 1,
    });
    await page.mouse.up();
    // The frame that shows the pan, and any follow-up frame a new level of detail or region asks for.
    await page.waitForFunction((n) => Number(document.body.dataset.mapFrames ?? 0) > n, before, {
      timeout: 120_000,
    });
    await page.waitForTimeout(50);
    times.push((Date.now() - started) / 1000);
  }
  return times.reduce((a, b) => a + b, 0) / times.length;
}
