import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { expect, inject } from 'vitest';

export { CHROMIUM_ARGS } from './harness-flags.ts';
import { CHROMIUM_ARGS } from './harness-flags.ts';

export const SCREENSHOT_DIR = 'test-results/screenshots';

export function baseUrl(): string {
  return inject('baseUrl');
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** What a page did that a test must fail on: requests off the app's origin, console errors, page errors. */
export interface Guard {
  offOrigin: string[];
  consoleErrors: string[];
}

/**
 * A fresh browser context (a new, empty profile) whose every request, including workers', goes through a
 * route that aborts and records anything not on the app's origin.
 */
export async function newGuardedContext(
  browser: Browser,
): Promise<{ context: BrowserContext; guard: Guard }> {
  const origin = new URL(baseUrl()).origin;
  const guard: Guard = { offOrigin: [], consoleErrors: [] };
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin) {
      await route.continue();
    } else {
      guard.offOrigin.push(url);
      await route.abort('blockedbyclient');
    }
  });
  return { context, guard };
}

/** A page that records console errors and uncaught exceptions into the guard. */
export async function guardedPage(context: BrowserContext, guard: Guard): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') guard.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => guard.consoleErrors.push(`pageerror: ${error.message}`));
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}/${name}.png`;
  await page.screenshot({ path });
  return path;
}

/** Wait until the map has drawn a frame with the offline basemap in it. */
export async function waitForBasemap(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.firstBasemapFrameMs !== undefined, undefined, {
    timeout: 30_000,
  });
}

/** RGB of the basemap's land fill (src/map/basemap-layers.ts). */
export const LAND_RGB: [number, number, number] = [236, 232, 220];

/** Share of the map's pixels close to a colour, read from a screenshot of the map canvas. */
export async function shareOfColour(
  page: Page,
  rgb: [number, number, number],
  tolerance = 6,
): Promise<number> {
  const png = await page.locator('[data-testid="map-canvas"]').screenshot();
  return page.evaluate(
    async ({ bytes, rgb, tolerance }) => {
      const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d');
      if (!ctx) return 0;
      ctx.drawImage(bitmap, 0, 0);
      const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
      let hits = 0;
      for (let i = 0; i < data.length; i += 4) {
        const close =
          Math.abs((data[i] ?? 0) - rgb[0]) <= tolerance &&
          Math.abs((data[i + 1] ?? 0) - rgb[1]) <= tolerance &&
          Math.abs((data[i + 2] ?? 0) - rgb[2]) <= tolerance;
        if (close) hits += 1;
      }
      return hits / (data.length / 4);
    },
    { bytes: Array.from(png), rgb, tolerance },
  );
}

/**
 * Open the workshop sample (`?sample=beihai`) and wait until it is completely loaded: both images listed and the
 * project marked ready (every file stored). Tests that work on the map must not start while it still loads.
 */
export async function openSampleProject(page: Page, timeout = 90_000): Promise<void> {
  await page.goto(`${baseUrl()}?sample=beihai`);
  await expect.poll(() => page.getByTestId('scene-item').count(), { timeout }).toBe(2);
  await expect
    .poll(() => page.getByTestId('header-project').getAttribute('data-sample-ready'), { timeout })
    .toBe('true');
}
