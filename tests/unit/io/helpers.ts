import { readFileSync } from 'node:fs';
import { ImportError } from '../../../src/io/import-error.ts';

/** Bytes of a fixture under tests/fixtures/vector. */
export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(`tests/fixtures/vector/${path}`));
}

/** The ImportError a promise or function throws (fails the test when it does not throw one). */
export async function importErrorOf(run: () => unknown): Promise<ImportError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}
