/**
 * Code tables edited in project settings: a province adds a department and a clue source, both survive a
 * reload and are offered in the case forms; retiring them keeps the old case readable (marked 已停用) and takes
 * them out of the forms.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  baseUrl,
  drawRectangle,
  guardedSession,
  openSampleProject,
  screenshot,
  typePatchByKeys,
} from './harness.ts';

const s = guardedSession();
const DEPT = '省自然资源厅';
const CLUE = '其他部门移交线索';

async function openCodeTables(page: Page = s.page): Promise<void> {
  await page.getByTestId('settings-open').click();
  await expect.poll(() => page.getByTestId('settings-panel').isVisible()).toBe(true);
  await page.getByTestId('settings-codes').click();
  await expect.poll(() => page.getByTestId('code-tables').isVisible()).toBe(true);
}

async function closeCodeTables(page: Page = s.page): Promise<void> {
  await page.getByTestId('codes-close').click();
  await page.getByTestId('settings-cancel').click();
  await expect.poll(() => page.getByTestId('settings-panel').count()).toBe(0);
}

async function addEntry(
  table: string,
  zh: string,
  en: string,
  code = '',
  page: Page = s.page,
): Promise<void> {
  await page.getByTestId('codes-table').selectOption(table);
  await page.getByTestId('codes-add-zh').fill(zh);
  await page.getByTestId('codes-add-en').fill(en);
  await page.getByTestId('codes-add-code').fill(code);
  await page.getByTestId('codes-add-submit').click();
  await expect
    .poll(() => page.getByTestId('codes-row').filter({ hasText: zh }).count(), { timeout: 15_000 })
    .toBe(1);
}

async function retire(table: string, zh: string): Promise<void> {
  await s.page.getByTestId('codes-table').selectOption(table);
  const row = s.page.getByTestId('codes-row').filter({ hasText: zh });
  await row.getByTestId('codes-retire').click();
  await expect.poll(() => row.getByTestId('codes-status').textContent(), { timeout: 15_000 }).toBe('已停用');
}

const optionLabels = (selector: string) =>
  s.page.locator(`${selector} option`).evaluateAll((items) => items.map((o) => o.textContent?.trim() ?? ''));

/** The clue sources offered when drawing a patch by hand (the list shows while drawing; cancelled after). */
async function clueOptions(): Promise<string[]> {
  await s.page.getByTestId('draw-start').click();
  await expect.poll(() => s.page.getByTestId('draw-clue').isVisible()).toBe(true);
  const labels = await optionLabels('[data-testid="draw-clue"]');
  await s.page.getByTestId('draw-finish').locator('xpath=following-sibling::button[1]').click();
  await expect.poll(() => s.page.getByTestId('draw-start').isVisible()).toBe(true);
  return labels;
}

describe('code tables in project settings', () => {
  it('adds a department and a clue source; bad input is refused in words', async () => {
    await openSampleProject(s.page, 200_000);
    await s.page.getByTestId('tab-cases').click();
    await s.page.getByTestId('actor-input').fill('李娜');
    await s.page.getByTestId('actor-save').click();
    await expect.poll(() => s.page.getByTestId('actor-label').textContent()).toContain('李娜');
    await openCodeTables();
    expect(await s.page.getByTestId('codes-fixed').textContent()).toContain('不可增删或停用');
    // The rules' own additions are defaults already.
    await s.page.getByTestId('codes-table').selectOption('referralKinds');
    expect(await s.page.getByTestId('codes-row').allTextContents()).toContainEqual(
      expect.stringContaining('组织（人事）部门'),
    );
    await addEntry('departments', DEPT, 'Provincial natural resources department', 'prov_nr');
    await addEntry('clueSources', CLUE, 'Clue handed over by another department');
    // The same name twice is refused, with the reason, and nothing is added.
    await s.page.getByTestId('codes-add-zh').fill(CLUE);
    await s.page.getByTestId('codes-add-en').fill('Again');
    await s.page.getByTestId('codes-add-submit').click();
    await expect.poll(() => s.page.getByTestId('codes-message').textContent()).toContain('已有同名条目');
    expect(await s.page.getByTestId('codes-row').filter({ hasText: CLUE }).count()).toBe(1);
    await screenshot(s.page, 'code-tables-added');
    await closeCodeTables();
  }, 300_000);

  it('a case drawn from the new clue source is confirmed', async () => {
    expect(await clueOptions()).toContain(CLUE);
    await drawRectangle(s.page, -60, -40, CLUE);
    await s.page.getByTestId('review-toggle').click();
    await expect.poll(() => s.page.getByTestId('review-panel').isVisible()).toBe(true);
    await typePatchByKeys(s.page);
    await s.page.keyboard.press('y');
    await s.page.getByTestId('review-toggle').click();
    await expect
      .poll(() => s.page.locator('[data-testid="case-row"][data-stage="confirmed"]').count(), {
        timeout: 30_000,
      })
      .toBe(1);
  }, 300_000);

  it('after a reload both are offered in the case forms; the case is handed to the new department', async () => {
    await s.page.goto(baseUrl());
    await expect.poll(() => s.page.getByTestId('scene-item').count(), { timeout: 200_000 }).toBe(2);
    await s.page.getByTestId('tab-cases').click();
    expect(await clueOptions()).toContain(CLUE);
    await s.page.locator('[data-testid="case-row"][data-stage="confirmed"]').click();
    await expect.poll(() => s.page.getByTestId('case-clue-source').textContent()).toContain(CLUE);
    await s.page.getByTestId('action-transferred_to_department').click();
    expect(await optionLabels('[data-field="department"]')).toContain(DEPT);
    await s.page.locator('[data-field="department"]').selectOption({ label: DEPT });
    await screenshot(s.page, 'code-tables-transfer-form');
    await s.page.getByTestId('action-submit').click();
    await expect
      .poll(
        () => s.page.locator('[data-testid="history-entry"][data-type="transferred_to_department"]').count(),
        {
          timeout: 15_000,
        },
      )
      .toBe(1);
  }, 300_000);

  it('retired entries stay readable on the old case (已停用) and are no longer offered', async () => {
    await openCodeTables();
    await retire('departments', DEPT);
    await retire('clueSources', CLUE);
    await screenshot(s.page, 'code-tables-retired');
    await closeCodeTables();
    await expect
      .poll(() => s.page.getByTestId('case-clue-source').textContent())
      .toContain(`${CLUE}（已停用）`);
    const transfer = s.page.locator('[data-testid="history-entry"][data-type="transferred_to_department"]');
    expect(await transfer.textContent()).toContain(`${DEPT}（已停用）`);
    expect(await clueOptions()).not.toContain(CLUE);
    await s.page.getByTestId('action-department_feedback').click();
    expect(await optionLabels('[data-field="department"]')).not.toContain(DEPT);
    await screenshot(s.page, 'code-tables-old-case');
  }, 300_000);

  it('a colleague imports the bundle: the edits come along, once; the same code added there is a conflict, shown', async () => {
    const out = 'test-results/code-tables';
    mkdirSync(out, { recursive: true });
    await s.page.getByTestId('tab-exports').click();
    const [file] = await Promise.all([
      s.page.waitForEvent('download', { timeout: 90_000 }),
      s.page.getByTestId('export-bundle-button').click(),
    ]);
    const bundlePath = join(out, file.suggestedFilename());
    await file.saveAs(bundlePath);

    // Another office, which added the same code with its own name (later than the first office did).
    const { page: other } = await s.newProfile();
    await other.goto(baseUrl());
    await other.getByTestId('project-new').click();
    await expect.poll(() => other.getByTestId('project-item').count(), { timeout: 30_000 }).toBe(1);
    await other.getByTestId('tab-cases').click();
    await other.getByTestId('actor-input').fill('王强');
    await other.getByTestId('actor-save').click();
    await expect.poll(() => other.getByTestId('actor-label').textContent()).toContain('王强');
    await openCodeTables(other);
    await addEntry(
      'departments',
      '自治区自然资源厅',
      'Regional natural resources department',
      'prov_nr',
      other,
    );
    await closeCodeTables(other);

    await other.getByTestId('tab-exports').click();
    await expect
      .poll(() => other.getByTestId('export-case-count').textContent(), { timeout: 60_000 })
      .toBe('本项目共 0 个图斑');
    await other.getByTestId('import-file').setInputFiles(bundlePath);
    await expect.poll(() => other.getByTestId('import-preview').isVisible(), { timeout: 60_000 }).toBe(true);
    // Four edits: two additions and two retirements.
    expect(await other.getByTestId('import-codes').getAttribute('data-added')).toBe('4');
    expect(await other.getByTestId('import-code-conflict').textContent()).toContain(
      '采用先添加的「省自然资源厅」',
    );
    await screenshot(other, 'code-tables-import-preview');
    await other.getByTestId('import-apply').click();
    await expect.poll(() => other.getByTestId('import-result').isVisible(), { timeout: 60_000 }).toBe(true);

    await openCodeTables(other);
    await expect.poll(() => other.getByTestId('codes-conflicts').textContent()).toContain('自治区自然资源厅');
    const row = other.locator('[data-testid="codes-row"][data-code="prov_nr"]');
    expect(await row.textContent()).toContain('省自然资源厅');
    expect(await row.getByTestId('codes-status').textContent()).toBe('已停用');
    await screenshot(other, 'code-tables-import-conflict');
    await closeCodeTables(other);

    // The same bundle again adds no edit.
    await other.getByTestId('tab-exports').click();
    await other.getByTestId('import-file').setInputFiles(bundlePath);
    await expect.poll(() => other.getByTestId('import-nothing').isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await other.getByTestId('import-codes').count()).toBe(0);
    await other.getByTestId('import-discard').click();
  }, 400_000);
});
