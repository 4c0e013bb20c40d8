/** Strings of the offline-app UI (update prompt), zh first. Kept apart from messages-*.ts, which others edit. */
export const PWA_MESSAGES = {
  'pwa.waiting': { zh: '新版本可用', en: 'A new version is available' },
  'pwa.activated': {
    zh: '新版本已在其他窗口启用，请刷新本页',
    en: 'A new version was started in another tab; reload this one',
  },
  'pwa.reload': { zh: '刷新', en: 'Reload' },
  'pwa.later': { zh: '稍后', en: 'Later' },
  'pwa.saved': {
    zh: '已保存的数据不受影响。',
    en: 'Saved data is not affected.',
  },
} as const;

export type PwaMessageKey = keyof typeof PWA_MESSAGES;

/** The message of a key in a locale. */
export function pwaMessage(key: PwaMessageKey, locale: 'zh' | 'en'): string {
  return PWA_MESSAGES[key][locale];
}
