import { describe, expect, it } from 'vitest';
import {
  CLOSED,
  TOUR_STEPS,
  isDone,
  isLast,
  next,
  previous,
  resolveTarget,
  shouldOffer,
  start,
  type TourPosition,
} from '../../../src/core/tour.ts';
import { TOUR_MESSAGES, stepKeys } from '../../../src/i18n/tour-messages.ts';
import { translate } from '../../../src/i18n/catalog.ts';

describe('tour steps', () => {
  it('has 6–10 steps with unique ids, covering load, swipe, detect, review, ledger, export and notebook', () => {
    expect(TOUR_STEPS.length).toBeGreaterThanOrEqual(6);
    expect(TOUR_STEPS.length).toBeLessThanOrEqual(10);
    const ids = TOUR_STEPS.map((step) => step.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['sample', 'compare', 'detect', 'review', 'ledger', 'exports', 'notebook'])
      expect(ids).toContain(id);
    // The workflow order: load before detect, detect before review, review before the ledger.
    const at = (id: string): number => ids.indexOf(id);
    expect(at('sample')).toBeLessThan(at('detect'));
    expect(at('detect')).toBeLessThan(at('review'));
    expect(at('review')).toBeLessThan(at('ledger'));
    for (const step of TOUR_STEPS) expect(step.targets.length, step.id).toBeGreaterThan(0);
  });

  it('has a title and a text in Chinese and English for every step', () => {
    for (const step of TOUR_STEPS) {
      const keys = stepKeys(step.id);
      for (const key of [keys.title, keys.text]) {
        expect(TOUR_MESSAGES.zh[key], key).toBeDefined();
        expect(TOUR_MESSAGES.en[key], key).toBeDefined();
        expect(translate('zh', key), key).toMatch(/[\u4e00-\u9fff]/);
        expect(translate('en', key), key).toMatch(/^[^\u4e00-\u9fff]+$/);
      }
    }
  });

  it('fills the progress line in both languages', () => {
    expect(translate('zh', 'tour.progress', { i: 2, n: 9 })).toBe('第 2 步，共 9 步');
    expect(translate('en', 'tour.progress', { i: 2, n: 9 })).toBe('Step 2 of 9');
  });
});

describe('tour position', () => {
  it('walks forward to the end and closes after the last step', () => {
    let position: TourPosition = start();
    const seen: number[] = [];
    while (position.open) {
      seen.push(position.index);
      position = next(position);
    }
    expect(seen).toEqual(TOUR_STEPS.map((_, i) => i));
    expect(position).toEqual(CLOSED);
  });

  it('goes back one step and stays on the first', () => {
    expect(previous({ open: true, index: 3 })).toEqual({ open: true, index: 2 });
    expect(previous(start())).toEqual(start());
    expect(previous(CLOSED)).toEqual(CLOSED);
    expect(next(CLOSED)).toEqual(CLOSED);
  });

  it('knows the last step', () => {
    expect(isLast({ open: true, index: TOUR_STEPS.length - 1 })).toBe(true);
    expect(isLast(start())).toBe(false);
    expect(isLast(CLOSED)).toBe(false);
    const two = TOUR_STEPS.slice(0, 2);
    expect(isLast({ open: true, index: 1 }, two)).toBe(true);
    expect(next({ open: true, index: 1 }, two)).toEqual(CLOSED);
  });
});

describe('tour targets and offer', () => {
  it('points at the first target on screen, or at nothing', () => {
    const step = { id: 'x', targets: ['compare', 'imagery'] };
    expect(resolveTarget(step, (name) => name === 'compare' || name === 'imagery')).toBe('compare');
    expect(resolveTarget(step, (name) => name === 'imagery')).toBe('imagery');
    expect(resolveTarget(step, () => false)).toBeNull();
  });

  it('offers itself only with the loaded sample, on one visit per device, and not while running', () => {
    const first = { done: false, offeredEarlier: false, sampleReady: true, open: false };
    expect(shouldOffer(first)).toBe(true);
    expect(shouldOffer({ ...first, done: true })).toBe(false);
    expect(shouldOffer({ ...first, offeredEarlier: true })).toBe(false);
    expect(shouldOffer({ ...first, sampleReady: false })).toBe(false);
    expect(shouldOffer({ ...first, open: true })).toBe(false);
  });

  it('reads the remembered flag strictly', () => {
    expect(isDone('1')).toBe(true);
    for (const stored of [null, undefined, '', '0', 'true']) expect(isDone(stored)).toBe(false);
  });
});
