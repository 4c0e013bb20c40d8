/**
 * Turns any error into one sentence in the user's language (pure; the notice helper and tests use it). Codes
 * are looked up in the central table (src/i18n/error-sentences.ts); the technical text never becomes the
 * message, it goes to the notice's details.
 */
import { DEFAULT_CATALOG, labelOf } from '../core/catalog.ts';
import type { WorkflowError } from '../core/case/workflow.ts';
import { fillTemplate } from '../i18n/format.ts';
import {
  ACTION_PREFIX,
  ACTION_REFUSED_SENTENCES,
  DETECT_SENTENCES,
  ERROR_SENTENCES,
  REFUSAL_SENTENCES,
  UNKNOWN_SENTENCE,
  WORKFLOW_SENTENCES,
  type ErrorAction,
} from '../i18n/error-sentences.ts';
import { EVENT_LABELS, FIELD_LABELS } from '../i18n/ledger-labels.ts';
import type { ActionRefusedError } from './action-refused.ts';

export type { ErrorAction } from '../i18n/error-sentences.ts';
type Locale = 'zh' | 'en';

const isNamed = (error: unknown, name: string): error is Error =>
  error instanceof Error && error.name === name;

/** The machine's refusal in words: the guard's reason when there is one, else the code's sentence. */
export function workflowSentence(error: WorkflowError, locale: Locale): string {
  const { reason, eventType, stage, field } = error.detail;
  if (reason) return REFUSAL_SENTENCES[reason][locale];
  const template = WORKFLOW_SENTENCES[error.code]?.[locale] ?? UNKNOWN_SENTENCE[locale];
  return fillTemplate(template, {
    event: eventType ? (EVENT_LABELS[eventType]?.[locale] ?? eventType) : '',
    stage: stage ? labelOf(DEFAULT_CATALOG, 'stages', stage, locale) : '',
    field: field ? (FIELD_LABELS[field]?.[locale] ?? field) : '',
  });
}

function refusedSentence(error: ActionRefusedError, locale: Locale): string {
  const cause = error.workflowError;
  if (error.code === 'workflow' && cause) return workflowSentence(cause, locale);
  return fillTemplate(
    ACTION_REFUSED_SENTENCES[error.code]?.[locale] ?? UNKNOWN_SENTENCE[locale],
    error.params,
  );
}

/** A code at the start of a message (errors from workers arrive through comlink as plain Errors). */
function codeOf(error: unknown, raw: string, name: string): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string')
    return error.code;
  if (name === 'QuotaExceededError' || /quota/i.test(raw)) return 'quota';
  return /^([a-z_]+):/.exec(raw)?.[1];
}

const HAS_CJK = /[\u3400-\u9fff]/;

/** What went wrong, without a prefix, and which prefix it takes (none for sentences that name the file). */
function wordsOf(
  error: unknown,
  file: string,
  locale: Locale,
  action?: ErrorAction,
): { text: string; prefix?: ErrorAction } {
  const raw = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : '';
  if (isNamed(error, 'ActionRefusedError') && 'code' in error)
    return { text: refusedSentence(error as ActionRefusedError, locale), prefix: action ?? 'act' };
  if (isNamed(error, 'WorkflowError') && 'code' in error)
    return { text: workflowSentence(error as WorkflowError, locale), prefix: action ?? 'act' };
  if (isNamed(error, 'DetectCancelledError') || (action === 'detect' && isNamed(error, 'AbortError')))
    return { text: DETECT_SENTENCES.detect_cancelled?.[locale] ?? '', prefix: 'detect' };
  if (isNamed(error, 'DetectInputError'))
    return { text: DETECT_SENTENCES.detect_input?.[locale] ?? '', prefix: 'detect' };
  // A refused case bundle carries its own sentence in both languages.
  if (isNamed(error, 'BundleError') && 'userMessage' in error && typeof error.userMessage === 'function')
    return {
      text: String((error.userMessage as (l: Locale) => string)(locale)),
      prefix: action ?? 'import',
    };
  const code = codeOf(error, raw, name);
  const known = code ? ERROR_SENTENCES[code] : undefined;
  if (known) {
    const reason = raw.replace(/^[a-z_]+:\s*/, '');
    const text = fillTemplate(known[locale], { file, message: reason, crs: reason, detail: reason });
    // Sentences of their own (import, imagery, storage) already say what failed.
    return { text };
  }
  // A message already written for people in this language may stand; anything else stays in the details.
  return {
    text: locale === 'zh' && HAS_CJK.test(raw) ? raw : UNKNOWN_SENTENCE[locale],
    prefix: action ?? 'import',
  };
}

/** The sentence for an error: the prefix of what the user was doing, then what went wrong. */
export function sentenceOf(error: unknown, file: string, locale: Locale, action?: ErrorAction): string {
  const { text, prefix } = wordsOf(error, file, locale, action);
  return prefix ? fillTemplate(ACTION_PREFIX[prefix][locale], { file }) + text : text;
}

/** Only what went wrong (for messages that already say what was being done, e.g. 无法添加证据：…). */
export function reasonWords(error: unknown, locale: Locale): string {
  return wordsOf(error, '', locale).text;
}
