/**
 * Scenes read in place: the project keeps a file handle, not a copy, and reads the file through it each time.
 * After a restart the browser may want the user's permission again, and the file may have moved, been deleted
 * or replaced. This module decides the scene's state from what the handle answers, and whether a file picked
 * again is the same file (size and a fingerprint of its first bytes).
 */

/** What a stored handle's scene is: readable, or why not. */
export type AccessState = 'granted' | 'prompt' | 'denied' | 'missing' | 'changed';

/** Bytes of the file's start that the fingerprint covers (a GeoTIFF's header and first directory). */
export const FINGERPRINT_BYTES = 64 * 1024;

/** What is checked on a re-pick or a restart: size and the fingerprint of the first bytes. */
export interface FileIdentity {
  size: number;
  fingerprint: string;
}

/** FNV-1a (32 bit) of the bytes, as 8 hex digits, with the size: cheap, and enough to tell files apart. */
export function fingerprintOf(size: number, head: Uint8Array): string {
  let hash = 0x811c9dc5;
  const end = Math.min(head.length, FINGERPRINT_BYTES);
  for (let i = 0; i < end; i += 1) {
    hash ^= head[i]!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${size}:${hash.toString(16).padStart(8, '0')}`;
}

/** Whether a file is the one recorded. */
export function sameFile(expected: FileIdentity, found: FileIdentity): boolean {
  return expected.size === found.size && expected.fingerprint === found.fingerprint;
}

/** What the check asks of a stored handle (the page binds these to a FileSystemFileHandle). */
export interface HandlePorts<F> {
  /** `queryPermission({ mode: 'read' })`, or the answer of `requestPermission` after a user gesture. */
  permission(): Promise<PermissionState>;
  /** The file now behind the handle; rejects when it moved or was deleted. */
  file(): Promise<F>;
  /** Size and fingerprint of that file. */
  identify(file: F): Promise<FileIdentity>;
}

export type AccessResult<F> = { state: 'granted'; file: F } | { state: Exclude<AccessState, 'granted'> };

/**
 * The state of a stored handle: permission first (no read is tried without it), then whether the file is still
 * there, then whether it is the same file as recorded.
 */
export async function checkAccess<F>(
  ports: HandlePorts<F>,
  expected: FileIdentity,
): Promise<AccessResult<F>> {
  const permission = await ports.permission();
  if (permission === 'prompt') return { state: 'prompt' };
  if (permission !== 'granted') return { state: 'denied' };
  let file: F;
  let found: FileIdentity;
  try {
    file = await ports.file();
    found = await ports.identify(file);
  } catch {
    // NotFoundError (deleted, moved, its folder renamed) or NotReadableError (changed while open).
    return { state: 'missing' };
  }
  return sameFile(expected, found) ? { state: 'granted', file } : { state: 'changed' };
}

/** What the user can do about a state: ask again for permission, or pick the file again. */
export function remedy(state: AccessState): 'none' | 'grant' | 'repick' {
  if (state === 'granted') return 'none';
  if (state === 'prompt' || state === 'denied') return 'grant';
  return 'repick';
}

/** A copy limit in MB as typed: a positive number, else null (the caller keeps the old one). */
export function parseCopyLimitMb(text: string): number | null {
  const value = Number(text.trim());
  return Number.isFinite(value) && value > 0 && value <= 1_000_000 ? value : null;
}

/** Default size from which a file that can be read in place is not copied. */
export const DEFAULT_COPY_LIMIT_MB = 200;

/** Whether a picked file with a handle is read in place (at or above the limit) or copied. */
export function readsInPlace(size: number, hasHandle: boolean, limitMb: number): boolean {
  return hasHandle && size >= limitMb * 1024 * 1024;
}
