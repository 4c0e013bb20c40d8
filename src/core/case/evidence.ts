/**
 * Pure rules of case evidence (photos and documents): which files are accepted as what, how they are named in
 * the project's file store, and the photo index numbers (照片索引号) that annex 4 cites.
 *
 * Photo numbers are `<patch id>-NN` (`450512-2026-0010-01`), documents `<patch id>-DNN`; a number is never
 * given twice within a case, even after the evidence was removed or its adding undone.
 */
import type { LedgerEvent } from '../model.ts';

export type EvidenceKind = 'photo' | 'document';
/** What the user asked for: photos, documents, or decide per file (images become photos). */
export type EvidenceMode = EvidenceKind | 'auto';

/** Largest file accepted (50 MB). */
export const MAX_EVIDENCE_BYTES = 50 * 1024 * 1024;

/** File formats recognised by their first bytes, with their extension and media type. */
export type EvidenceFormat = 'png' | 'jpg' | 'pdf' | 'doc' | 'xls' | 'docx' | 'xlsx';

export const MEDIA_TYPES: Readonly<Record<EvidenceFormat, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  pdf: 'application/pdf',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Formats a photo may have (what the verification sheet and letters can embed). */
export const PHOTO_FORMATS: readonly EvidenceFormat[] = ['jpg', 'png'];
/** Formats a document may have. */
export const DOCUMENT_FORMATS: readonly EvidenceFormat[] = [
  'pdf',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'jpg',
  'png',
];

/** Number of leading bytes `classifyEvidence` needs. */
export const SNIFF_BYTES = 8;

const EXTENSIONS: Readonly<Record<string, EvidenceFormat>> = {
  png: 'png',
  jpg: 'jpg',
  jpeg: 'jpg',
  pdf: 'pdf',
  doc: 'doc',
  xls: 'xls',
  docx: 'docx',
  xlsx: 'xlsx',
};

const startsWith = (head: Uint8Array, bytes: readonly number[]): boolean =>
  bytes.every((b, i) => head[i] === b);

/** The format the file's content says it has (extension only tells OOXML word from excel, OLE doc from xls). */
export function sniffFormat(name: string, head: Uint8Array): EvidenceFormat | null {
  const ext = EXTENSIONS[extensionOf(name)];
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return ext === 'xls' || ext === 'doc' ? ext : null;
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return ext === 'docx' || ext === 'xlsx' ? ext : null;
  return null;
}

/** Lower-case extension without the dot (`''` when none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export type EvidenceRefusal =
  | { readonly code: 'empty' }
  | { readonly code: 'too_large'; readonly size: number }
  | { readonly code: 'not_photo' }
  | { readonly code: 'unsupported' }
  | { readonly code: 'mismatch'; readonly format: EvidenceFormat };

export type EvidenceCheck =
  | {
      readonly ok: true;
      readonly kind: EvidenceKind;
      readonly format: EvidenceFormat;
      readonly mediaType: string;
    }
  | { readonly ok: false; readonly refusal: EvidenceRefusal };

/**
 * Whether a file may be attached, and as what. The content decides the format (a renamed file is refused
 * when its extension claims another format), so a `.png` that is really a PDF is not shown as a photo.
 */
export function classifyEvidence(
  file: { readonly name: string; readonly size: number },
  head: Uint8Array,
  mode: EvidenceMode,
): EvidenceCheck {
  if (file.size === 0) return { ok: false, refusal: { code: 'empty' } };
  if (file.size > MAX_EVIDENCE_BYTES) return { ok: false, refusal: { code: 'too_large', size: file.size } };
  const format = sniffFormat(file.name, head);
  const claimed = EXTENSIONS[extensionOf(file.name)];
  const isImage = format !== null && PHOTO_FORMATS.includes(format);
  if (mode === 'photo' && !isImage) return { ok: false, refusal: { code: 'not_photo' } };
  if (format === null || !DOCUMENT_FORMATS.includes(format))
    return { ok: false, refusal: { code: 'unsupported' } };
  if (claimed !== undefined && claimed !== format)
    return { ok: false, refusal: { code: 'mismatch', format } };
  const kind: EvidenceKind = mode === 'auto' ? (isImage ? 'photo' : 'document') : mode;
  return { ok: true, kind, format, mediaType: MEDIA_TYPES[format] };
}

/** Name of an evidence file in the project's file store (flat, ASCII; also its bundle entry name). */
export function evidenceFileRef(evidenceId: string, format: EvidenceFormat): string {
  return `evidence-${evidenceId}.${format}`;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Highest photo and document sequence numbers ever given in this case (undone and removed ones count). */
export function usedSequences(
  patchId: string,
  events: readonly LedgerEvent[],
): { photo: number; document: number } {
  const re = new RegExp(`^${escapeRe(patchId)}-(D?)(\\d+)$`);
  let photo = 0;
  let document = 0;
  let photos = 0;
  let documents = 0;
  for (const event of events) {
    if (event.type !== 'evidence_added') continue;
    const { indexNo, kind } = event.payload.evidence;
    if (kind === 'photo') photos += 1;
    else documents += 1;
    const match = re.exec(indexNo);
    if (!match) continue;
    const n = Number(match[2]);
    if (match[1] === 'D') document = Math.max(document, n);
    else photo = Math.max(photo, n);
  }
  // Evidence numbered some other way (imported), or renumbered in the fold (`distinctIndexNo`), still uses up
  // numbers: never fewer than the evidence of that kind ever added.
  return { photo: Math.max(photo, photos), document: Math.max(document, documents) };
}

/** `450512-2026-0010-01` (photo) or `450512-2026-0010-D01` (document). */
export function formatIndexNo(patchId: string, kind: EvidenceKind, sequence: number): string {
  return `${patchId}-${kind === 'document' ? 'D' : ''}${String(sequence).padStart(2, '0')}`;
}

/** Index numbers for new evidence of the given kinds, in order, after every number already used. */
export function allocateIndexNos(
  patchId: string,
  events: readonly LedgerEvent[],
  kinds: readonly EvidenceKind[],
): string[] {
  const next = usedSequences(patchId, events);
  return kinds.map((kind) => {
    next[kind] += 1;
    return formatIndexNo(patchId, kind, next[kind]);
  });
}

/**
 * The number evidence keeps in its case: its own, unless other evidence of the case already has it. That happens
 * when two devices attach evidence to the same case offline and a bundle brings their events together: the later
 * one in the fold's causal order takes the next free number of its kind, the same on every device.
 */
export function distinctIndexNo(indexNo: string, kind: EvidenceKind, given: readonly string[]): string {
  if (!given.includes(indexNo)) return indexNo;
  const pattern = /^(.*)-(D?)(\d+)$/;
  const prefix = pattern.exec(indexNo)?.[1] ?? indexNo;
  let sequence = 0;
  for (const number of given) {
    const match = pattern.exec(number);
    if (match && match[1] === prefix && (match[2] === 'D') === (kind === 'document'))
      sequence = Math.max(sequence, Number(match[3]));
  }
  const used = new Set(given);
  let candidate = formatIndexNo(prefix, kind, ++sequence);
  while (used.has(candidate)) candidate = formatIndexNo(prefix, kind, ++sequence);
  return candidate;
}

/** Sort key: photos first, then documents, each by number. */
export function compareIndexNo(a: string, b: string): number {
  const key = (s: string): [number, number] => {
    const m = /-(D?)(\d+)$/.exec(s);
    return m ? [m[1] === 'D' ? 1 : 0, Number(m[2])] : [2, 0];
  };
  const [ka, na] = key(a);
  const [kb, nb] = key(b);
  return ka - kb || na - nb || a.localeCompare(b);
}
