import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { guardedSession, screenshot, openSampleProject, drawRectangle, historyTypes } from './harness.ts';

const s = guardedSession();

describe('review session and case workflow (hand-drawn clues)', () => {
  it('records the actor and opens hand-drawn patches as suspected cases with their clue source', async () => {
    await openSampleProject(s.page, 90_000);
    await s.page.getByTestId('tab-cases').click();
    await s.page.getByTestId('actor-input').fill('李四');
    await s.page.getByTestId('actor-save').click();
    await expect.poll(() => s.page.getByTestId('actor-label').textContent()).toContain('李四');
    await drawRectangle(s.page, -150, -100, 'leader_instruction');
    await drawRectangle(s.page, 0, 0, 'petition');
    await drawRectangle(s.page, 120, 80, 'public_opinion');
    expect(await s.page.locator('[data-testid="case-row"][data-stage="suspected"]').count()).toBe(3);
    await screenshot(s.page, 'review-drawn-patches');
  });

  it('confirms and rejects by keyboard alone, with activity and problem types', async () => {
    await s.page.getByTestId('review-toggle').click();
    await expect.poll(() => s.page.getByTestId('review-panel').isVisible()).toBe(true);
    await expect.poll(() => s.page.getByTestId('review-shortcuts').textContent()).toContain('J/K');
    await s.page.keyboard.press('2');
    // Each key is a ledger write (IndexedDB, then DuckDB): on a busy machine that takes more than poll's 1 s default.
    await expect
      .poll(() => s.page.getByTestId('review-activity').inputValue(), { timeout: 15_000 })
      .toBe('industry');
    await s.page.keyboard.press('w');
    await expect
      .poll(() => s.page.getByTestId('review-problem').inputValue(), { timeout: 15_000 })
      .toBe('vegetation_damage');
    await expect.poll(() => s.page.locator('[data-testid="chip"]').count()).toBe(2);
    await screenshot(s.page, 'review-panel');
    const first = await s.page.getByTestId('review-id').textContent();
    await s.page.keyboard.press('y');
    await expect.poll(() => s.page.getByTestId('review-id').textContent()).not.toBe(first);
    await s.page.keyboard.press('n');
    await s.page.keyboard.press('4');
    await expect.poll(() => s.page.getByTestId('review-id').textContent()).not.toBe(first);
    await s.page.getByTestId('review-toggle').click();
    await expect
      .poll(() => s.page.locator('[data-testid="case-row"][data-stage="confirmed"]').count())
      .toBe(1);
    await expect
      .poll(() => s.page.locator('[data-testid="case-row"][data-stage="rejected"]').count())
      .toBe(1);
  });

  it('hands over, records feedback, rectification, re-check and closes (销号); survives a reload', async () => {
    await s.page.locator('[data-testid="case-row"][data-stage="confirmed"]').click();
    for (const action of ['handed_over', 'verified', 'rectification_started', 'rechecked', 'closed']) {
      await s.page.getByTestId(`action-${action}`).click();
      if (action === 'verified') {
        await s.page.locator('[data-field="result"]').selectOption('substantiated');
        await s.page.locator('[data-field="details"]').fill('属实，已立案查处');
      }
      if (action === 'rechecked') {
        await s.page.locator('[data-field="inspector"]').fill('王五');
        await s.page.locator('[data-field="findings"]').fill('已恢复植被');
      }
      await s.page.getByTestId('action-submit').click();
      await expect.poll(() => s.page.getByTestId('action-form').count()).toBe(0);
    }
    await expect.poll(() => s.page.getByTestId('case-stage').textContent()).toBe('销号');
    await screenshot(s.page, 'case-closed-history');
    await s.page.reload();
    await s.page.getByTestId('tab-cases').click();
    await expect
      .poll(() => s.page.locator('[data-testid="case-row"][data-stage="closed"]').count(), {
        timeout: 60_000,
      })
      .toBe(1);
    await s.page.locator('[data-testid="case-row"][data-stage="closed"]').click();
    const types = await historyTypes(s.page);
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

describe('a newcomer’s first session: name asked when first needed, serials from 0001, review keys (issue 17)', () => {
  let fresh: BrowserContext;
  let p: Page;
  const rows = (stage: string) => p.locator(`[data-testid="case-row"][data-stage="${stage}"]`);
  const reviewId = () => p.getByTestId('review-id').textContent();

  beforeAll(async () => {
    // A second profile: the session checks its guard after each test too.
    ({ context: fresh, page: p } = await s.newProfile());
  });
  afterAll(async () => {
    await fresh?.close();
  });

  it(
    'detection without a name asks for it, then commits the patches; the first serial is 0001',
    { timeout: 300_000 },
    async () => {
      await openSampleProject(p, 90_000);
      await p.getByTestId('tab-layers').click();
      await p.getByTestId('detect-run').click();
      // The commit waits for the name: a prompt, never a failure.
      await expect.poll(() => p.getByTestId('actor-dialog').count(), { timeout: 240_000 }).toBe(1);
      await screenshot(p, 'newcomer-actor-prompt');
      await p.getByTestId('actor-dialog-input').fill('新同事');
      await p.getByTestId('actor-dialog-save').click();
      await expect.poll(() => p.getByTestId('detect-result').count(), { timeout: 60_000 }).toBe(1);
      const messages = await p.getByTestId('notice-message').allTextContents();
      expect(messages.join(' ')).not.toMatch(/actor|失败|无法/);
      await p.getByTestId('tab-cases').click();
      await expect.poll(() => p.getByTestId('actor-label').textContent()).toContain('新同事');
      await p.getByLabel('排序').selectOption('id');
      const ids = await p.locator('[data-testid="case-row"] td.id').allTextContents();
      expect(ids.length).toBeGreaterThan(3);
      const serials = ids.map((id) => Number(id.slice(-4))).sort((a, b) => a - b);
      expect(serials[0]).toBe(1);
      // Numbers are consecutive per county: nothing was spent on the preview.
      const counties = new Set(ids.map((id) => id.slice(0, 6)));
      expect(serials.at(-1)).toBeLessThanOrEqual(ids.length - counties.size + 1);
    },
  );

  it('shows pre-filled types as guesses; N with a reason, Y, U undoes the last decision; M notes', async () => {
    await p.getByTestId('review-toggle').click();
    await expect.poll(() => p.getByTestId('review-panel').isVisible()).toBe(true);
    await expect
      .poll(() => p.getByTestId('review-activity-guess').textContent())
      .toMatch(/^建议：\d\..+（未确认）$/);
    await expect
      .poll(() => p.getByTestId('review-problem-guess').textContent())
      .toMatch(/^建议：[QWER]\..+（未确认）$/);
    await screenshot(p, 'newcomer-review-guesses');
    const first = await reviewId();
    await p.keyboard.press('n');
    await expect.poll(() => p.getByTestId('reject-reasons').isVisible()).toBe(true);
    await p.keyboard.press('1');
    await expect.poll(reviewId, { timeout: 20_000 }).not.toBe(first);
    const second = await reviewId();
    await p.keyboard.press('y');
    await expect.poll(reviewId, { timeout: 20_000 }).not.toBe(second);
    const third = await reviewId();
    expect(third).not.toBe(first);
    // U undoes the LAST decision (the confirmation of the second patch), not something on the current one.
    await p.keyboard.press('u');
    await expect.poll(reviewId, { timeout: 20_000 }).toBe(second);
    await expect.poll(() => p.getByTestId('review-activity-guess').count()).toBe(1);
    // M puts the cursor in the note box; typing goes there and Enter saves it without ending the session.
    await p.keyboard.press('m');
    await expect
      .poll(() => p.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('review-note');
    await p.keyboard.type('道路两侧新建围墙');
    await p.keyboard.press('Enter');
    await expect
      .poll(() => p.getByTestId('notice-message').allTextContents(), { timeout: 20_000 })
      .toContainEqual(expect.stringContaining('备注已保存'));
    expect(await p.getByTestId('review-panel').isVisible()).toBe(true);
    expect(await reviewId()).toBe(second);
    // Y on untouched guesses confirms and records that the types were accepted as suggested.
    await p.keyboard.press('y');
    await expect.poll(reviewId, { timeout: 20_000 }).not.toBe(second);
    await p.getByTestId('review-toggle').click();
    await p.locator('[data-testid="case-row"]', { hasText: second ?? '' }).click();
    const history = await p.getByTestId('case-history').textContent();
    expect(history).toContain('道路两侧新建围墙');
    expect(history).toContain('按系统建议采用');
    expect(history).not.toContain('移送至');
    expect(history).toContain('转入');
    const undone = p.locator('[data-testid="history-entry"][data-type="reviewed"]', { hasText: '已撤销' });
    expect(await undone.count()).toBe(1);
    await expect.poll(() => rows('rejected').count()).toBe(1);
  });

  it('the ledger at 1280 px: only allowed actions, refusals in words, area and overdue mark visible', async () => {
    await rows('confirmed').first().click();
    // 移交查处 with a reply date already past: the case is overdue.
    await p.getByTestId('action-handed_over').click();
    await p.locator('[data-field="dueDate"]').fill('2020-01-31');
    await p.getByTestId('action-submit').click();
    await expect.poll(() => p.getByTestId('action-form').count()).toBe(0);
    await p.getByLabel('排序').selectOption('due');
    const table = await p.locator('.table').boundingBox();
    const area = p.locator('[data-testid="case-row"][data-stage="handed_over"] [data-testid="case-area"]');
    expect(await area.textContent()).toMatch(/^\d+\.\d\d$/);
    const areaBox = await area.boundingBox();
    if (!table || !areaBox) throw new Error('no table');
    expect(areaBox.x + areaBox.width).toBeLessThanOrEqual(table.x + table.width + 0.5);
    // The stage column holds the longest label without pushing the area out of its cell.
    const areaScroll = await area.evaluate((cell) => cell.scrollWidth <= cell.clientWidth);
    expect(areaScroll).toBe(true);
    const mark = p.getByTestId('overdue-mark').first();
    const markBox = await mark.boundingBox();
    if (!markBox) throw new Error('no overdue mark');
    expect(markBox.x + markBox.width).toBeLessThanOrEqual(table.x + table.width + 0.5);
    const due = p.locator('[data-testid="case-row"][data-stage="handed_over"] [data-testid="case-due-cell"]');
    expect(await due.evaluate((cell) => cell.scrollWidth <= cell.clientWidth)).toBe(true);
    expect(await due.textContent()).toBe('⚠2020-01-31');
    expect(await p.locator('.table').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // Sorted by due date: the overdue case (due 2020) comes first in date order, cases without a date last.
    const dues = await p.locator('[data-testid="case-due-cell"]').allTextContents();
    const dated = dues.map((d) => d.replace('⚠', '').trim()).filter(Boolean);
    expect(dated).toEqual([...dated].sort());
    await p.getByTestId('case-list').scrollIntoViewIfNeeded();
    await screenshot(p, 'newcomer-ledger-1280');
    await p.getByTestId('action-verified').click();
    await p.locator('[data-field="result"]').selectOption('substantiated');
    await p.locator('[data-field="details"]').fill('属实');
    await p.getByTestId('action-submit').click();
    await expect.poll(() => p.getByTestId('case-stage').textContent()).toBe('核实反馈');
    // 销号 needs a passed re-check: it is not offered now.
    expect(await p.getByTestId('action-closed').count()).toBe(0);
    expect(await p.getByTestId('action-rectification_started').count()).toBe(1);
    // A refusal is said in words of the current language, naming what failed.
    await rows('rejected').first().click();
    await p.getByTestId('action-reopened').click();
    await p.getByTestId('action-submit').click();
    await expect
      .poll(() => p.getByTestId('notice-message').allTextContents())
      .toContainEqual('未能办理：请填写“说明”。');
  });
});
