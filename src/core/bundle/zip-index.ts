/**
 * A careful ZIP reader for case bundles: it reads the central directory first, refuses what it does not
 * support (encryption, ZIP64, methods other than store/deflate) and anything over the size limits BEFORE
 * inflating, then inflates one entry at a time with a hard cap at its declared size, checking that the
 * local header, the data descriptor and the CRC-32 all agree with the central directory.
 */
import { Inflate } from 'fflate';
import { crc32 } from './digest.ts';
import { BundleError, type BundleLimits } from './manifest.ts';

/** Random-access bytes: a Uint8Array, or a File/Blob read by slices (see io/zip-bundle.ts). */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export const bytesSource = (bytes: Uint8Array): ByteSource => ({
  size: bytes.length,
  read: async (offset, length) => bytes.subarray(offset, offset + length),
});

/** One file of the central directory. */
export interface ZipEntryInfo {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
  readonly dosTime: number;
  readonly dosDate: number;
  readonly versionNeeded: number;
}
export interface ZipIndex {
  readonly entries: readonly ZipEntryInfo[];
  /** Where the central directory starts: entry data must end before it. */
  readonly centralOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const ZIP64_LOCATOR = 0x07064b50;
const CHUNK = 1 << 20;

const corrupt = (detail: string) => new BundleError('corrupt_zip', detail);
const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** Read and check the central directory; nothing is inflated. */
export async function readZipIndex(source: ByteSource, limits: BundleLimits): Promise<ZipIndex> {
  if (source.size < 22) throw new BundleError('not_zip', `${source.size} bytes`);
  const tailLength = Math.min(source.size, 22 + 0xffff);
  const tailStart = source.size - tailLength;
  const tail = await source.read(tailStart, tailLength);
  const t = view(tail);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i -= 1)
    if (t.getUint32(i, true) === EOCD && i + 22 + t.getUint16(i + 20, true) === tail.length) {
      at = i;
      break;
    }
  if (at < 0) throw new BundleError('not_zip', 'no end-of-central-directory record');
  if (at >= 20 && t.getUint32(at - 20, true) === ZIP64_LOCATOR)
    throw new BundleError('unsupported_zip', 'ZIP64');
  const count = t.getUint16(at + 10, true);
  const cdSize = t.getUint32(at + 12, true);
  const cdOffset = t.getUint32(at + 16, true);
  if (
    t.getUint16(at + 4, true) !== 0 ||
    t.getUint16(at + 6, true) !== 0 ||
    t.getUint16(at + 8, true) !== count
  )
    throw new BundleError('unsupported_zip', 'multi-disk archive');
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff)
    throw new BundleError('unsupported_zip', 'ZIP64');
  if (count > limits.maxEntries) throw new BundleError('too_many_entries', `${count} > ${limits.maxEntries}`);
  if (cdOffset + cdSize !== tailStart + at) throw corrupt('central directory does not end at its end record');

  const cd = await source.read(cdOffset, cdSize);
  const d = view(cd);
  const entries: ZipEntryInfo[] = [];
  const names = new Set<string>();
  let total = 0;
  let p = 0;
  for (let i = 0; i < count; i += 1) {
    if (p + 46 > cd.length || d.getUint32(p, true) !== CENTRAL) throw corrupt(`central entry ${i}`);
    const nameLength = d.getUint16(p + 28, true);
    const extraLength = d.getUint16(p + 30, true);
    const commentLength = d.getUint16(p + 32, true);
    if (p + 46 + nameLength > cd.length) throw corrupt(`central entry ${i} name`);
    const name = new TextDecoder('utf-8', { fatal: false }).decode(cd.subarray(p + 46, p + 46 + nameLength));
    const entry: ZipEntryInfo = {
      name,
      versionNeeded: d.getUint16(p + 6, true),
      flags: d.getUint16(p + 8, true),
      method: d.getUint16(p + 10, true),
      dosTime: d.getUint16(p + 12, true),
      dosDate: d.getUint16(p + 14, true),
      crc: d.getUint32(p + 16, true),
      compressedSize: d.getUint32(p + 20, true),
      size: d.getUint32(p + 24, true),
      localOffset: d.getUint32(p + 42, true),
    };
    if (d.getUint16(p + 34, true) !== 0) throw new BundleError('unsupported_zip', `${name}: multi-disk`);
    p += 46 + nameLength + extraLength + commentLength;
    if (entry.flags & 0x41) throw new BundleError('unsupported_zip', `${name}: encrypted`);
    if (entry.method !== 0 && entry.method !== 8)
      throw new BundleError('unsupported_zip', `${name}: method ${entry.method}`);
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff)
      throw new BundleError('unsupported_zip', `${name}: ZIP64`);
    if (names.has(name)) throw corrupt(`duplicate entry ${name}`);
    names.add(name);
    if (entry.method === 0 && entry.compressedSize !== entry.size)
      throw corrupt(`${name}: stored sizes differ`);
    if (entry.localOffset + 30 + entry.compressedSize > cdOffset)
      throw corrupt(`${name}: data overlaps the directory`);
    if (entry.size > limits.maxEntryBytes)
      throw new BundleError('too_large', `${name}: ${entry.size} bytes declared`);
    total += entry.size;
    if (total > limits.maxTotalBytes) throw new BundleError('too_large', `${total} bytes declared in total`);
    if (
      entry.size > limits.ratioFloorBytes &&
      entry.size / Math.max(1, entry.compressedSize) > limits.maxRatio
    )
      throw new BundleError('ratio', `${name}: ${entry.size} / ${entry.compressedSize}`);
    entries.push(entry);
  }
  if (p !== cd.length) throw corrupt('trailing bytes in the central directory');
  return { entries, centralOffset: cdOffset };
}

/** Check the local header (and data descriptor) against the central entry; return where the data starts. */
async function dataOffset(source: ByteSource, e: ZipEntryInfo, index: ZipIndex): Promise<number> {
  const h = view(await source.read(e.localOffset, 30));
  if (h.byteLength < 30 || h.getUint32(0, true) !== LOCAL) throw corrupt(`${e.name}: local header`);
  const nameLength = h.getUint16(26, true);
  const extraLength = h.getUint16(28, true);
  const name = new TextDecoder().decode(await source.read(e.localOffset + 30, nameLength));
  const start = e.localOffset + 30 + nameLength + extraLength;
  const same =
    name === e.name &&
    h.getUint16(4, true) === e.versionNeeded &&
    h.getUint16(6, true) === e.flags &&
    h.getUint16(8, true) === e.method &&
    h.getUint16(10, true) === e.dosTime &&
    h.getUint16(12, true) === e.dosDate;
  if (!same) throw corrupt(`${e.name}: local header differs from the directory`);
  if (start + e.compressedSize > index.centralOffset) throw corrupt(`${e.name}: data overlaps the directory`);
  if (e.flags & 8) {
    // With a data descriptor the local fields are zero (or, from some writers, the real values).
    const local = [h.getUint32(14, true), h.getUint32(18, true), h.getUint32(22, true)];
    const real = [e.crc, e.compressedSize, e.size];
    if (
      !local.every((v, i) => v === 0 || v === real[i]) ||
      (local.some((v) => v === 0) && local.some((v, i) => v !== 0 && v === real[i]))
    )
      throw corrupt(`${e.name}: local sizes differ from the directory`);
    const tail = view(await source.read(start + e.compressedSize, 16));
    const o = tail.byteLength >= 16 && tail.getUint32(0, true) === DESCRIPTOR ? 4 : 0;
    if (tail.byteLength < o + 12) throw corrupt(`${e.name}: data descriptor`);
    if (
      tail.getUint32(o, true) !== e.crc ||
      tail.getUint32(o + 4, true) !== e.compressedSize ||
      tail.getUint32(o + 8, true) !== e.size
    )
      throw corrupt(`${e.name}: data descriptor differs from the directory`);
  } else if (
    h.getUint32(14, true) !== e.crc ||
    h.getUint32(18, true) !== e.compressedSize ||
    h.getUint32(22, true) !== e.size
  ) {
    throw corrupt(`${e.name}: local sizes differ from the directory`);
  }
  return start;
}

/**
 * Inflate one entry, never producing more than its declared size (a lying header cannot expand further),
 * and check its CRC-32.
 */
export async function readZipEntry(
  source: ByteSource,
  e: ZipEntryInfo,
  index: ZipIndex,
): Promise<Uint8Array> {
  const start = await dataOffset(source, e, index);
  const out = new Uint8Array(e.size);
  let written = 0;
  const accept = (chunk: Uint8Array) => {
    if (written + chunk.length > e.size)
      throw new BundleError('size_mismatch', `${e.name}: expands beyond ${e.size} bytes`);
    out.set(chunk, written);
    written += chunk.length;
  };
  const inflater = e.method === 8 ? new Inflate((chunk) => accept(chunk)) : undefined;
  for (
    let offset = 0;
    offset < e.compressedSize || (offset === 0 && e.compressedSize === 0);
    offset += CHUNK
  ) {
    const length = Math.min(CHUNK, e.compressedSize - offset);
    const chunk = await source.read(start + offset, length);
    if (chunk.length !== length) throw corrupt(`${e.name}: truncated`);
    const final = offset + length >= e.compressedSize;
    try {
      if (inflater) inflater.push(chunk, final);
      else accept(chunk);
    } catch (error) {
      if (error instanceof BundleError) throw error;
      throw new BundleError('corrupt_zip', `${e.name}: ${String(error)}`, { cause: error });
    }
    if (final) break;
  }
  if (written !== e.size) throw new BundleError('size_mismatch', `${e.name}: ${written} of ${e.size} bytes`);
  if (crc32(out) !== e.crc) throw corrupt(`${e.name}: CRC-32 mismatch`);
  return out;
}
