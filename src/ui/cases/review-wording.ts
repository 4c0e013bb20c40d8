/** The review panel's sentences: review levels, refusals and what Y records when it accepts suggested types. */
import { labelOf, type Catalog, type Lang } from '../../core/catalog.ts';
import type { CaseFold } from '../../core/case/ledger.ts';
import type { ReviewLevel } from '../../core/model.ts';
import { typeGuesses, type ReviewRefusal } from '../../core/case/review-drafts.ts';
import { ft, sv } from '../../i18n/i18n.svelte.ts';

export const levelName = (level: ReviewLevel): string => sv(`level.${level}`);

/** A stored timestamp as the reviewer reads it: date and minutes. */
export const when = (at: string): string => at.slice(0, 16).replace('T', ' ');

export function refusalWords(refusal: ReviewRefusal, catalog: Catalog, lang: Lang): string {
  switch (refusal.code) {
    case 'same_reviewer':
      return sv('review.refused.same', {
        name: refusal.earlier.reviewer,
        date: when(refusal.earlier.at),
        earlier: levelName(refusal.earlier.level),
        level: levelName(refusal.level),
      });
    case 'mode_changed':
      return sv('review.refused.mode', { done: refusal.done.map(levelName).join('、') });
    case 'no_reviewer':
      return sv('review.refused.noReviewer');
    case 'decided':
      return sv('review.refused.decided', { stage: labelOf(catalog, 'stages', refusal.stage, lang) });
  }
}

/** What Y records when it confirms types nobody set: that they were accepted as suggested (the labels). */
export function acceptedNote(fold: CaseFold | undefined, catalog: Catalog, lang: Lang): string | undefined {
  const state = fold?.state;
  if (!fold || !state) return undefined;
  const fields = typeGuesses(fold);
  if (fields.length === 0) return undefined;
  const labels = fields.map((field) =>
    field === 'activityType'
      ? labelOf(catalog, 'activityTypes', state.patch.activityType ?? '', lang)
      : labelOf(catalog, 'problemTypes', state.patch.problemType ?? '', lang),
  );
  return ft('review.accepted', { types: labels.join('、') });
}
