/**
 * The one translation function of the UI: `t(key, params)` over the whole catalog (src/i18n/catalog.ts), in
 * the language the user picked. Reading it inside a component makes the component follow language switches.
 */
import { translate, type MessageKey } from './catalog.ts';
import { i18n } from './locale.svelte.ts';
import type { EvidenceMessageKey } from './evidence-messages.ts';
import { CONFLICT_FIELDS, type ExportMessageKey } from './export-messages.ts';
import type { FlowMessageKey } from './flow-messages.ts';
import type { NotebookMessageKey } from './notebook-messages.ts';
import type { OutlineMessageKey } from './outline-messages.ts';
import type { SettingsMessageKey } from './settings-messages.ts';
import type { StorageMessageKey } from './storage-messages.ts';

export { i18n, setLocale, type Locale } from './locale.svelte.ts';
export type { MessageKey };

type Params = Record<string, string | number>;

/** Translate a UI key in the current language. */
export function t(key: MessageKey, params?: Params): string {
  return translate(i18n.locale, key, params);
}

/** Pick the label of a bilingual record such as `{ zh, en }`. */
export function pick(label: { zh: string; en: string }): string {
  return label[i18n.locale];
}

/** A conflict's field (`stage`, `handover`, `field.remark`, `due.feedback` …) as the user reads it. */
export function conflictFieldLabel(field: string): string {
  const [head = field, ...rest] = field.split('.');
  const label = CONFLICT_FIELDS[head]?.[i18n.locale] ?? head;
  return rest.length > 0 ? `${label}（${rest.join('.')}）` : label;
}

/** The current UI language (for bilingual data such as method notes). */
export function notebookLang(): 'zh' | 'en' {
  return i18n.locale;
}

// The former per-feature helpers, now `t` under a narrower key type; kept so that call sites not yet moved to
// `t` keep compiling. New code calls `t`.
export const et: (key: EvidenceMessageKey, params?: Params) => string = t;
export const xt: (key: ExportMessageKey, params?: Params) => string = t;
export const ft: (key: FlowMessageKey, params?: Params) => string = t;
export const nt: (key: NotebookMessageKey, params?: Params) => string = t;
export const ot: (key: OutlineMessageKey, params?: Params) => string = t;
export const sv: (key: SettingsMessageKey, params?: Params) => string = t;
export const st: (key: StorageMessageKey, params?: Params) => string = t;
