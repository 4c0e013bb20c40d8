import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  guardedPage,
  launch,
  newGuardedContext,
  screenshot,
  type Guard,
  openSampleProject,
  drawRectangle,
} from './harness.ts';

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

describe('review session and case workflow (hand-drawn clues)', () => {
  it('records the actor and opens hand-drawn patches as suspected cases with their clue source', async () => {
    await openSampleProject(page, 90_000);
    await page.getByTestId('tab-cases').click();
    await page.getByTestId('actor-input').fill('李四');
    await page.getByTestId('actor-save').click();
    await expect.poll(() => page.getByTestId('actor-label').textContent()).toContain('李四');
    await drawRectangle(page, -150, -100, 'leader_instruction');
    await drawRectangle(page, 0, 0, 'petition');
    await drawRectangle(page, 120, 80, 'public_opinion');
    expect(await page.locator('[data-testid="case-row"][data-stage="suspected"]').count()).toBe(3);
    await screenshot(page, 'review-drawn-patches');
  });

  it('confirms and rejects by keyboard alone, with activity and problem types', async () => {
    await page.getByTestId('review-toggle').click();
    await expect.poll(() => page.getByTestId('review-panel').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('review-shortcuts').textContent()).toContain('J/K');
    await page.keyboard.press('2');
    // Each key is a ledger write (IndexedDB, then DuckDB): on a busy machine that takes more than poll's 1 s default.
    await expect
      .poll(() => page.getByTestId('review-activity').inputValue(), { timeout: 15_000 })
      .toBe('industry');
    await page.keyboard.press('w');
    await expect
      .poll(() => page.getByTestId('review-problem').inputValue(), { timeout: 15_000 })
      .toBe('vegetation_damage');
    await expect.poll(() => page.locator('[data-testid="chip"]').count()).toBe(2);
    await screenshot(page, 'review-panel');
    const first = await page.getByTestId('review-id').textContent();
    await page.keyboard.press('y');
    await expect.poll(() => page.getByTestId('review-id').textContent()).not.toBe(first);
    await page.keyboard.press('n');
    await page.keyboard.press('4');
    await expect.poll(() => page.getByTestId('review-id').textContent()).not.toBe(first);
    await page.getByTestId('review-toggle').click();
    await expect.poll(() => page.locator('[data-testid="case-row"][data-stage="confirmed"]').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid="case-row"][data-stage="rejected"]').count()).toBe(1);
  });

  it('hands over, records feedback, rectification, re-check and closes (销号); survives a reload', async () => {
    await page.locator('[data-testid="case-row"][data-stage="confirmed"]').click();
    for (const action of ['handed_over', 'verified', 'rectification_started', 'rechecked', 'closed']) {
      await page.getByTestId(`action-${action}`).click();
      if (action === 'verified') {
        await page.locator('[data-field="result"]').selectOption('substantiated');
        await page.locator('[data-field="details"]').fill('属实，已立案查处');
      }
      if (action === 'rechecked') {
        await page.locator('[data-field="inspector"]').fill('王五');
        await page.locator('[data-field="findings"]').fill('已恢复植被');
      }
      await page.getByTestId('action-submit').click();
      await expect.poll(() => page.getByTestId('action-form').count()).toBe(0);
    }
    await expect.poll(() => page.getByTestId('case-stage').textContent()).toBe('销号');
    await screenshot(page, 'case-closed-history');
    await page.reload();
    await page.getByTestId('tab-cases').click();
    await expect
      .poll(() => page.locator('[data-testid="case-row"][data-stage="closed"]').count(), { timeout: 60_000 })
      .toBe(1);
    await page.locator('[data-testid="case-row"][data-stage="closed"]').click();
    const types = await page
      .getByTestId('history-entry')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-type')));
    expect(types).toEqual([
      'opened',
      'fields_set',
      'fields_set',
      'reviewed',
      'handed_over',
      'verified',
      'rectification_started',
      'rechecked',
      'closed',
    ]);
  });
});
