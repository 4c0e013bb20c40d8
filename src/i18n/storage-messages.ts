/** Strings of the import dialog and the storage panel that are not in the shared tables (zh default, en). */

/** Read through `t(key)` of i18n.svelte.ts. */
export const STORAGE_MESSAGES = {
  'import.featureCount': { zh: '要素数', en: 'Features' },
  'storage.sep': { zh: '，', en: ', ' },
  'storage.fileOf': { zh: '{name}（{kind}）', en: '{name} ({kind})' },
  'storage.kind.scene': { zh: '影像', en: 'imagery' },
  'storage.kind.layer': { zh: '图层', en: 'layer' },
  'storage.kind.file': { zh: '附件', en: 'file' },
  'storage.copiedScenes': {
    zh: '复制到浏览器的影像：{names}',
    en: 'Imagery copied into the browser: {names}',
  },
  'storage.inPlace': {
    zh: '原位读取的影像（读自原文件，不计入已用空间）：{names}',
    en: 'Imagery read in place (from the original files, not counted as used space): {names}',
  },
  'storage.sceneOf': { zh: '{name}（{size}）', en: '{name} ({size})' },
} as const;

export type StorageMessageKey = keyof typeof STORAGE_MESSAGES;
