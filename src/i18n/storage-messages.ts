/** Strings of the import dialog and the storage panel that are not in the shared tables (zh default, en). */

/** Read through `t(key)` of i18n.svelte.ts. */
export const STORAGE_MESSAGES = {
  'import.featureCount': { zh: '要素数', en: 'Features' },
  'storage.sep': { zh: '，', en: ', ' },
  'storage.fileOf': { zh: '{name}（{kind}）', en: '{name} ({kind})' },
  'storage.kind.scene': { zh: '影像', en: 'imagery' },
  'storage.kind.layer': { zh: '图层', en: 'layer' },
  'storage.kind.file': { zh: '附件', en: 'file' },
} as const;

export type StorageMessageKey = keyof typeof STORAGE_MESSAGES;
