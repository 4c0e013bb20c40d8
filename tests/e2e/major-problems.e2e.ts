/**
 * 重大问题 and department milestones, as a provincial officer meets them: in review a patch is marked 重大 (a
 * blank reason is refused in words), it is sent to a 流域海域监督管理局 for checking, the case list's filter
 * shows it, and the 附件4 CSV carries the 重大问题 column; a department hand-over dated long ago shows overdue
 * until the department's feedback is recorded.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { guardedSession, screenshot, openSampleProject, drawRectangle, historyTypes } from './harness.ts';

const OUT = 'test-results/major-problems';
const BUREAU = '珠江流域南海海域生态环境监督管理局';
const session = guardedSession();
let page: Page;
let majorId = '';

beforeAll(() => {
  mkdirSync(OUT, { recursive: true });
  page = session.page;
});

const rows = (p: Page) => p.getByTestId('case-row');

async function caseIds(p: Page): Promise<string[]> {
  return rows(p).evaluateAll((items) => items.map((i) => i.querySelector('td')?.textContent?.trim() ?? ''));
}

/** Open a case page action form, fill it and submit; waits until the form is gone (written). */
async function act(p: Page, type: string, fill: (p: Page) => Promise<void> = async () => {}): Promise<void> {
  await p.getByTestId(`action-${type}`).click();
  await fill(p);
  await p.getByTestId('action-submit').click();
  await expect.poll(() => p.getByTestId('action-form').count(), { timeout: 30_000 }).toBe(0);
}

describe('major problems and department hand-over milestones', () => {
  it('opens the sample project and draws two clues', async () => {
    await openSampleProject(page, 110_000);
    await page.getByTestId('tab-cases').click();
    await page.getByTestId('actor-input').fill('李四');
    await page.getByTestId('actor-save').click();
    await expect.poll(() => page.getByTestId('actor-label').textContent()).toContain('李四');
    await drawRectangle(page, -120, -80, 'petition');
    await drawRectangle(page, 60, 40, 'leader_instruction');
  });

  it('marks one patch 重大 in review: a blank reason is refused, then the reason is kept', async () => {
    await page.getByTestId('review-toggle').click();
    await expect.poll(() => page.getByTestId('review-panel').isVisible()).toBe(true);
    majorId = (await page.getByTestId('review-id').textContent())?.trim() ?? '';
    expect(majorId).not.toBe('');
    await page.getByTestId('major-open').click();
    await page.getByTestId('major-save').click();
    await expect.poll(() => page.getByTestId('major-refusal').textContent()).toContain('请填写理由');
    await page.getByTestId('major-reason').fill('毁林面积大，位于饮用水源保护区');
    await page.getByTestId('major-save').click();
    await expect
      .poll(() => page.getByTestId('major-toggle').getAttribute('data-marked'), { timeout: 30_000 })
      .toBe('true');
    await expect.poll(() => page.getByTestId('major-refusal').count()).toBe(0);
    await screenshot(page, 'major-review-panel');
    // Confirm both patches (the marked one first), then leave review mode.
    for (let i = 0; i < 2; i += 1) {
      const before = await page.getByTestId('review-id').textContent();
      await page.getByTestId('review-confirm').click();
      if (i === 0)
        await expect
          .poll(() => page.getByTestId('review-id').textContent(), { timeout: 30_000 })
          .not.toBe(before);
    }
    await expect
      .poll(() => page.getByTestId('review-panel').textContent(), { timeout: 30_000 })
      .not.toContain(majorId);
    await page.getByTestId('review-toggle').click();
    await expect
      .poll(() => page.locator('[data-testid="case-row"][data-stage="confirmed"]').count(), {
        timeout: 30_000,
      })
      .toBe(2);
  });

  it('filters the list to 重大问题 and routes the case to a bureau with its own due date', async () => {
    await page.getByTestId('filter-watch').selectOption('major');
    await expect.poll(() => caseIds(page)).toEqual([majorId]);
    expect(await page.getByTestId('major-mark').count()).toBe(1);
    await rows(page).first().click();
    await expect.poll(() => page.getByTestId('case-major-reason').textContent()).toContain('饮用水源');
    // Until routed, the case waits for 委托核实 and for the report to 国务院.
    await expect
      .poll(() =>
        page.getByTestId('major-due').evaluateAll((l) => l.map((e) => e.getAttribute('data-track'))),
      )
      .toEqual(['major_routing', 'major_report']);
    await act(page, 'major_routed', async (p) => {
      await p.locator('[data-field="bureauKind"]').selectOption('basin_marine');
      await p.locator('[data-field="bureau"]').fill(BUREAU);
    });
    await expect.poll(() => page.getByTestId('case-major-routing').textContent()).toContain(BUREAU);
    await expect
      .poll(() => page.getByTestId('case-major-routing').textContent())
      .toContain('流域海域监督管理局');
    await expect
      .poll(() =>
        page.getByTestId('major-due').evaluateAll((l) => l.map((e) => e.getAttribute('data-track'))),
      )
      .toEqual(['major_check', 'major_report']);
    const types = await historyTypes(page);
    expect(types).toContain('major_flagged');
    expect(types.at(-1)).toBe('major_routed');
    // Hand over and record the province's verification: the problem enters 附件4.
    await act(page, 'handed_over');
    await act(page, 'verified', async (p) => {
      await p.locator('[data-field="result"]').selectOption('substantiated');
      await p.locator('[data-field="details"]').fill('属实，已立案查处');
    });
    await screenshot(page, 'major-case-page');
    await page.getByTestId('case-list').scrollIntoViewIfNeeded();
    await screenshot(page, 'major-case-list');
  });

  it('exports 附件4 with the 重大问题 column as the last one', async () => {
    await page.getByTestId('tab-exports').click();
    await expect.poll(() => page.getByTestId('export-panel').isVisible()).toBe(true);
    const [file] = await Promise.all([
      page.waitForEvent('download', { timeout: 90_000 }),
      page.getByTestId('export-list-4-csv').click(),
    ]);
    const path = join(OUT, file.suggestedFilename());
    await file.saveAs(path);
    const lines = readFileSync(path, 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r\n/);
    const header = lines.find((l) => l.includes('问题编号'))?.split(',') ?? [];
    expect(header.at(-1)).toBe('重大问题');
    const row = lines.find((l) => l.includes(majorId)) ?? '';
    expect(row.endsWith(`是（委托${BUREAU}核实）`)).toBe(true);
  });

  it('shows a department hand-over past its milestone as overdue until the department answers', async () => {
    await page.getByTestId('tab-cases').click();
    await page.getByTestId('filter-watch').selectOption('');
    const other = (await caseIds(page)).find((id) => id !== majorId) ?? '';
    expect(other).not.toBe('');
    await rows(page).filter({ hasText: other }).click();
    // Handed to 水利 on a date long past: 60 days (the project's default) have gone by without feedback.
    await act(page, 'transferred_to_department', async (p) => {
      await p.locator('[data-field="department"]').selectOption('water');
      await p.locator('[data-field="transferredOn"]').fill('2025-01-02');
    });
    await expect
      .poll(() => page.getByTestId('department-due').getAttribute('data-overdue'), { timeout: 30_000 })
      .toBe('true');
    await expect.poll(() => page.getByTestId('department-due').textContent()).toContain('2025-03-03');
    await page.getByTestId('filter-watch').selectOption('department_overdue');
    await expect.poll(() => caseIds(page)).toEqual([other]);
    expect(await page.getByTestId('track-overdue-mark').count()).toBe(1);
    await screenshot(page, 'department-overdue');
    await page.getByTestId('case-list').scrollIntoViewIfNeeded();
    await screenshot(page, 'department-overdue-list');
    await act(page, 'department_feedback', async (p) => {
      await p.locator('[data-field="department"]').selectOption('water');
      await p.locator('[data-field="result"]').fill('已责令恢复原状');
    });
    await expect
      .poll(() => page.getByTestId('department-due').getAttribute('data-overdue'), { timeout: 30_000 })
      .toBe('false');
    await expect.poll(() => rows(page).count()).toBe(0);
  });
});
