/**
 * Open a bundle: check the ZIP structure and limits, read and validate the manifest, then inflate and hash
 * every entry. Only a bundle that passes all of it is returned, so nothing can touch the ledger before every
 * hash has been verified.
 */
import { sha256Hex } from './digest.ts';
import {
  BundleError,
  checkManifest,
  DEFAULT_LIMITS,
  ENTRY_PATH_RE,
  MANIFEST_PATH,
  type BundleLimits,
  type Manifest,
  type ManifestEntry,
} from './manifest.ts';
import {
  readZipEntry,
  readZipIndex,
  type ByteSource,
  type ZipEntryInfo,
  type ZipIndex,
} from './zip-index.ts';

/** A bundle whose manifest and every entry were verified. `read` re-checks the hash of what it returns. */
export interface VerifiedBundle {
  readonly manifest: Manifest;
  readonly entries: readonly ManifestEntry[];
  read(path: string): Promise<Uint8Array>;
  readText(path: string): Promise<string>;
}

/** Progress of verification, for a progress bar: entries done of total. */
export type VerifyProgress = (done: number, total: number, path: string) => void;

async function checkedRead(
  source: ByteSource,
  index: ZipIndex,
  info: ZipEntryInfo,
  entry: ManifestEntry,
): Promise<Uint8Array> {
  const bytes = await readZipEntry(source, info, index);
  if (bytes.length !== entry.size)
    throw new BundleError('size_mismatch', `${entry.path}: ${bytes.length} ≠ ${entry.size}`);
  const hash = await sha256Hex(bytes);
  if (hash !== entry.sha256) throw new BundleError('hash_mismatch', `${entry.path}: sha256 ${hash}`);
  return bytes;
}

/** Verify everything; throws BundleError with the first problem found. */
export async function openBundle(
  source: ByteSource,
  limits: BundleLimits = DEFAULT_LIMITS,
  onProgress?: VerifyProgress,
): Promise<VerifiedBundle> {
  const index = await readZipIndex(source, limits);
  const byName = new Map(index.entries.map((e) => [e.name, e]));
  for (const e of index.entries)
    if (!ENTRY_PATH_RE.test(e.name) || e.name.endsWith('/'))
      throw new BundleError('bad_path', JSON.stringify(e.name));

  const manifestInfo = byName.get(MANIFEST_PATH);
  if (!manifestInfo) throw new BundleError('no_manifest', `${index.entries.length} entries`);
  if (manifestInfo.size > limits.maxManifestBytes)
    throw new BundleError('too_large', `manifest ${manifestInfo.size} bytes`);
  let raw: unknown;
  try {
    raw = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(await readZipEntry(source, manifestInfo, index)),
    );
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError('bad_manifest', String(error), { cause: error });
  }
  const manifest = checkManifest(raw);

  const listed = new Map(manifest.entries.map((e) => [e.path, e]));
  for (const entry of manifest.entries) {
    const info = byName.get(entry.path);
    if (!info) throw new BundleError('missing_entry', entry.path);
    if (info.size !== entry.size)
      throw new BundleError('size_mismatch', `${entry.path}: zip ${info.size}, manifest ${entry.size}`);
  }
  for (const e of index.entries)
    if (e.name !== MANIFEST_PATH && !listed.has(e.name)) throw new BundleError('unexpected_entry', e.name);

  let done = 0;
  for (const entry of manifest.entries) {
    await checkedRead(source, index, byName.get(entry.path) as ZipEntryInfo, entry);
    onProgress?.((done += 1), manifest.entries.length, entry.path);
  }

  const read = async (path: string): Promise<Uint8Array> => {
    const entry = listed.get(path);
    const info = byName.get(path);
    if (!entry || !info) throw new BundleError('missing_entry', path);
    return checkedRead(source, index, info, entry);
  };
  return {
    manifest,
    entries: manifest.entries,
    read,
    readText: async (path) => new TextDecoder('utf-8', { fatal: true }).decode(await read(path)),
  };
}

/** The manifest and the ZIP directory without verifying entry hashes (for `bundle inspect`). */
export async function inspectBundle(
  source: ByteSource,
  limits: BundleLimits = DEFAULT_LIMITS,
): Promise<{ manifest: Manifest; zip: readonly ZipEntryInfo[] }> {
  const index = await readZipIndex(source, limits);
  const info = index.entries.find((e) => e.name === MANIFEST_PATH);
  if (!info) throw new BundleError('no_manifest', `${index.entries.length} entries`);
  if (info.size > limits.maxManifestBytes) throw new BundleError('too_large', `manifest ${info.size} bytes`);
  let raw: unknown;
  try {
    raw = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(await readZipEntry(source, info, index)),
    );
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError('bad_manifest', String(error), { cause: error });
  }
  return { manifest: checkManifest(raw), zip: index.entries };
}
