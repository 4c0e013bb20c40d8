/** Strings of the import dialog and the storage panel that are not in the shared tables (zh default, en). */
import { i18n } from './i18n.svelte.ts';
import { fillTemplate } from './format.ts';
import { plurals } from './plural.ts';

const MESSAGES = {
  'import.featureCount': { zh: '要素数', en: 'Features' },
  'storage.sep': { zh: '，', en: ', ' },
  'storage.fileOf': { zh: '{name}（{kind}）', en: '{name} ({kind})' },
  'storage.kind.scene': { zh: '影像', en: 'imagery' },
  'storage.kind.layer': { zh: '图层', en: 'layer' },
  'storage.kind.file': { zh: '附件', en: 'file' },
} as const;

export type StorageMessageKey = keyof typeof MESSAGES;

/** Translate a key of this file in the current UI language. */
export function st(key: StorageMessageKey, params?: Record<string, string | number>): string {
  return fillTemplate(plurals(MESSAGES[key][i18n.locale], params), params);
}
