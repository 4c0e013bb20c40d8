import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import {
  LAND_RGB,
  baseUrl,
  expectGuardClean,
  guardedSession,
  screenshot,
  shareOfColour,
  waitForBasemap,
} from './harness.ts';

// Every test fails on a request that left the app's origin or on a console error.
const session = guardedSession();
let page: Page;

describe('app shell', () => {
  it('loads offline, in Chinese, and draws the basemap', async () => {
    page = session.page;
    await page.goto(baseUrl());
    await expect.poll(() => page.getByTestId('app-title').textContent()).toBe('红线监管笔记本');
    await waitForBasemap(page);
    await page.waitForTimeout(300);
    // China's outline covers a real part of the initial view: land-coloured pixels, not a blank canvas.
    const land = await shareOfColour(page, LAND_RGB);
    expect(land).toBeGreaterThan(0.1);
    expect(land).toBeLessThan(0.95);
    const firstFrameMs = Number(await page.evaluate(() => document.body.dataset.firstBasemapFrameMs));
    console.log(`cold start: first basemap frame at ${firstFrameMs} ms after navigation start`);
    await screenshot(page, 'shell-basemap-zh');
  });

  it('shows a scale bar and the cursor position in degrees', async () => {
    await expect.poll(() => page.getByTestId('scale-bar').textContent()).toMatch(/\d+ (km|m)/);
    const box = await page.getByTestId('map-canvas').boundingBox();
    if (!box) throw new Error('map canvas not laid out');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect
      .poll(() => page.getByTestId('cursor-coords').textContent())
      .toMatch(/经度 1\d\d\.\d{5}\s+纬度 \d\d\.\d{5}/);
  });

  it('starts DuckDB from the app’s own files and answers select 42', async () => {
    await expect
      .poll(() => page.getByTestId('db-status').getAttribute('data-state'), { timeout: 60_000 })
      .toBe('ready');
    await page.getByTestId('tab-notebook').click();
    await page.getByTestId('sql-input').fill('SELECT 42 AS answer, (SELECT count(*) FROM patch) AS patches');
    await page.getByTestId('sql-run').click();
    await expect.poll(() => page.getByTestId('sql-result').textContent()).toContain('42');
    // A bad statement reports DuckDB's own message instead of failing silently.
    await page.getByTestId('sql-input').fill('SELECT * FROM no_such_table');
    await page.getByTestId('sql-run').click();
    await expect.poll(() => page.getByTestId('sql-error').textContent()).toMatch(/no_such_table/);
    session.guard.consoleErrors = session.guard.consoleErrors.filter(
      (text) => !text.includes('no_such_table'),
    );
    await screenshot(page, 'shell-sql');
  });

  it('switches language to English and back', async () => {
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('app-title').textContent()).toBe('Redline Notebook');
    await expect.poll(() => page.getByTestId('tab-layers').textContent()).toBe('Layers');
    await screenshot(page, 'shell-english');
    await page.reload();
    // The choice is remembered.
    await expect.poll(() => page.getByTestId('app-title').textContent()).toBe('Redline Notebook');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('tab-layers').textContent()).toBe('图层');
  });

  it('creates, renames and keeps a project across a reload; deletes it only after confirmation', async () => {
    await page.getByTestId('project-new').click();
    await expect.poll(() => page.getByTestId('project-item').count()).toBe(1);
    await page.getByTestId('project-rename').click();
    await page.getByTestId('project-rename-input').fill('北海市 2026 年度监管');
    await page.getByTestId('project-rename-save').click();
    await expect.poll(() => page.getByTestId('header-project').textContent()).toBe('北海市 2026 年度监管');
    await page.reload();
    await expect.poll(() => page.getByTestId('header-project').textContent()).toBe('北海市 2026 年度监管');
    await page.getByTestId('project-delete').click();
    await page.getByTestId('confirm-cancel').click();
    expect(await page.getByTestId('project-item').count()).toBe(1);
    await page.getByTestId('project-delete').click();
    await screenshot(page, 'shell-delete-confirm');
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('project-item').count()).toBe(0);
    await expect.poll(() => page.getByTestId('header-project').textContent()).toBe('未打开项目');
  });

  it('keeps an image picked while a new project is still opening', async () => {
    // A fresh page load: DuckDB takes seconds to start, and the new project's mount waits for it.
    await page.reload();
    await page.getByTestId('project-new').click();
    await page.getByTestId('file-input').setInputFiles('sample-data/beihai/t1.tif');
    await expect.poll(() => page.getByTestId('scene-item').count(), { timeout: 60_000 }).toBe(1);
    await expect
      .poll(() => page.getByTestId('db-status').getAttribute('data-state'), { timeout: 60_000 })
      .toBe('ready');
    // Still there once the mount is over and its copy into the project is saved (the status bar's job ends)…
    await expect
      .poll(() => page.locator('[data-testid="job"][data-status="running"]').count(), { timeout: 60_000 })
      .toBe(0);
    expect(await page.getByTestId('scene-item').count()).toBe(1);
    // …and after a reload: it was stored, not only shown.
    await page.reload();
    try {
      await expect.poll(() => page.getByTestId('scene-item').count(), { timeout: 60_000 }).toBe(1);
    } catch (error) {
      await screenshot(page, 'shell-picked-while-opening-failed');
      throw error;
    }
    // In the project just created, not in a second one made because the first was not there yet.
    expect(await page.getByTestId('project-item').count()).toBe(1);
    await page.getByTestId('project-delete').click();
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('project-item').count()).toBe(0);
  });

  it('refuses a truncated GeoTIFF and one without georeferencing, each in words, and keeps the project as it was', async () => {
    await page.getByTestId('project-new').click();
    await expect.poll(() => page.getByTestId('project-item').count()).toBe(1);
    // The sample's header and directories are in its first 3 KB; the compressed tiles after them are cut off.
    const truncated = readFileSync('sample-data/beihai/t1.tif').subarray(0, 3000);
    await page.getByTestId('file-input').setInputFiles({
      name: 'T1-cut.tif',
      mimeType: 'image/tiff',
      buffer: truncated,
    });
    const messages = page.getByTestId('notice-message');
    await expect
      .poll(() => messages.allTextContents(), { timeout: 30_000 })
      .toContainEqual(expect.stringContaining('「T1-cut.tif」的影像数据已损坏'));
    await page.getByTestId('file-input').setInputFiles({
      name: 'plain.tif',
      mimeType: 'image/tiff',
      buffer: plainTiff(),
    });
    await expect
      .poll(() => messages.allTextContents(), { timeout: 30_000 })
      .toContainEqual(expect.stringContaining('「plain.tif」没有地理参考信息'));
    await screenshot(page, 'shell-bad-geotiff');
    expect(await page.getByTestId('scene-item').count()).toBe(0);
    // Nothing was half-stored: after a reload the project is there, still without imagery.
    await page.reload();
    await expect.poll(() => page.getByTestId('project-item').count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('db-status').getAttribute('data-state'), { timeout: 60_000 })
      .toBe('ready');
    expect(await page.getByTestId('scene-item').count()).toBe(0);
    await page.getByTestId('project-delete').click();
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('project-item').count()).toBe(0);
  });

  it('says so when DuckDB cannot load its wasm, instead of starting for ever, and raises no uncaught error', async () => {
    const broken = await session.newProfile();
    // A deployment missing its wasm, or a download cut short: every wasm request fails.
    await broken.context.route('**/*.wasm', (route) => route.abort('failed'));
    const brokenPage = broken.page;
    try {
      await brokenPage.goto(baseUrl());
      const status = brokenPage.getByTestId('db-status');
      await expect.poll(() => status.getAttribute('data-state'), { timeout: 60_000 }).toBe('failed');
      expect(await status.textContent()).toContain('DuckDB 启动失败（请刷新页面重试）');
      await screenshot(brokenPage, 'shell-duckdb-failed');
      // The app is still usable around it: the map and the project list are there.
      await waitForBasemap(brokenPage);
      expectGuardClean(broken.guard);
    } finally {
      await broken.context.close();
    }
  });
});

/** A valid 4 × 4 one-band uint8 TIFF with no georeferencing tags at all (as a scanner or a paint program writes). */
function plainTiff(): Buffer {
  const tags: [number, number, number][] = [
    [256, 3, 4], // ImageWidth
    [257, 3, 4], // ImageLength
    [258, 3, 8], // BitsPerSample
    [259, 3, 1], // Compression: none
    [262, 3, 1], // Photometric: black is zero
    [273, 4, 8 + 2 + 9 * 12 + 4], // StripOffsets: right after this directory
    [277, 3, 1], // SamplesPerPixel
    [278, 3, 4], // RowsPerStrip
    [279, 4, 16], // StripByteCounts
  ];
  const out = Buffer.alloc(8 + 2 + tags.length * 12 + 4 + 16);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  out.writeUInt16LE(tags.length, 8);
  tags.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(1, at + 4);
    if (type === 3) out.writeUInt16LE(value, at + 8);
    else out.writeUInt32LE(value, at + 8);
  });
  for (let i = 0; i < 16; i += 1) out[out.length - 16 + i] = i * 16;
  return out;
}
