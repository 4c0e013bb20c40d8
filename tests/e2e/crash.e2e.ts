import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, clickVertex, guardedPage, guardedSession } from './harness.ts';

/**
 * Crash safety of the ledger: notes are written while the page is reloaded or closed at random moments. Every note
 * the UI showed as saved must be there afterwards, exactly once, and the log must fold without errors.
 * CRASH_RUNS=200 (npm run test:long) for the full count; the default (6: five reloads, one closed tab) keeps npm test short.
 */
const RUNS = Number(process.env.CRASH_RUNS ?? 6);

// The guard (requests off the origin, console errors) is checked after the test, across every reopened tab.
const session = guardedSession();
let page: Page;

beforeAll(() => {
  page = session.page;
});

async function openReview(): Promise<void> {
  await page.getByTestId('tab-cases').click();
  await expect.poll(() => page.getByTestId('case-row').count(), { timeout: 60_000 }).toBe(1);
  await page.getByTestId('review-toggle').click();
  await expect.poll(() => page.getByTestId('review-panel').isVisible()).toBe(true);
}

async function savedNotes(): Promise<string[]> {
  return page
    .locator('[data-testid="history-entry"][data-type="note_added"] .what')
    .evaluateAll((items) => items.map((item) => item.textContent ?? ''));
}

describe(`ledger crash safety (${RUNS} interrupted writes)`, () => {
  it(
    'never loses an event shown as saved and never half-writes',
    { timeout: 60_000 + RUNS * 30_000 },
    async () => {
      await page.goto(baseUrl());
      await page.getByTestId('project-new').click();
      await page.getByTestId('tab-cases').click();
      await page.getByTestId('actor-input').fill('崩溃测试');
      await page.getByTestId('actor-save').click();
      await page.getByTestId('draw-start').click();
      for (const [dx, dy] of [
        [0, 0],
        [50, 0],
        [50, 40],
      ] as const)
        await clickVertex(page, dx, dy);
      await page.getByTestId('draw-finish').click();
      await openReview();

      const shownSaved = new Set<string>();
      let interrupted = 0;
      for (let i = 0; i < RUNS; i += 1) {
        await page.keyboard.press('m');
        await page.getByTestId('review-note').fill(`note-${i}`);
        await page.keyboard.press('Enter');
        await page.waitForTimeout(Math.floor(Math.random() * 15));
        for (const text of await savedNotes()) shownSaved.add(text);
        if (i % 5 === 4) {
          // A closed tab, not just a reload.
          await page.close();
          page = await guardedPage(session.context, session.guard);
          await page.goto(baseUrl());
        } else await page.reload();
        interrupted += 1;
        await openReview();
        await page.getByTestId('case-row').first().click();
        const after = await savedNotes();
        for (const text of shownSaved)
          expect(after, `note shown as saved before the crash: ${text}`).toContain(text);
        expect(new Set(after).size, 'no event is duplicated').toBe(after.length);
      }
      const final = await savedNotes();
      console.log(
        `crash test: ${interrupted} interruptions, ${shownSaved.size} notes shown as saved, ${final.length} in the log, 0 lost`,
      );
      expect(final.length).toBeGreaterThanOrEqual(shownSaved.size);
    },
  );
});
