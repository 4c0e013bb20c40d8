import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  guardedSession,
  baseUrl,
  expectGuardClean,
  openSampleProject,
  screenshot,
  waitForBasemap,
} from './harness.ts';
import { TOUR_STEPS } from '../../src/core/tour.ts';

const s = guardedSession();

const card = (): ReturnType<Page['getByTestId']> => s.page.getByTestId('tour-card');

/**
 * The open step's element, the highlight's frame and the window, measured in the page: the element is the one
 * the step names, laid out, inside the window, and the highlight frames it.
 */
async function measureStep(name: string): Promise<{
  visible: boolean;
  inWindow: boolean;
  framed: boolean;
}> {
  return s.page.evaluate((target) => {
    const el = document.querySelector<HTMLElement>(`[data-tour="${target}"]`);
    const ring = document.querySelector<HTMLElement>('[data-testid="tour-highlight"]');
    if (!el || !ring) return { visible: false, inWindow: false, framed: false };
    const r = el.getBoundingClientRect();
    const h = ring.getBoundingClientRect();
    const visible = r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    // Some of it shows: inside the window and every scrolling panel around it.
    let [top, left, bottom, right] = [0, 0, innerHeight, innerWidth];
    for (let up = el.parentElement; up; up = up.parentElement) {
      if (getComputedStyle(up).overflowY === 'visible') continue;
      const clip = up.getBoundingClientRect();
      [top, left] = [Math.max(top, clip.top), Math.max(left, clip.left)];
      [bottom, right] = [Math.min(bottom, clip.bottom), Math.min(right, clip.right)];
    }
    const inWindow =
      Math.min(r.bottom, bottom) - Math.max(r.top, top) > 0 &&
      Math.min(r.right, right) - Math.max(r.left, left) > 0;
    const near = (a: number, b: number): boolean => Math.abs(a - b) <= 8;
    const framed =
      near(h.left, r.left) && near(h.top, r.top) && near(h.right, r.right) && near(h.bottom, r.bottom);
    return { visible, inWindow, framed };
  }, name);
}

/** Wait until the card shows step `index` and check it points at that step's first target. */
async function expectStep(index: number): Promise<void> {
  const step = TOUR_STEPS[index];
  if (!step) throw new Error(`no step ${index}`);
  const message = `tour step ${index + 1} (${step.id})`;
  await expect.poll(() => card().getAttribute('data-step'), { message }).toBe(step.id);
  // With the sample loaded every step finds its first-choice element (fallbacks are for empty projects).
  await expect.poll(() => card().getAttribute('data-target'), { message }).toBe(step.targets[0]);
  if (step.tab)
    await expect
      .poll(() => s.page.getByTestId(`tab-${step.tab}`).getAttribute('aria-selected'), { message })
      .toBe('true');
  await expect
    .poll(() => measureStep(step.targets[0] ?? ''), { message })
    .toEqual({ visible: true, inWindow: true, framed: true });
}

describe('guided tour', () => {
  it('does not offer itself on an empty app', async () => {
    await s.page.goto(baseUrl());
    await waitForBasemap(s.page);
    await expect.poll(() => s.page.getByTestId('tour-start').isVisible()).toBe(true);
    expect(await s.page.getByTestId('tour-offer').count()).toBe(0);
    expect(await card().count()).toBe(0);
  });

  it('offers itself once the sample is loaded, without covering anything', async () => {
    await openSampleProject(s.page);
    await expect.poll(() => s.page.getByTestId('tour-offer').isVisible()).toBe(true);
    // Only an offer in the header: no card, no dimming over the map or the panels.
    expect(await card().count()).toBe(0);
    expect(await s.page.getByTestId('tour-highlight').count()).toBe(0);
    await screenshot(s.page, 'tour-offer-zh');
    // Left unanswered, it is not repeated on the next visit.
    await s.page.reload();
    await expect
      .poll(() => s.page.getByTestId('header-project').getAttribute('data-sample-ready'), { timeout: 90_000 })
      .toBe('true');
    await expect.poll(() => s.page.getByTestId('scene-item').count(), { timeout: 90_000 }).toBe(2);
    await s.page.waitForTimeout(500);
    expect(await s.page.getByTestId('tour-offer').count()).toBe(0);
  });

  it('starts from the header button and walks every step, each pointing at its element', async () => {
    await s.page.getByTestId('tour-start').click();
    for (let index = 0; index < TOUR_STEPS.length; index += 1) {
      await expectStep(index);
      await expect
        .poll(() => s.page.getByTestId('tour-progress').textContent())
        .toContain(`第 ${index + 1} 步，共 ${TOUR_STEPS.length} 步`);
      expect(await s.page.getByTestId('tour-prev').isDisabled()).toBe(index === 0);
      expect(await s.page.getByTestId('tour-title').textContent()).toMatch(/[\u4e00-\u9fff]/);
      await screenshot(s.page, `tour-zh-${index + 1}-${TOUR_STEPS[index]?.id}`);
      if (index === 2) {
        // Back one step and on again.
        await s.page.getByTestId('tour-prev').click();
        await expectStep(1);
        await s.page.getByTestId('tour-next').click();
        await expectStep(2);
      }
      const last = index === TOUR_STEPS.length - 1;
      expect(await s.page.getByTestId('tour-next').textContent()).toBe(last ? '完成' : '下一步');
      await s.page.getByTestId('tour-next').click();
    }
    await expect.poll(() => card().count()).toBe(0);
    expect(await s.page.getByTestId('tour-highlight').count()).toBe(0);
  });

  it('skips from the middle and stays quiet after a reload', async () => {
    await s.page.getByTestId('tour-start').click();
    await expectStep(0);
    await s.page.getByTestId('tour-next').click();
    await s.page.getByTestId('tour-next').click();
    await expectStep(2);
    await s.page.getByTestId('tour-skip').click();
    await expect.poll(() => card().count()).toBe(0);
    expect(await s.page.getByTestId('tour-highlight').count()).toBe(0);
    await s.page.reload();
    await expect
      .poll(() => s.page.getByTestId('header-project').getAttribute('data-sample-ready'), { timeout: 90_000 })
      .toBe('true');
    await s.page.waitForTimeout(500);
    expect(await s.page.getByTestId('tour-offer').count()).toBe(0);
    expect(await card().count()).toBe(0);
  });

  it('restarts from the first step', async () => {
    await s.page.getByTestId('tour-start').click();
    await expectStep(0);
    await s.page.getByTestId('tour-next').click();
    await expectStep(1);
    await s.page.getByTestId('tour-skip').click();
    await s.page.getByTestId('tour-start').click();
    await expectStep(0);
  });

  it('starts from its offer in a fresh profile', async () => {
    const fresh = await s.newProfile();
    const other = fresh.page;
    await openSampleProject(other);
    await other.getByTestId('tour-offer-start').click();
    await expect.poll(() => other.getByTestId('tour-card').getAttribute('data-step')).toBe(TOUR_STEPS[0]?.id);
    await expect.poll(() => other.getByTestId('tour-offer').count()).toBe(0);
    await other.getByTestId('tour-skip').click();
    await expect.poll(() => other.getByTestId('tour-card').count()).toBe(0);
    expectGuardClean(fresh.guard);
    await fresh.context.close();
  });

  it('speaks English after the language switch, step by step', async () => {
    await s.page.getByTestId('lang-switch').click();
    await expect.poll(() => s.page.getByTestId('tour-title').textContent()).toBe('Open the sample project');
    expect(await s.page.getByTestId('tour-start').textContent()).toBe('Tour');
    for (let index = 0; index < TOUR_STEPS.length; index += 1) {
      await expectStep(index);
      await expect
        .poll(() => s.page.getByTestId('tour-progress').textContent())
        .toContain(`Step ${index + 1} of ${TOUR_STEPS.length}`);
      const words = await card().innerText();
      expect(words, TOUR_STEPS[index]?.id).not.toMatch(/[\u4e00-\u9fff]/);
      if (index === 0 || index === 4)
        await screenshot(s.page, `tour-en-${index + 1}-${TOUR_STEPS[index]?.id}`);
      await s.page.getByTestId('tour-next').click();
    }
    await expect.poll(() => card().count()).toBe(0);
    await s.page.getByTestId('lang-switch').click();
    await expect.poll(() => s.page.getByTestId('tour-start').textContent()).toBe('导览');
  });
});
