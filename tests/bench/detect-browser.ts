// Detection in headless Chromium: the real workers/raster.worker.ts (coordinator + helper workers, Vite dev
// server, DecompressionStream inflate) on the benchmark pair. Reports pixels/s, per core, and the Chromium
// processes' peak memory. The page is generated under tests/bench/.data/detect-browser/ (gitignored).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROMIUM_ARGS } from '../e2e/harness-flags.ts';
import type { BenchFigure } from './run.ts';
import { sampleBrowserMemory } from './browser-memory.ts';

const ROOT = resolve('tests/bench/.data/detect-browser');

const PAGE = `<!doctype html><html><body><input id="files" type="file" multiple>
<script type="module" src="./main.ts"></script></body></html>`;
const MAIN = `import * as Comlink from 'comlink';
import type { RasterApi } from '../../../../workers/raster-api.ts';
const worker = new Worker(new URL('../../../../workers/raster.worker.ts', import.meta.url), { type: 'module' });
const api = Comlink.wrap<RasterApi>(worker);
const w = window as unknown as Record<string, unknown>;
// Files picked through the file input, as a user does: disk-backed, never read whole into memory.
w.runDetect = async (helpers: number) => {
  const files = (document.getElementById('files') as HTMLInputElement).files!;
  const t1 = files[0]!;
  const t2 = files[1]!;
  const started = performance.now();
  let tiles = 0;
  const result = await api.detect({ jobId: 'bench', t1, t2, helpers }, Comlink.proxy(() => void (tiles += 1)));
  return { seconds: (performance.now() - started) / 1000, patches: result.patches.length, width: result.width, height: result.height, tiles };
};
w.ready = true;
`;

/** Run the raster worker in headless Chromium on two GeoTIFFs. */
export async function runDetectBrowserBench(
  t1: string,
  t2: string,
  helpers = cpus().length,
): Promise<BenchFigure> {
  mkdirSync(ROOT, { recursive: true });
  writeFileSync(resolve(ROOT, 'index.html'), PAGE);
  writeFileSync(resolve(ROOT, 'main.ts'), MAIN);
  const server = await createServer({
    root: ROOT,
    configFile: false,
    logLevel: 'error',
    worker: { format: 'es' },
    server: {
      port: 5178,
      host: '127.0.0.1',
      fs: { allow: [resolve('.')] },
    },
  });
  await server.listen();
  // An inert switch that marks our browser process among other Chromiums on the machine.
  const marker = `--detect-bench-${process.pid}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, marker],
  });
  // Once a second, as in the imagery bench: reading every smaps_rollup more often slows the run it measures.
  const sampler = sampleBrowserMemory(marker, 1000);
  try {
    const page = await browser.newPage();
    await page.goto('http://127.0.0.1:5178/');
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true, undefined, {
      timeout: 120_000,
    });
    await page.locator('#files').setInputFiles([resolve(t1), resolve(t2)]);
    const r = await page.evaluate(
      (h) =>
        (window as unknown as { runDetect: (h: number) => Promise<Record<string, number>> }).runDetect(
          h as number,
        ),
      helpers,
    );
    const peak = sampler.stop();
    const pixels = r.width! * r.height!;
    const figure: BenchFigure = {
      name: 'detect_browser',
      seconds: r.seconds,
      helpers,
      mpx_per_s: pixels / r.seconds! / 1e6,
      mpx_per_s_per_core: pixels / r.seconds! / 1e6 / Math.max(1, Math.min(helpers, cpus().length)),
      patches: r.patches,
      peak_mb: peak.pss,
      peak_rss_mb: peak.rss,
    };
    console.log(
      `detect in chromium: ${r.seconds!.toFixed(1)} s, ${(figure.mpx_per_s as number).toFixed(2)} Mpx/s, ` +
        `${(figure.mpx_per_s_per_core as number).toFixed(2)} Mpx/s per core, ${r.patches} patches, peak ${figure.peak_mb} MB`,
    );
    return figure;
  } finally {
    sampler.stop();
    await browser.close();
    await server.close();
  }
}
