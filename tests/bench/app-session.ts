// The built app in headless Chromium for the in-app benchmarks: serves dist/ (building it when missing), launches
// Debian chromium with a marker switch so its processes can be found, samples their memory once a second, and
// opens a new project once DuckDB is ready. Call `close()` in a finally block.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
// @ts-expect-error -- plain ESM helper shared with `npm start`; it has no type declarations.
import { serveStatic } from '../../scripts/serve.mjs';
import { CHROMIUM_ARGS } from '../e2e/harness-flags.ts';
import { sampleBrowserMemory } from './browser-memory.ts';

export interface AppSession {
  page: Page;
  /** Peak Pss and Rss (MB) of the browser's processes so far; stops the sampler. */
  peak(): { pss: number; rss: number };
  close(): Promise<void>;
}

/** Start the app on `port` with a new, open project (DuckDB started). */
export async function openAppSession(name: string, port: number): Promise<AppSession> {
  if (!existsSync('dist/index.html'))
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  const { server, url } = (await serveStatic('dist', { port })) as {
    server: { close(): void };
    url: string;
  };
  const marker = `--${name}-bench-${process.pid}`;
  let browser: Browser | null = null;
  // Once a second: each sample reads every process's smaps_rollup synchronously, and at 100 ms that starved both
  // this process (playwright) and the renderer.
  const sampler = sampleBrowserMemory(marker, 1000);
  const close = async (): Promise<void> => {
    sampler.stop();
    await browser?.close();
    server.close();
  };
  try {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS, marker],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    await page.getByTestId('project-new').click();
    await page.waitForFunction(() => document.body.dataset.firstBasemapFrameMs !== undefined);
    // Work starts once the new project is open (DuckDB started): an import waits for that, and its 5–8 s are
    // not what these benchmarks measure.
    await page.waitForFunction(
      () => document.querySelector('[data-testid="db-status"]')?.getAttribute('data-state') === 'ready',
      undefined,
      { timeout: 60_000 },
    );
    return { page, peak: () => sampler.stop(), close };
  } catch (error) {
    await close();
    throw error;
  }
}
