import { describe, expect, it } from 'vitest';
import {
  checkAccess,
  fingerprintOf,
  parseCopyLimitMb,
  readsInPlace,
  remedy,
  sameFile,
  type FileIdentity,
  type HandlePorts,
} from '../../../src/core/imagery/scene-access.ts';

const bytes = (n: number, seed: number): Uint8Array =>
  Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 255);

/** A fake handle: its permission answer and the file behind it (null = moved or deleted). */
function handle(
  permission: PermissionState,
  file: Uint8Array | null,
): HandlePorts<Uint8Array> & { reads: number } {
  const ports = {
    reads: 0,
    permission: () => Promise.resolve(permission),
    file: () => {
      ports.reads += 1;
      return file ? Promise.resolve(file) : Promise.reject(new DOMException('gone', 'NotFoundError'));
    },
    identify: (f: Uint8Array) => Promise.resolve({ size: f.length, fingerprint: fingerprintOf(f.length, f) }),
  };
  return ports;
}

const original = bytes(100_000, 1);
const recorded: FileIdentity = {
  size: original.length,
  fingerprint: fingerprintOf(original.length, original),
};

describe('a stored handle after a restart', () => {
  it('granted and the same file: readable', async () => {
    const result = await checkAccess(handle('granted', original), recorded);
    expect(result.state).toBe('granted');
    expect(result.state === 'granted' && result.file).toBe(original);
  });

  it('prompt: asks again before any read', async () => {
    const ports = handle('prompt', original);
    expect((await checkAccess(ports, recorded)).state).toBe('prompt');
    expect(ports.reads).toBe(0);
  });

  it('denied: no read either', async () => {
    const ports = handle('denied', original);
    expect((await checkAccess(ports, recorded)).state).toBe('denied');
    expect(ports.reads).toBe(0);
  });

  it('the file moved or was deleted: missing', async () => {
    expect((await checkAccess(handle('granted', null), recorded)).state).toBe('missing');
  });

  it('another file under the name (same size, other bytes; or other size): changed', async () => {
    const sameSize = bytes(original.length, 2);
    expect((await checkAccess(handle('granted', sameSize), recorded)).state).toBe('changed');
    expect((await checkAccess(handle('granted', original.slice(1)), recorded)).state).toBe('changed');
  });

  it('tells the user what to do for each state', () => {
    expect(['granted', 'prompt', 'denied', 'missing', 'changed'].map((s) => remedy(s as never))).toEqual([
      'none',
      'grant',
      'grant',
      'repick',
      'repick',
    ]);
  });
});

describe('fingerprints and the copy limit', () => {
  it('fingerprints cover size and the first bytes only', () => {
    const head = bytes(70_000, 3);
    const tail = Uint8Array.from(head);
    tail[69_999] = (tail[69_999]! + 1) & 255;
    expect(fingerprintOf(10, head)).toBe(fingerprintOf(10, tail));
    const early = Uint8Array.from(head);
    early[10] = (early[10]! + 1) & 255;
    expect(fingerprintOf(10, head)).not.toBe(fingerprintOf(10, early));
    expect(fingerprintOf(10, head)).not.toBe(fingerprintOf(11, head));
    expect(sameFile({ size: 1, fingerprint: 'a' }, { size: 1, fingerprint: 'a' })).toBe(true);
    expect(sameFile({ size: 1, fingerprint: 'a' }, { size: 2, fingerprint: 'a' })).toBe(false);
  });

  it('reads in place only with a handle and at or above the limit', () => {
    const mb = 1024 * 1024;
    expect(readsInPlace(200 * mb, true, 200)).toBe(true);
    expect(readsInPlace(200 * mb - 1, true, 200)).toBe(false);
    expect(readsInPlace(5000 * mb, false, 200)).toBe(false);
    expect(parseCopyLimitMb(' 50 ')).toBe(50);
    expect(parseCopyLimitMb('0')).toBeNull();
    expect(parseCopyLimitMb('abc')).toBeNull();
  });
});
