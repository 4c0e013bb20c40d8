import { describe, expect, it } from 'vitest';
import { guardedSession, baseUrl, screenshot, openSampleProject, drawRectangle } from './harness.ts';

const s = guardedSession();

/** Another reviewer takes over the device (the cases tab's actor box). */
async function changeActor(name: string): Promise<void> {
  await s.page.getByTestId('actor-change').click();
  await s.page.getByTestId('actor-input').fill(name);
  await s.page.getByTestId('actor-save').click();
  await expect.poll(() => s.page.getByTestId('actor-label').textContent()).toContain(name);
}

const step = (level: string) => s.page.locator(`[data-testid="review-step"][data-level="${level}"]`);

describe('project settings and three-step review', () => {
  it('edits the project settings and refuses bad input in words', async () => {
    await openSampleProject(s.page, 200_000);
    await s.page.getByTestId('settings-open').click();
    await expect.poll(() => s.page.getByTestId('settings-panel').isVisible()).toBe(true);
    // The sample's province comes from the bundled division table.
    await expect.poll(() => s.page.getByTestId('settings-province').inputValue()).toBe('450000');
    await s.page.getByTestId('settings-reviewMode').selectOption('three_step');
    expect(await s.page.getByTestId('settings-distinctReviewers').isChecked()).toBe(true);
    await s.page.getByTestId('settings-contactName').fill('王五');
    await s.page.getByTestId('settings-contactPhone').fill('请致电');
    await s.page.getByTestId('settings-months-feedback').fill('2.5');
    await s.page.getByTestId('settings-save').click();
    await expect
      .poll(() => s.page.getByTestId('settings-error-contactPhone').textContent())
      .toContain('电话只能包含数字');
    expect(await s.page.getByTestId('settings-error-feedback').textContent()).toBe('须为整数');
    expect(await s.page.getByTestId('settings-summary').textContent()).toContain('2 处需要修改');
    await screenshot(s.page, 'settings-errors');
    await s.page.getByTestId('settings-contactPhone').fill('0779-2051234');
    await s.page.getByTestId('settings-months-feedback').fill('3');
    await s.page.getByTestId('settings-areaDecimals').selectOption('3');
    await s.page.getByTestId('settings-save').click();
    await expect.poll(() => s.page.getByTestId('settings-panel').count()).toBe(0);
  }, 300_000);

  it('keeps the settings over a reload', async () => {
    // A fresh page load reopens the last project (without ?sample, which would mount it a second time).
    await s.page.goto(baseUrl());
    await expect.poll(() => s.page.getByTestId('scene-item').count(), { timeout: 200_000 }).toBe(2);
    await s.page.getByTestId('settings-open').click();
    await expect.poll(() => s.page.getByTestId('settings-reviewMode').inputValue()).toBe('three_step');
    expect(await s.page.getByTestId('settings-contactName').inputValue()).toBe('王五');
    expect(await s.page.getByTestId('settings-contactPhone').inputValue()).toBe('0779-2051234');
    expect(await s.page.getByTestId('settings-areaDecimals').inputValue()).toBe('3');
    expect(await s.page.getByTestId('settings-distinctReviewers').isChecked()).toBe(true);
    await expect.poll(() => s.page.getByTestId('settings-province').inputValue()).toBe('450000');
    await screenshot(s.page, 'settings-after-reload');
    await s.page.getByTestId('settings-cancel').click();
    await expect.poll(() => s.page.getByTestId('settings-panel').count()).toBe(0);
  }, 300_000);

  it('draws a patch; in three-step mode it awaits 自审', async () => {
    // Draw over the imagery: zoom to the T1 scene first (a plain page load does not zoom to the sample).
    await s.page.getByTestId('scene-item').first().getByRole('button', { name: '缩放至图层' }).click();
    await s.page.waitForTimeout(1500);
    await s.page.getByTestId('tab-cases').click();
    await s.page.getByTestId('actor-input').fill('张甲');
    await s.page.getByTestId('actor-save').click();
    await expect.poll(() => s.page.getByTestId('actor-label').textContent()).toContain('张甲');
    await drawRectangle(s.page, 0, 0, 'petition');
    await s.page.getByTestId('review-toggle').click();
    await expect.poll(() => s.page.getByTestId('review-panel').isVisible()).toBe(true);
    await expect.poll(() => s.page.getByTestId('review-level').getAttribute('data-level')).toBe('self');
    expect(await s.page.getByTestId('review-level').textContent()).toBe('待自审');
    await s.page.keyboard.press('2');
    await expect.poll(() => s.page.getByTestId('review-activity').inputValue()).toBe('industry');
  }, 300_000);

  it('自审 by keyboard; the same reviewer is refused 专审 with a message', async () => {
    await s.page.keyboard.press('y');
    await expect.poll(() => step('self').getAttribute('data-state')).toBe('confirm');
    expect(await step('self').textContent()).toContain('张甲');
    // Still in the queue, now awaiting 专审.
    await expect.poll(() => s.page.getByTestId('review-level').getAttribute('data-level')).toBe('expert');
    expect(await s.page.getByTestId('review-stage').textContent()).toBe('疑似生态破坏问题图斑');

    await s.page.keyboard.press('y');
    await expect.poll(() => s.page.getByTestId('review-refusal').textContent()).toContain('张甲 已于');
    expect(await s.page.getByTestId('review-refusal').textContent()).toContain('不能再办理专审');
    await expect.poll(() => s.page.getByText('三级审核须由不同的人完成').count()).toBeGreaterThan(0);
    expect(await step('expert').getAttribute('data-state')).toBe('next');
    expect(await step('expert').textContent()).toContain('须由他人办理');
    await screenshot(s.page, 'review-three-step-refused');
  }, 300_000);

  it('专审 by 李乙, 终审 by 王丙: confirmed only after 终审, with three named review events', async () => {
    await changeActor('李乙');
    await expect.poll(() => s.page.getByTestId('review-refusal').count()).toBe(0);
    expect(await step('expert').textContent()).toContain('李乙');
    await s.page.keyboard.press('y');
    await expect.poll(() => step('expert').getAttribute('data-state')).toBe('confirm');
    await expect.poll(() => s.page.getByTestId('review-level').getAttribute('data-level')).toBe('final');
    expect(await s.page.getByTestId('review-stage').textContent()).toBe('疑似生态破坏问题图斑');

    await changeActor('王丙');
    // The final reviewer sees who decided the earlier levels, and when.
    const earlier = await s.page.getByTestId('review-step-decision').allTextContents();
    expect(earlier).toHaveLength(2);
    expect(earlier[0]).toMatch(/^确认 · 张甲 · \d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(earlier[1]).toContain('李乙');
    await screenshot(s.page, 'review-three-step-final');
    await s.page.keyboard.press('y');
    await expect.poll(() => s.page.getByTestId('review-id').count()).toBe(0);

    await s.page.getByTestId('review-toggle').click();
    await expect
      .poll(() => s.page.locator('[data-testid="case-row"][data-stage="confirmed"]').count())
      .toBe(1);
    await s.page.locator('[data-testid="case-row"][data-stage="confirmed"]').click();
    const reviewed = s.page.locator('[data-testid="history-entry"][data-type="reviewed"]');
    await expect.poll(() => reviewed.count()).toBe(3);
    const texts = await reviewed.allTextContents();
    expect(texts[0]).toContain('张甲');
    expect(texts[1]).toContain('李乙');
    expect(texts[2]).toContain('王丙');
    await reviewed.last().scrollIntoViewIfNeeded();
    await screenshot(s.page, 'review-three-step-history');
  }, 300_000);
});
