import { describe, expect, it } from 'vitest';
import { reviewKeyAction } from '../../../src/ui/cases/review-keys.ts';

const browsing = { choosingReason: false, reasons: 3 };
const choosing = { choosingReason: true, reasons: 3 };

describe('review keymap', () => {
  it('maps the review keys', () => {
    expect(reviewKeyAction('j', browsing)).toEqual({ kind: 'step', delta: 1 });
    expect(reviewKeyAction('k', browsing)).toEqual({ kind: 'step', delta: -1 });
    expect(reviewKeyAction('y', browsing)).toEqual({ kind: 'confirm' });
    expect(reviewKeyAction('n', browsing)).toEqual({ kind: 'chooseReason' });
    expect(reviewKeyAction('m', browsing)).toEqual({ kind: 'note' });
    expect(reviewKeyAction('u', browsing)).toEqual({ kind: 'undo' });
    expect(reviewKeyAction('3', browsing)).toEqual({ kind: 'activity', index: 2 });
    expect(reviewKeyAction('w', browsing)).toEqual({ kind: 'problem', index: 1 });
  });

  it('leaves other keys alone', () => {
    expect(reviewKeyAction('8', browsing)).toBeNull();
    expect(reviewKeyAction('x', browsing)).toBeNull();
    expect(reviewKeyAction('escape', browsing)).toBeNull();
  });

  it('while the reason list is open, digits choose a reason and Escape closes it', () => {
    expect(reviewKeyAction('2', choosing)).toEqual({ kind: 'reject', reasonIndex: 1 });
    expect(reviewKeyAction('4', choosing)).toEqual({ kind: 'ignore' });
    expect(reviewKeyAction('escape', choosing)).toEqual({ kind: 'closeReasons' });
    expect(reviewKeyAction('y', choosing)).toEqual({ kind: 'ignore' });
  });
});
