/**
 * The yearly cycle as a provincial officer meets it: on the sample project with two clues drawn, the notebook
 * tab's calendar lists the year's duties with their due dates; the yearly supervision report exported from the
 * export tab carries the counts of the ledger (read back from word/document.xml) and marks the report done in
 * the calendar; a monitoring-plan area marked 双月 is listed with that cadence and counted in the calendar, and
 * areas taken from a red-line feature and drawn on the map join the plan.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import {
  clickVertex,
  drawRectangle,
  guardedSession,
  openSampleProject,
  screenshot,
  SCREENSHOT_DIR,
} from './harness.ts';

const OUT = 'test-results/yearly';
const session = guardedSession();
let page: Page;
const year = new Date().getFullYear();

beforeAll(() => {
  mkdirSync(OUT, { recursive: true });
  page = session.page;
});

const duty = (p: Page, kind: string) => p.locator(`[data-testid="yearly-duty"][data-kind="${kind}"]`);
const rowSum = async (p: Page, testId: string): Promise<number> =>
  (await p.getByTestId(testId).locator('td').allTextContents()).reduce((s, t) => s + (Number(t) || 0), 0);

/** Text of the report's paragraphs (w:t runs joined per paragraph). */
function docxText(bytes: Uint8Array): string {
  const xml = strFromU8(unzipSync(bytes)['word/document.xml'] as Uint8Array);
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');
}

describe('the yearly cycle', () => {
  it('opens the sample project and draws two clues', async () => {
    await openSampleProject(page, 110_000);
    await page.getByTestId('tab-cases').click();
    await page.getByTestId('actor-input').fill('李四');
    await page.getByTestId('actor-save').click();
    await drawRectangle(page, -120, -80, 'petition');
    await drawRectangle(page, 60, 40, 'leader_instruction');
  });

  it('shows the year’s duties with their due dates', async () => {
    await page.getByTestId('tab-notebook').click();
    await expect.poll(() => page.getByTestId('yearly').isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('yearly-duty').count()).toBe(4);
    const due = async (kind: string) => duty(page, kind).getByTestId('yearly-due').textContent();
    expect(await due('problem_list')).toBe(`${year}-03-31`);
    expect(await due('assessment')).toBe(`${year}-06-30`);
    expect(await due('work_summary')).toBe(`${year}-12-31`);
    expect(await due('yearly_report')).toBe(`${year}-12-31`);
    expect(await duty(page, 'problem_list').textContent()).toContain(`${year - 1}年疑似生态破坏问题清单`);
    // The two clues wait for review, due one month after today: this year or early next year.
    const thisYear = await rowSum(page, 'yearly-case-dues');
    await page.getByTestId('yearly-year').fill(String(year + 1));
    await page.getByTestId('yearly-year').dispatchEvent('change');
    await expect
      .poll(() => duty(page, 'work_summary').getByTestId('yearly-due').textContent())
      .toBe(`${year + 1}-12-31`);
    const nextYear = await rowSum(page, 'yearly-case-dues');
    expect(thisYear + nextYear).toBe(2);
    await page.getByTestId('yearly-year').fill('19');
    await page.getByTestId('yearly-year').dispatchEvent('change');
    await expect
      .poll(() => page.getByTestId('yearly').textContent())
      .toContain('年度应为 2000 至 2100 之间的整数');
    await page.getByTestId('yearly-year').fill(String(year));
    await page.getByTestId('yearly-year').dispatchEvent('change');
    await expect.poll(() => duty(page, 'yearly_report').getAttribute('data-status')).not.toBe('done');
    // Marking the summary done is kept.
    await page.getByTestId('yearly-mark-work_summary').click();
    await expect.poll(() => duty(page, 'work_summary').getAttribute('data-status')).toBe('done');
    await page.getByTestId('yearly').scrollIntoViewIfNeeded();
    await screenshot(page, 'yearly-calendar');
  });

  it('exports the yearly report with the ledger’s counts, and the calendar marks it done', async () => {
    await page.getByTestId('tab-exports').click();
    await expect.poll(() => page.getByTestId('export-yearly').isVisible()).toBe(true);
    await page.getByTestId('yearly-report-year').fill(String(year));
    const [file] = await Promise.all([
      page.waitForEvent('download', { timeout: 90_000 }),
      page.getByTestId('export-yearly-report').click(),
    ]);
    const path = join(OUT, file.suggestedFilename());
    await file.saveAs(path);
    expect(file.suggestedFilename()).toMatch(new RegExp(`${year}年生态保护红线监管工作报告\\.docx$`));
    const text = docxText(readFileSync(path));
    expect(text).toContain(`${year}年共发现疑似生态破坏问题图斑2处`);
    expect(text).toContain('经审核排除0处');
    expect(text).toMatch(/确认及待审核的生态破坏问题2处，面积\d+\.\d{4}公顷/);
    expect(text).toContain('全年销号0处');
    expect(text).toContain('重大生态破坏问题0个');
    if (existsSync('/usr/bin/soffice') && existsSync('/usr/bin/pdftoppm')) {
      execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', OUT, path], {
        timeout: 120_000,
      });
      const pdf = path.replace(/\.docx$/, '.pdf');
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '60',
        '-f',
        '1',
        '-l',
        '1',
        pdf,
        join(SCREENSHOT_DIR, 'yearly-report'),
      ]);
    }
    await page.getByTestId('tab-notebook').click();
    await expect
      .poll(() => duty(page, 'yearly_report').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('done');
  });

  it('marks a 双月 plan area, one taken from a red-line feature and one drawn on the map', async () => {
    const before = await rowSum(page, 'yearly-plan-passes');
    await page.getByTestId('plan').evaluate((d) => ((d as HTMLDetailsElement).open = true));
    await page.getByTestId('plan-name').fill('高风险区（双月）');
    await page.getByTestId('plan-frequency').selectOption('bimonthly');
    await page.getByTestId('plan-add').click();
    await expect.poll(() => page.getByTestId('plan-row').count()).toBe(1);
    const row = page.getByTestId('plan-row').first();
    expect(await row.textContent()).toContain('高风险区（双月）');
    expect(await row.locator('select').inputValue()).toBe('bimonthly');
    expect(await row.locator('select option:checked').textContent()).toBe('双月');
    // The calendar counts the area's passes in the year: its due date, then every two months.
    const dueOn = ((await row.locator('td').nth(3).textContent()) ?? '').trim();
    expect(dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    let expected = 0;
    for (let k = 0; k < 1000; k += 1) {
      const d = new Date(Date.UTC(Number(dueOn.slice(0, 4)), Number(dueOn.slice(5, 7)) - 1 + 2 * k, 1));
      if (d.getUTCFullYear() > year) break;
      if (d.getUTCFullYear() === year) expected += 1;
    }
    expect(expected).toBeGreaterThan(0);
    await expect.poll(() => rowSum(page, 'yearly-plan-passes')).toBe(before + expected);
    const layer = page.getByTestId('plan-layer');
    const options = await layer.locator('option').count();
    expect(options).toBeGreaterThan(1);
    await layer.selectOption({ index: 1 });
    await expect.poll(() => page.getByTestId('plan-feature').locator('option').count()).toBeGreaterThan(0);
    await page.getByTestId('plan-add-feature').click();
    await expect.poll(() => page.getByTestId('plan-row').count()).toBe(2);
    // Drawn on the map: two points are refused in words, the third makes the area.
    await page.getByTestId('plan-draw').click();
    await clickVertex(page, -60, -40);
    await clickVertex(page, 20, -40);
    await page.getByTestId('plan-draw-finish').click();
    await expect.poll(() => page.getByTestId('plan').textContent()).toContain('区域至少需要 3 个不同的点');
    await clickVertex(page, -20, 30);
    await page.getByTestId('plan-draw-finish').click();
    await expect.poll(() => page.getByTestId('plan-row').count()).toBe(3);
    expect(await page.getByTestId('plan').textContent()).not.toContain('区域至少需要 3 个不同的点');
    await page.getByTestId('plan').scrollIntoViewIfNeeded();
    await screenshot(page, 'yearly-plan-bimonthly');
  });
});
