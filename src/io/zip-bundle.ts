/**
 * Writing case bundles (fflate, streamed: each entry is hashed, compressed and handed to the sink before the
 * next one is read, so a large bundle never sits in memory twice), reading them from a File/Blob by slices,
 * and the annex lists and letters a bundle carries.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { sha256Hex } from '../core/bundle/digest.ts';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  MANIFEST_PATH,
  ManifestSchema,
  type Manifest,
  type ManifestEntry,
} from '../core/bundle/manifest.ts';
import {
  EVENTS_PATH,
  PROJECT_PATH,
  PROJECT_FILE_VERSION,
  eventsToJsonl,
  type ProjectFile,
} from '../core/bundle/contents.ts';
import type { ByteSource } from '../core/bundle/zip-index.ts';
import { caseStates, type Author } from '../core/case/ledger.ts';
import { buildAnnex, buildLetters3, buildLetters5, provincesOf } from '../core/case/annex.ts';
import { dueDates } from '../core/case/due-dates.ts';
import type { Catalog } from '../core/catalog.ts';
import type { CaseState, LedgerEvent, ProjectSettings } from '../core/model.ts';
import { writeAnnexXlsx } from './xlsx-annex.ts';
import { annexToCsvBytes } from './csv-annex.ts';
import { writeLetterDocx } from './docx-letters.ts';

/** One file to put in a bundle; `bytes` may be produced lazily (read from OPFS when its turn comes). */
export interface BundleFile {
  readonly path: string;
  readonly bytes: Uint8Array | (() => Promise<Uint8Array>);
  readonly mediaType?: string;
  readonly title?: string;
}
export interface BundleMeta {
  readonly appVersion: string;
  readonly created: Date;
  readonly creator: Author;
  readonly project: { readonly id: string; readonly name: string; readonly settings: ProjectSettings };
}
/** Receives the zip bytes in order; may be async (a FileSystemWritableFileStream, a Node stream…). */
export type ChunkSink = (chunk: Uint8Array) => void | Promise<void>;

const MEDIA: Readonly<Record<string, string>> = {
  json: 'application/json',
  jsonl: 'application/x-ndjson',
  geojson: 'application/geo+json',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  parquet: 'application/vnd.apache.parquet',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  tif: 'image/tiff',
  pdf: 'application/pdf',
  md: 'text/markdown',
};
/** Already compressed: stored as they are. */
const STORED = new Set(['png', 'jpg', 'jpeg', 'xlsx', 'docx', 'zip', 'parquet', 'tif', 'pdf']);
const extension = (path: string): string => /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
export const mediaTypeOf = (path: string): string => MEDIA[extension(path)] ?? 'application/octet-stream';

/**
 * Write a bundle: project.json, events.jsonl, then `files` in order, then manifest.json. Returns the manifest.
 */
export async function writeBundle(
  meta: BundleMeta,
  events: readonly LedgerEvent[],
  files: Iterable<BundleFile> | AsyncIterable<BundleFile>,
  sink: ChunkSink,
): Promise<Manifest> {
  const pending: Uint8Array[] = [];
  let failure: Error | undefined;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else pending.push(chunk);
  });
  const drain = async () => {
    if (failure) throw failure;
    while (pending.length > 0) await sink(pending.shift() as Uint8Array);
  };
  // ZIP (DOS) times cover 1980–2099 only.
  const year = meta.created.getUTCFullYear();
  const mtime = year >= 1981 && year <= 2098 ? meta.created : new Date(Date.UTC(1981, 0, 1));
  const add = async (path: string, bytes: Uint8Array) => {
    const file = STORED.has(extension(path)) ? new ZipPassThrough(path) : new ZipDeflate(path, { level: 6 });
    file.mtime = mtime;
    zip.add(file);
    file.push(bytes, true);
    await drain();
  };

  const project: ProjectFile = {
    schemaVersion: PROJECT_FILE_VERSION,
    id: meta.project.id,
    name: meta.project.name,
    settings: meta.project.settings,
  };
  const encoder = new TextEncoder();
  const entries: ManifestEntry[] = [];
  const put = async (file: BundleFile) => {
    const bytes = typeof file.bytes === 'function' ? await file.bytes() : file.bytes;
    entries.push({
      path: file.path,
      size: bytes.length,
      sha256: await sha256Hex(bytes),
      mediaType: file.mediaType ?? mediaTypeOf(file.path),
      ...(file.title ? { title: file.title } : {}),
    });
    await add(file.path, bytes);
  };
  await put({ path: PROJECT_PATH, bytes: encoder.encode(JSON.stringify(project, null, 2)) });
  await put({ path: EVENTS_PATH, bytes: encoder.encode(eventsToJsonl(events)) });
  for await (const file of files) await put(file);

  const manifest = ManifestSchema.parse({
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    appVersion: meta.appVersion,
    created: meta.created.toISOString(),
    creator: { actor: meta.creator.actor, device: meta.creator.device },
    project: { id: meta.project.id, name: meta.project.name, province: meta.project.settings.province.name },
    counts: {
      events: new Set(events.map((e) => e.id)).size,
      cases: new Set(events.map((e) => e.caseId)).size,
    },
    entries,
  });
  await add(MANIFEST_PATH, encoder.encode(JSON.stringify(manifest, null, 2)));
  zip.end();
  await drain();
  return manifest;
}

/** The whole bundle in memory (tests, small projects, the Node command). */
export async function writeBundleToBytes(
  meta: BundleMeta,
  events: readonly LedgerEvent[],
  files: Iterable<BundleFile> | AsyncIterable<BundleFile> = [],
): Promise<{ bytes: Uint8Array; manifest: Manifest }> {
  const chunks: Uint8Array[] = [];
  const manifest = await writeBundle(meta, events, files, (c) => void chunks.push(c));
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.length;
  }
  return { bytes, manifest };
}

/** Read a File/Blob by slices: the bundle is never loaded whole. */
export const blobSource = (blob: Blob): ByteSource => ({
  size: blob.size,
  read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
});

/**
 * The annex lists (XLSX + CSV of 附件1/2/4) and letters (DOCX of 附件3 per province, 附件5 per department) of
 * the log's cases, as bundle files under lists/ and letters/ (ASCII paths; the Chinese name is the title).
 */
export async function annexFiles(
  events: readonly LedgerEvent[],
  settings: ProjectSettings,
  catalog: Catalog,
  letterDate: string,
): Promise<BundleFile[]> {
  const cases = caseStates(events);
  const files: BundleFile[] = [];
  for (const [i, province] of provincesOf(cases, settings.province.name).entries()) {
    const suffix = String(i + 1).padStart(2, '0');
    for (const annex of [1, 2, 4] as const) {
      const table = buildAnnex(annex, cases, settings, catalog, { province });
      const title = `附件${annex} ${table.title}`;
      files.push({ path: `lists/annex${annex}-${suffix}.xlsx`, bytes: await writeAnnexXlsx([table]), title });
      files.push({ path: `lists/annex${annex}-${suffix}.csv`, bytes: annexToCsvBytes(table), title });
    }
  }
  const feedbackDue = (c: CaseState) => dueDates(c, settings).feedback;
  const letters3 = buildLetters3(cases, settings, catalog, { date: letterDate }, feedbackDue);
  for (const [i, letter] of letters3.entries())
    files.push({
      path: `letters/annex3-${String(i + 1).padStart(2, '0')}.docx`,
      bytes: await writeLetterDocx(letter),
      title: `附件3 ${letter.key}`,
    });
  for (const letter of buildLetters5(cases, settings, catalog, { date: letterDate }))
    files.push({
      path: `letters/annex5-${letter.key}.docx`,
      bytes: await writeLetterDocx(letter),
      title: `附件5 ${letter.addressee.replace(/：$/, '')}`,
    });
  return files;
}
