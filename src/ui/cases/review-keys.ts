/** The review keyboard: which key does what, as data, so the panel only carries the action out. */

/** Problem types are chosen with Q W E R (activity types with 1–7). */
export const PROBLEM_KEYS = ['q', 'w', 'e', 'r'];

export type ReviewKeyAction =
  | { readonly kind: 'step'; readonly delta: 1 | -1 }
  | { readonly kind: 'confirm' }
  | { readonly kind: 'chooseReason' }
  | { readonly kind: 'closeReasons' }
  | { readonly kind: 'reject'; readonly reasonIndex: number }
  | { readonly kind: 'note' }
  | { readonly kind: 'undo' }
  | { readonly kind: 'activity'; readonly index: number }
  | { readonly kind: 'problem'; readonly index: number }
  /** A key of the reason list that chooses nothing: swallowed, so it does not act on the case behind the list. */
  | { readonly kind: 'ignore' };

export interface ReviewKeyContext {
  /** The N reason list is open: digits choose a reason, Escape closes it. */
  choosingReason: boolean;
  reasons: number;
}

/** The action of a lower-cased key, or null when the key is not the review's. */
export function reviewKeyAction(key: string, context: ReviewKeyContext): ReviewKeyAction | null {
  if (context.choosingReason) {
    const index = Number(key) - 1;
    if (key === 'escape') return { kind: 'closeReasons' };
    if (index >= 0 && index < context.reasons) return { kind: 'reject', reasonIndex: index };
    return { kind: 'ignore' };
  }
  if (key === 'j') return { kind: 'step', delta: 1 };
  if (key === 'k') return { kind: 'step', delta: -1 };
  if (key === 'y') return { kind: 'confirm' };
  if (key === 'n') return { kind: 'chooseReason' };
  if (key === 'm') return { kind: 'note' };
  if (key === 'u') return { kind: 'undo' };
  if (/^[1-7]$/.test(key)) return { kind: 'activity', index: Number(key) - 1 };
  if (PROBLEM_KEYS.includes(key)) return { kind: 'problem', index: PROBLEM_KEYS.indexOf(key) };
  return null;
}
