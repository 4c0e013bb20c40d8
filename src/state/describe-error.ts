import { i18n, type Locale } from '../i18n/i18n.svelte.ts';
import { fillTemplate } from '../i18n/format.ts';
import { importMessage } from '../i18n/import-errors.ts';
import type { ImportErrorData } from '../io/import-error.ts';
import { sentenceOf, type ErrorAction } from './error-words.ts';

export type { ErrorAction } from './error-words.ts';

/**
 * What a failure means for the user (zh or en), plus the technical detail for the disclosure. `action` names
 * what the user was doing (导入/检测/办理/导出/保存…) and becomes the notice's prefix; without it, it is
 * inferred from the error (a refused ledger action, a detection error) and otherwise taken as an import.
 */
export function describeError(
  error: unknown,
  file: string,
  action?: ErrorAction,
  locale: Locale = i18n.locale,
): { message: string; detail: string } {
  const raw = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : '';
  const detail = `${name ? `${name}: ` : ''}${raw}`;
  return { message: fillTemplate(sentenceOf(error, file, locale, action), { file }), detail };
}

/** The message of a reader failure that crossed the worker boundary as data. */
export function describeImportFailure(
  error: ImportErrorData,
  files: readonly string[],
): { message: string; detail: string } {
  const detail = { file: files.join(', '), ...error.detail };
  return {
    message: importMessage(error.code, detail, i18n.locale),
    detail: `${error.code}: ${error.technical}`,
  };
}
