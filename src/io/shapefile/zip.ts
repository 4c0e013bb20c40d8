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

/** Files of a zip archive, without folders and macOS resource forks. Throws `zip_corrupt`. */
export function unzipEntries(file: string, bytes: Uint8Array): ZipEntry[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => !f.name.endsWith('/') && !f.name.startsWith('__MACOSX/') && !/(^|\/)\._/.test(f.name),
    });
  } catch (error) {
    throw new ImportError('zip_corrupt', { file }, { cause: error });
  }
  return Object.entries(files).map(([name, data]) => ({ name: fixEntryName(name), bytes: data }));
}
