import { zh, type MessageKey } from './messages-zh.ts';
import { en } from './messages-en.ts';
import { fillTemplate } from './format.ts';

export type Locale = 'zh' | 'en';
export type { MessageKey };

const tables: Record<Locale, Record<MessageKey, string>> = { zh, en };
const STORAGE_KEY = 'redline.locale';

function initialLocale(): Locale {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** The UI language; Chinese first. Reading it inside a component makes the component follow switches. */
export const i18n = $state<{ locale: Locale }>({ locale: initialLocale() });

export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or storage disabled: the switch still works for this page.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
}

/** Translate a UI key. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return fillTemplate(tables[i18n.locale][key], params);
}

/** Pick the label of a bilingual record such as `{ zh, en }`. */
export function pick(label: { zh: string; en: string }): string {
  return label[i18n.locale];
}
