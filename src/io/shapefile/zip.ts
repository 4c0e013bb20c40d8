/**
 * Unzip an archive (fflate) into named entries. Windows zip tools in China write entry names in GBK without
 * the UTF-8 flag; fflate then reads them as Latin-1, so such names are re-decoded (UTF-8, else GBK).
 */
import { unzipSync } from 'fflate';
import { ImportError } from '../import-error.ts';

export interface ZipEntry {
  /** Path inside the archive, decoded. */
  name: string;
  bytes: Uint8Array;
}

/** Re-decode a name fflate read as Latin-1. */
export function fixEntryName(name: string): string {
  // Only names made of Latin-1 characters with at least one high one can be mis-decoded bytes.
  const codes = Array.from(name, (c) => c.charCodeAt(0));
  if (!codes.some((c) => c >= 0x80) || codes.some((c) => c > 0xff)) return name;
  const bytes = Uint8Array.from(codes);
  for (const label of ['utf-8', 'gbk']) {
    try {
      return new TextDecoder(label, { fatal: true }).decode(bytes);
    } catch {
      // try the next encoding
    }
  }
  return name;
}

/**
 * What a vector zip may expand to, checked on the declared sizes before anything is inflated (the same idea
 * as the case-bundle limits): a layer's files are at most 1 GB together, and an entry over 1 MB may not
 * expand more than 200:1 (real shapefiles compress 3–20:1; a .dbf of zeros is ~1000:1).
 */
export const ZIP_LIMITS = {
  maxTotalBytes: 1024 ** 3,
  maxEntries: 10_000,
  maxRatio: 200,
  ratioFloorBytes: 1024 ** 2,
};

const MB = (n: number): string => `${(n / 1024 ** 2).toFixed(1)} MB`;

/** Files of a zip archive, without folders and macOS resource forks. Throws `zip_corrupt`, `zip_too_large`. */
export function unzipEntries(file: string, bytes: Uint8Array): ZipEntry[] {
  let files: Record<string, Uint8Array>;
  let total = 0;
  let entries = 0;
  const tooLarge = (entry: string, size: number): ImportError =>
    new ImportError('zip_too_large', {
      file,
      entry,
      size: MB(size),
      limit: MB(ZIP_LIMITS.maxTotalBytes),
      ratio: ZIP_LIMITS.maxRatio,
    });
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        entries += 1;
        total += f.originalSize;
        if (entries > ZIP_LIMITS.maxEntries || total > ZIP_LIMITS.maxTotalBytes)
          throw tooLarge(f.name, total);
        if (f.originalSize > ZIP_LIMITS.ratioFloorBytes && f.originalSize > f.size * ZIP_LIMITS.maxRatio)
          throw tooLarge(f.name, f.originalSize);
        return !f.name.endsWith('/') && !f.name.startsWith('__MACOSX/') && !/(^|\/)\._/.test(f.name);
      },
    });
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError('zip_corrupt', { file }, { cause: error });
  }
  return Object.entries(files).map(([name, data]) => ({ name: fixEntryName(name), bytes: data }));
}
