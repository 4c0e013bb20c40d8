import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';

export { CHROMIUM_ARGS } from './harness-flags.ts';
import { CHROMIUM_ARGS } from './harness-flags.ts';
import { englishWords, ZH_ASCII_ALLOW } from './english-scan.ts';
export { englishWords, ZH_ASCII_ALLOW } from './english-scan.ts';

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

/** Where a guarded profile may send requests, and how its context differs from the default one. */
export interface GuardOptions {
  /** The only origin requests may go to (default: the shared server's). */
  origin?: string;
  /** Replaces fields of the default context options (a 1280 × 800 viewport, locale zh-CN). */
  contextOptions?: BrowserContextOptions;
}

/**
 * A fresh browser context (a new, empty profile) whose every request, including workers', goes through a
 * route that aborts and records anything not on the app's origin.
 */
export async function newGuardedContext(
  browser: Browser,
  options: GuardOptions = {},
): Promise<{ context: BrowserContext; guard: Guard }> {
  const origin = options.origin ?? new URL(baseUrl()).origin;
  const guard: Guard = { offOrigin: [], consoleErrors: [] };
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    ...options.contextOptions,
  });
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

/**
 * A page that records console errors and uncaught exceptions into the guard; with `uncaughtOnly`, only the
 * uncaught exceptions (for pages that load deliberately broken content, whose failed loads log errors).
 */
export async function guardedPage(
  context: BrowserContext,
  guard: Guard,
  options: { uncaughtOnly?: boolean } = {},
): Promise<Page> {
  const page = await context.newPage();
  if (!options.uncaughtOnly)
    page.on('console', (message) => {
      if (message.type() === 'error') guard.consoleErrors.push(message.text());
    });
  page.on('pageerror', (error) => guard.consoleErrors.push(`pageerror: ${error.message}`));
  return page;
}

/** A guarded profile and its first page. */
export async function guardedProfile(
  browser: Browser,
  options: GuardOptions = {},
): Promise<{ context: BrowserContext; guard: Guard; page: Page }> {
  const { context, guard } = await newGuardedContext(browser, options);
  return { context, guard, page: await guardedPage(context, guard) };
}

/** Fail on any request that left the origin and on console errors (but those `expectedError` accepts). */
export function expectGuardClean(guard: Guard, expectedError: (text: string) => boolean = () => false): void {
  expect(guard.offOrigin).toEqual([]);
  expect(guard.consoleErrors.filter((text) => !expectedError(text))).toEqual([]);
}

/**
 * Launch one browser for a test file (before all) and close it (after all), for files that open their profiles
 * themselves. Read `browser` inside hooks and tests.
 */
export function sharedBrowser(): { browser: Browser } {
  // Filled by beforeAll, before any test reads it.
  const shared = {} as { browser: Browser };
  beforeAll(async () => {
    shared.browser = await launch();
  });
  afterAll(async () => {
    await (shared.browser as Browser | undefined)?.close();
  });
  return shared;
}

/** One browser with one guarded profile and page, shared by a test file. */
export interface GuardedSession {
  browser: Browser;
  /** A test may replace the context, guard or page (a fresh profile, a new tab); later hooks use the new ones. */
  context: BrowserContext;
  guard: Guard;
  page: Page;
  /** Open another guarded profile (a second user, a fresh install); its guard is checked after each test too. */
  newProfile(options?: GuardOptions): Promise<{ context: BrowserContext; guard: Guard; page: Page }>;
}

/**
 * Registers the hooks a browser test file shares: before all, launch the browser and open a guarded profile and
 * page; after each test, fail on requests off the origin and on console errors (but those `expectedError`
 * accepts); after all, close the browser. Call it at the top of the file; read its fields inside tests.
 */
export function guardedSession(options: { expectedError?: (text: string) => boolean } = {}): GuardedSession {
  const expectedError = options.expectedError ?? ((): boolean => false);
  const others: Guard[] = [];
  // Filled by beforeAll, before any test reads it.
  const session = {
    async newProfile(guardOptions: GuardOptions = {}) {
      const profile = await guardedProfile(session.browser, guardOptions);
      others.push(profile.guard);
      return profile;
    },
  } as GuardedSession;
  beforeAll(async () => {
    session.browser = await launch();
    ({
      context: session.context,
      guard: session.guard,
      page: session.page,
    } = await guardedProfile(session.browser));
  });
  afterAll(async () => {
    await (session.browser as Browser | undefined)?.close();
  });
  afterEach(() => {
    for (const guard of [session.guard, ...others]) expectGuardClean(guard, expectedError);
  });
  return session;
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

/** RGBA pixels of a screenshot of the map canvas (decoded in the page, which has a PNG decoder); empty if it cannot. */
export async function mapCanvasPixels(page: Page): Promise<Uint8Array> {
  const png = await page.getByTestId('map-canvas').screenshot();
  const base64 = await page.evaluate(async (bytes) => {
    const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) return '';
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let binary = '';
    for (let i = 0; i < data.length; i += 0x8000)
      binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return btoa(binary);
  }, Array.from(png));
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

/** Share of the map's pixels close to a colour, read from a screenshot of the map canvas. */
export async function shareOfColour(
  page: Page,
  rgb: [number, number, number],
  tolerance = 6,
): Promise<number> {
  const data = await mapCanvasPixels(page);
  if (data.length === 0) return 0;
  let hits = 0;
  for (let i = 0; i < data.length; i += 4) {
    const close =
      Math.abs(data[i]! - rgb[0]) <= tolerance &&
      Math.abs(data[i + 1]! - rgb[1]) <= tolerance &&
      Math.abs(data[i + 2]! - rgb[2]) <= tolerance;
    if (close) hits += 1;
  }
  return hits / (data.length / 4);
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

/**
 * English words the page shows now (see english-scan.ts for what counts): its visible text outside code, the
 * options of its visible lists and the placeholders of its visible fields. For the zh-mode check; `allow` replaces the default list.
 */
export async function pageEnglishWords(
  page: Page,
  allow: readonly string[] = ZH_ASCII_ALLOW,
): Promise<string[]> {
  const text = await page.evaluate(() => {
    // Code the user wrote or reads as code (SQL, column names in backticks) is not wording: skipped. A chart
    // cell's source list names the SQL cells by their first line.
    const CODE = 'code, pre, textarea, script, style, [data-testid="cell-chart-source"]';
    const parts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(CODE) || parent.closest('select')) continue;
      if (parent.checkVisibility({ visibilityProperty: true })) parts.push(node.textContent ?? '');
    }
    for (const select of document.querySelectorAll('select'))
      if (!select.closest(CODE) && select.checkVisibility({ visibilityProperty: true }))
        for (const option of select.options) parts.push(option.text);
    for (const field of document.querySelectorAll<HTMLInputElement>(
      'input[placeholder], textarea[placeholder]',
    ))
      if (field.checkVisibility({ visibilityProperty: true })) parts.push(field.placeholder);
    return parts.join('\n');
  });
  return englishWords(text, allow);
}

/**
 * Record every error notice (toast) the page shows from now on, across reloads: the returned list fills as they
 * appear, so a toast that is closed or replaced quickly is still caught. Call before the first navigation.
 */
export async function recordErrorToasts(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('__recordErrorToast', (text: string) => seen.push(text));
  await page.addInitScript(() => {
    // Looked up when a notice appears: the exposed function is bound to the page by then.
    const report = (text: string): void =>
      (globalThis as unknown as { __recordErrorToast: (text: string) => void }).__recordErrorToast(text);
    const check = (node: Node): void => {
      if (!(node instanceof HTMLElement)) return;
      const notices = node.matches('[data-testid="notice"]')
        ? [node]
        : [...node.querySelectorAll<HTMLElement>('[data-testid="notice"]')];
      for (const notice of notices)
        if (notice.dataset.level === 'error')
          report(notice.querySelector('[data-testid="notice-message"]')?.textContent ?? notice.innerText);
    };
    new MutationObserver((records) => {
      for (const record of records) record.addedNodes.forEach(check);
    }).observe(document, { childList: true, subtree: true });
  });
  return seen;
}

/** The event types of the open case's history, in the order the history list shows them. */
export function historyTypes(page: Page): Promise<(string | null)[]> {
  return page
    .getByTestId('history-entry')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-type')));
}

/** How many vertices the patch being drawn has (the count the drawing hint shows). */
async function drawnVertices(page: Page): Promise<number> {
  return Number(await page.getByTestId('draw-vertices').getAttribute('data-count'));
}

/**
 * Click the map at (dx, dy) px from its centre while drawing a patch, until the drawing counts the vertex. A
 * click is retried only after the count stayed put for 10 s: deck.gl takes a press held over 250 ms for a hold,
 * and a software-WebGL frame of several seconds can stretch one that long on a loaded machine.
 */
export async function clickVertex(page: Page, dx: number, dy: number): Promise<void> {
  const box = await page.getByTestId('map-canvas').boundingBox();
  if (!box) throw new Error('no map');
  const before = await drawnVertices(page);
  for (let attempt = 1; ; attempt += 1) {
    await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy);
    const counted = await expect
      .poll(() => drawnVertices(page), { timeout: 10_000, interval: 100 })
      .toBe(before + 1)
      .then(() => true)
      .catch(() => false);
    if (counted) return;
    if (attempt === 3) throw new Error(`a click at (${dx}, ${dy}) never added a vertex`);
  }
}

/** Click the corners of a w × h px rectangle whose north-west corner is (dx, dy) from the map's centre. */
export async function clickRectangle(page: Page, dx: number, dy: number, w = 40, h = 30): Promise<void> {
  for (const [ox, oy] of [
    [0, 0],
    [w, 0],
    [w, h],
    [0, h],
  ] as const)
    await clickVertex(page, dx + ox, dy + oy);
}

/**
 * Draw a 40 × 30 px patch by hand at (dx, dy) from the map's centre with clue source `clue`, finish it, and wait
 * for its case in the ledger list (the Cases tab must be open).
 */
export async function drawRectangle(
  page: Page,
  dx: number,
  dy: number,
  clue: string,
  finishTimeout = 90_000,
): Promise<void> {
  await page.getByTestId('draw-start').click();
  await page.getByTestId('draw-clue').selectOption(clue);
  await clickRectangle(page, dx, dy);
  const before = await page.getByTestId('case-row').count();
  await page.getByTestId('draw-finish').click();
  await expect.poll(() => page.getByTestId('case-row').count(), { timeout: finishTimeout }).toBe(before + 1);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A `width`×`height` RGB PNG: a diagonal gradient over `base`, so two photos look different. */
export function png(width: number, height: number, base: [number, number, number]): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x += 1) {
      const shade = Math.round(((x + y) / (width + height)) * 120);
      raw[row + 1 + x * 3] = Math.min(255, base[0] + shade);
      raw[row + 2 + x * 3] = Math.min(255, base[1] + shade);
      raw[row + 3 + x * 3] = Math.min(255, base[2] + shade);
    }
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * In the open review panel, type the current patch by keyboard as 2 (industry) and W (vegetation damage), each
 * key checked on the panel. Each key is a ledger write (IndexedDB, then DuckDB), longer than poll's 1 s default on
 * a busy machine, and the panel ignores keys while the previous action is still being written: hence the pauses.
 */
export async function typePatchByKeys(page: Page): Promise<void> {
  await page.keyboard.press('2');
  await expect
    .poll(() => page.getByTestId('review-activity').inputValue(), { timeout: 15_000 })
    .toBe('industry');
  await page.waitForTimeout(1000);
  await page.keyboard.press('w');
  await expect
    .poll(() => page.getByTestId('review-problem').inputValue(), { timeout: 15_000 })
    .toBe('vegetation_damage');
  await page.waitForTimeout(1000);
}

/** Bytes in the projects' OPFS folders (imagery copies, layers): what the storage panel counts as used. */
export function projectBytes(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const projects = await root.getDirectoryHandle('projects', { create: true });
    let total = 0;
    const walk = async (dir: FileSystemDirectoryHandle): Promise<void> => {
      for await (const entry of (dir as unknown as { values(): AsyncIterable<FileSystemHandle> }).values()) {
        if (entry.kind === 'file') total += (await (entry as FileSystemFileHandle).getFile()).size;
        else await walk(entry as FileSystemDirectoryHandle);
      }
    };
    await walk(projects);
    return total;
  });
}
