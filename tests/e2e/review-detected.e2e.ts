// Issue 6's session on detected patches: 20 patches of the sample reviewed by keyboard alone (5 confirmed,
// 15 rejected with a reason), 2 handed over, feedback recorded on both, 1 closed (销号); after a reload every
// decision is there and the history shows each step.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, guardedPage, launch, newGuardedContext, screenshot, type Guard } from './harness.ts';

let browser: Browser;
let guard: Guard;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  const made = await newGuardedContext(browser);
  guard = made.guard;
  page = await guardedPage(made.context, guard);
});
afterAll(async () => {
  await browser?.close();
});
afterEach(() => {
  expect(guard.offOrigin).toEqual([]);
  expect(guard.consoleErrors).toEqual([]);
});

const rows = (stage: string) => page.locator(`[data-testid="case-row"][data-stage="${stage}"]`);

/** Press keys for the current patch, then wait until the queue has moved on from it. */
async function decide(keys: string[]): Promise<void> {
  const before = await page.getByTestId('review-id').textContent();
  for (const key of keys) await page.keyboard.press(key);
  await expect.poll(() => page.getByTestId('review-id').textContent(), { timeout: 20_000 }).not.toBe(before);
}

async function act(action: string, fill?: () => Promise<void>): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  await fill?.();
  await page.getByTestId('action-submit').click();
  await expect.poll(() => page.getByTestId('action-form').count()).toBe(0);
}

describe('review session over detected patches', () => {
  it('detects patches on the sample project', { timeout: 300_000 }, async () => {
    await page.goto(`${baseUrl()}?sample=beihai`);
    await expect.poll(() => page.getByTestId('scene-item').count(), { timeout: 90_000 }).toBe(2);
    await page.getByTestId('tab-cases').click();
    await page.getByTestId('actor-input').fill('审核专家');
    await page.getByTestId('actor-save').click();
    await page.getByTestId('tab-layers').click();
    await page.getByTestId('detect-run').click();
    await expect.poll(() => page.getByTestId('detect-result').count(), { timeout: 240_000 }).toBe(1);
    await page.getByTestId('tab-cases').click();
    await expect.poll(() => page.getByTestId('case-row').count()).toBeGreaterThanOrEqual(20);
  });

  it('reviews 20 patches by keyboard alone: 5 confirmed with types, 15 rejected with a reason', async () => {
    await page.getByTestId('review-toggle').click();
    await expect.poll(() => page.getByTestId('review-panel').isVisible()).toBe(true);
    // J/K move through the queue without deciding.
    const first = await page.getByTestId('review-id').textContent();
    await page.keyboard.press('j');
    await expect.poll(() => page.getByTestId('review-id').textContent()).not.toBe(first);
    await page.keyboard.press('k');
    await expect.poll(() => page.getByTestId('review-id').textContent()).toBe(first);
    for (let i = 0; i < 20; i += 1) {
      if (i < 5) await decide([String((i % 6) + 1), 'q', 'y']);
      else await decide(['n', '4']);
      if (i === 4) await screenshot(page, 'review-detected-panel');
    }
    await page.getByTestId('review-toggle').click();
    await expect.poll(() => rows('confirmed').count(), { timeout: 20_000 }).toBe(5);
    await expect.poll(() => rows('rejected').count(), { timeout: 20_000 }).toBe(15);
  });

  it('hands 2 over, records feedback on both, closes 1 (销号)', async () => {
    for (let i = 0; i < 2; i += 1) {
      await rows('confirmed').first().click();
      await act('handed_over');
      await act('verified', async () => {
        await page
          .locator('[data-field="result"]')
          .selectOption(i === 0 ? 'substantiated' : 'partly_substantiated');
        await page.locator('[data-field="details"]').fill(i === 0 ? '属实，已立案查处' : '部分属实');
      });
    }
    await expect.poll(() => rows('confirmed').count()).toBe(3);
    await rows('verified').first().click();
    await act('rectification_started');
    await act('rechecked', async () => {
      await page.locator('[data-field="inspector"]').fill('王五');
      await page.locator('[data-field="findings"]').fill('已恢复植被');
    });
    await act('closed');
    await expect.poll(() => page.getByTestId('case-stage').textContent()).toBe('销号');
    await screenshot(page, 'review-detected-closed');
  });

  it('keeps every decision and each step of the history after a reload', async () => {
    await page.reload();
    await page.getByTestId('tab-cases').click();
    await expect.poll(() => rows('closed').count(), { timeout: 60_000 }).toBe(1);
    expect(await rows('verified').count()).toBe(1);
    expect(await rows('confirmed').count()).toBe(3);
    expect(await rows('rejected').count()).toBe(15);
    await rows('closed').click();
    const types = await page
      .getByTestId('history-entry')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-type')));
    expect(types).toEqual(
      expect.arrayContaining([
        'opened',
        'reviewed',
        'handed_over',
        'verified',
        'rectification_started',
        'rechecked',
        'closed',
      ]),
    );
    expect(types.indexOf('handed_over')).toBeLessThan(types.indexOf('closed'));
    const rejected = rows('rejected').first();
    await rejected.click();
    const rejectedTypes = await page
      .getByTestId('history-entry')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-type')));
    // A detected (auto) patch turned down in review is a screening rejection with its reason code.
    expect(rejectedTypes).toContain('rejected');
  });
});
