import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, guardedPage, launch, newGuardedContext, screenshot, type Guard } from './harness.ts';

let browser: Browser;
let context: BrowserContext;
let guard: Guard;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  ({ context, guard } = await newGuardedContext(browser));
  page = await guardedPage(context, guard);
});
afterAll(async () => {
  await browser?.close();
});
afterEach(() => {
  expect(guard.offOrigin).toEqual([]);
  expect(guard.consoleErrors).toEqual([]);
});

/** Runs stored with status 'running' (in the page: IndexedDB `runs`). */
function runningRuns(): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('redline-notebook');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const all = db.transaction('runs').objectStore('runs').getAll();
      all.onsuccess = () => {
        db.close();
        resolve((all.result as { status?: string }[]).filter((r) => r.status === 'running').length);
      };
      all.onerror = () => reject(all.error);
    };
  });
}

describe('detection on the sample project', () => {
  it(
    'finds patches inside red lines, each with every annex-1 field, and the SQL agrees',
    { timeout: 300_000 },
    async () => {
      await page.goto(`${baseUrl()}?sample=beihai`);
      await expect.poll(() => page.getByTestId('scene-item').count(), { timeout: 90_000 }).toBe(2);
      await page.getByTestId('tab-cases').click();
      await page.getByTestId('actor-input').fill('检测员');
      await page.getByTestId('actor-save').click();
      await page.getByTestId('tab-layers').click();
      await page.getByTestId('detect-run').click();
      await expect.poll(() => page.getByTestId('detect-result').count(), { timeout: 240_000 }).toBe(1);
      await screenshot(page, 'detection-result');
      await page.getByTestId('tab-cases').click();
      const count = await page.getByTestId('case-row').count();
      expect(count).toBeGreaterThan(5);
      await screenshot(page, 'detection-cases');
      // Every patch carries the annex-1 fields; red-line area per county equals the SQL answer.
      await page.getByTestId('tab-notebook').click();
      await page
        .getByTestId('sql-input')
        .fill(
          "SELECT count(*) AS missing FROM patch WHERE id = '' OR province = '' OR city = '' OR county = '' OR location = '' OR area_ha <= 0 OR redline_ha <= 0 OR cx IS NULL OR cy IS NULL OR activity_type = '' OR problem_type = ''",
        );
      await page.getByTestId('sql-run').click();
      await expect.poll(() => page.getByTestId('sql-result').locator('td').last().textContent()).toBe('0');
      await page
        .getByTestId('sql-input')
        .fill('SELECT count(*) AS n, round(sum(redline_ha), 6) AS ha FROM patch');
      await page.getByTestId('sql-run').click();
      await expect
        .poll(() => page.getByTestId('sql-result').locator('td').nth(1).textContent())
        .toBe(String(count));
    },
  );

  it(
    'a tab reloaded mid-run leaves the run marked interrupted, with no patch written, and says so',
    { timeout: 300_000 },
    async () => {
      // The previous test's run is done; start another and reload while it works.
      const before = await page.getByTestId('case-row').count();
      await page.getByTestId('tab-layers').click();
      await page.getByTestId('detect-run').click();
      // Reload as soon as the run is recorded as running (written before the worker starts).
      await expect
        .poll(() => page.evaluate(runningRuns), { timeout: 60_000, interval: 25 })
        .toBeGreaterThan(0);
      await page.reload();
      await expect
        .poll(() => page.getByTestId('notice-message').allTextContents(), { timeout: 60_000 })
        .toContainEqual(expect.stringContaining('中断'));
      await screenshot(page, 'detection-interrupted');
      // The workshop link reopens the sample after the reload: wait until the project is mounted again.
      await expect.poll(() => page.getByTestId('scene-item').count(), { timeout: 90_000 }).toBe(2);
      await page.getByTestId('tab-cases').click();
      await expect.poll(() => page.getByTestId('case-row').count(), { timeout: 60_000 }).toBe(before);
      await page.getByTestId('tab-notebook').click();
      await page.getByTestId('sql-input').fill("SELECT count(*) AS n FROM run WHERE status = 'interrupted'");
      await expect
        .poll(
          async () => {
            await page.getByTestId('sql-run').click();
            await page.waitForTimeout(500);
            return page.getByTestId('sql-result').locator('td').last().textContent();
          },
          { timeout: 60_000 },
        )
        .toBe('1');
    },
  );
});
