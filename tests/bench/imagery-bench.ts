// Imagery load benchmark in headless Chromium: a 10,000 × 10,000 × 4-band uint16 COG picked with the file
// picker; time to the first imagery frame, time for full-resolution detail after a pan, and peak memory of the
// browser's processes. Needs `npx vite build` first (dist/) and Debian chromium.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { BenchFigure } from './run.ts';
import { openAppSession, type AppSession } from './app-session.ts';

const FILE = 'tests/bench/.data/imagery-10k-cog.tif';

/** Peak memory so far: Pss (the figure compared with the target) and Rss for reference. */
function peakOf(session: AppSession): Record<string, number> {
  const peak = session.peak();
  return { peak_mb: peak.pss, peak_rss_mb: peak.rss };
}

export async function runImageryBench(): Promise<BenchFigure[]> {
  if (!existsSync(FILE)) {
    execFileSync('/usr/bin/python3', ['tests/bench/ref/make_big_tiff.py', FILE, '10000', '1', '--cog'], {
      stdio: 'inherit',
    });
  }
  const session = await openAppSession('imagery', 4900);
  const { page } = session;
  try {
    const t0 = await page.evaluate(() => performance.now());
    await page.getByTestId('file-input').setInputFiles(FILE);
    await page.waitForFunction(() => document.body.dataset.lastImageryFrameMs !== undefined, undefined, {
      timeout: 120_000,
    });
    const first = Number(await page.evaluate(() => document.body.dataset.lastImageryFrameMs)) - t0;
    // Zoom to full resolution (1 image pixel per screen pixel) and pan; wait for the detail tile.
    await page.getByTestId('scene-item').getByRole('button').click();
    const box = await page.getByTestId('map-canvas').boundingBox();
    if (!box) throw new Error('no map');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 12; i += 1) {
      await page.mouse.wheel(0, -400);
      await page.waitForTimeout(60);
    }
    await page.waitForTimeout(1500);
    const pans: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const before = Number(await page.evaluate(() => document.body.dataset.imageryFrames ?? 0));
      const start = Date.now();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 - 300, box.y + box.height / 2 - 100, { steps: 4 });
      await page.mouse.up();
      await page.waitForFunction((n) => Number(document.body.dataset.imageryFrames ?? 0) > n + 1, before, {
        timeout: 30_000,
      });
      await page.waitForTimeout(400);
      pans.push((Date.now() - start) / 1000);
    }
    await page.screenshot({ path: 'test-results/bench-imagery-fullres.png' });
    const figures: BenchFigure[] = [
      { name: 'imagery_10k_first_frame', ours_s: first / 1000, target_s: 2 },
      { name: 'imagery_10k_fullres_pan', ours_s: pans.reduce((a, b) => a + b, 0) / pans.length },
      { name: 'imagery_10k_peak_browser_memory', ...peakOf(session), target_mb: 1536 },
    ];
    for (const figure of figures) console.log(JSON.stringify(figure));
    return figures;
  } finally {
    await session.close();
  }
}
