import { i18n } from '../i18n/i18n.svelte.ts';
import { fillTemplate } from '../i18n/format.ts';
import { APP_ERRORS } from '../i18n/app-errors.ts';
import { IMPORT_ERROR_MESSAGES, importMessage } from '../i18n/import-errors.ts';
import type { ImportErrorData } from '../io/import-error.ts';

/** What a failure means for the user (zh or en), plus the technical detail for the disclosure. */
export function describeError(error: unknown, file: string): { message: string; detail: string } {
  const raw = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : '';
  const detail = `${name ? `${name}: ` : ''}${raw}`;
  const code = errorCode(error, raw, name);
  const table = { ...APP_ERRORS, ...IMPORT_ERROR_MESSAGES };
  const template = table[code] ?? APP_ERRORS.unknown ?? { zh: '{message}', en: '{message}' };
  const reason = raw.replace(/^[a-z_]+:\s*/, '');
  return {
    message: fillTemplate(template[i18n.locale], { file, message: reason, crs: reason, detail: reason }),
    detail,
  };
}

function errorCode(error: unknown, raw: string, name: string): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  if (name === 'QuotaExceededError' || /quota/i.test(raw)) return 'quota';
  // Errors from workers arrive through comlink as plain Errors whose message starts with the code.
  const prefixed = /^([a-z_]+):/.exec(raw)?.[1];
  return prefixed ?? 'unknown';
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
