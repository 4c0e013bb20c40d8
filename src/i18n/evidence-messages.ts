/**
 * Strings of the case evidence section (photos and documents), zh default and en, kept beside the shared
 * tables. They are read through `t(key)` of i18n.svelte.ts.
 */

const zh = {
  'ev.title': '证据材料（照片、文件）',
  'ev.none': '尚无照片或文件。',
  'ev.add': '添加照片或文件',
  'ev.mode': '作为',
  'ev.mode.auto': '自动（图片为照片）',
  'ev.mode.photo': '照片',
  'ev.mode.document': '文件',
  'ev.caption': '说明（可选）',
  'ev.hint': '照片：JPG、PNG；文件：PDF、DOC、DOCX、XLS、XLSX、JPG、PNG；每个不超过 {mb} MB。',
  'ev.busy': '正在保存…',
  'ev.added': '已添加 {n} 个附件',
  'ev.photo': '照片',
  'ev.document': '文件',
  'ev.indexNo': '照片索引号',
  'ev.docNo': '文件编号',
  'ev.open': '打开',
  'ev.missing': '本机无此文件',
  'ev.remove': '移除',
  'ev.removeNote': '移除原因（可选）',
  'ev.removeGo': '移除…',
  'ev.removeConfirm':
    '移除{kind}「{indexNo}」（{name}）？移除记为一条历史事件，文件和历史都保留，可撤销；索引号不再重复使用。',
  'ev.removed': '已移除 {n} 个（见历史记录）',
  'ev.failed': '附件未保存（没有留下任何文件）：{reason}',
  'ev.removeFailed': '无法移除：{reason}',
  'ev.refused.empty': '「{name}」是空文件，未添加。',
  'ev.refused.too_large': '「{name}」有 {size} MB，超过 {mb} MB 的上限，未添加。',
  'ev.refused.not_photo':
    '「{name}」不是 JPG 或 PNG 图片，不能作为照片添加（可改为“文件”添加 PDF、Word、Excel）。',
  'ev.refused.unsupported': '「{name}」不是支持的格式（PDF、DOC、DOCX、XLS、XLSX、JPG、PNG），未添加。',
  'ev.refused.mismatch': '「{name}」的内容是 {format}，与扩展名不符，未添加。',
  'ev.renumbered': '原编号 {from} 与另一台设备上的证据重复，已顺延',
  'ev.history.added': '{indexNo} {name}',
  'ev.history.removed': '{indexNo}',
};

export type EvidenceMessageKey = keyof typeof zh;

const en: Record<EvidenceMessageKey, string> = {
  'ev.title': 'Evidence (photos, documents)',
  'ev.none': 'No photos or documents yet.',
  'ev.add': 'Add photos or documents',
  'ev.mode': 'As',
  'ev.mode.auto': 'Automatic (images are photos)',
  'ev.mode.photo': 'Photos',
  'ev.mode.document': 'Documents',
  'ev.caption': 'Caption (optional)',
  'ev.hint': 'Photos: JPG, PNG; documents: PDF, DOC, DOCX, XLS, XLSX, JPG, PNG; at most {mb} MB each.',
  'ev.busy': 'Saving…',
  'ev.added': '{n} attachment(s) added',
  'ev.photo': 'photo',
  'ev.document': 'document',
  'ev.indexNo': 'Photo index no.',
  'ev.docNo': 'Document no.',
  'ev.open': 'Open',
  'ev.missing': 'File not in this browser',
  'ev.remove': 'Remove',
  'ev.removeNote': 'Reason for removal (optional)',
  'ev.removeGo': 'Remove…',
  'ev.removeConfirm':
    'Remove {kind} “{indexNo}” ({name})? The removal is recorded as an event; the file and the history are kept and it can be undone. The index number is never reused.',
  'ev.removed': '{n} removed (see history)',
  'ev.failed': 'Attachments not saved (no file was left behind): {reason}',
  'ev.removeFailed': 'Could not remove: {reason}',
  'ev.refused.empty': '“{name}” is empty and was not added.',
  'ev.refused.too_large': '“{name}” is {size} MB, over the {mb} MB limit, and was not added.',
  'ev.refused.not_photo':
    '“{name}” is not a JPG or PNG image and cannot be added as a photo (add PDF, Word or Excel files as documents).',
  'ev.refused.unsupported':
    '“{name}” is not a supported format (PDF, DOC, DOCX, XLS, XLSX, JPG, PNG) and was not added.',
  'ev.refused.mismatch': '“{name}” contains {format} data, which does not match its extension; not added.',
  'ev.renumbered': 'numbered {from} on another device too; moved to the next free number',
  'ev.history.added': '{indexNo} {name}',
  'ev.history.removed': '{indexNo}',
};

/** This feature's part of the catalog that `t` reads (src/i18n/catalog.ts). */
export const EVIDENCE_MESSAGES: Record<'zh' | 'en', Record<EvidenceMessageKey, string>> = { zh, en };
