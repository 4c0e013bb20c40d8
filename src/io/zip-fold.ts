import { zipSync } from 'fflate';

/** Bytes gathered before they are folded into a Blob. */
const FOLD_BYTES = 8 * 1024 * 1024;

/**
 * Collects a zip's compressed chunks as it is written, folding them into Blobs every few MB, so the zip is never
 * held as one array plus a copy.
 */
export class ChunkFolder {
  readonly #parts: Blob[] = [];
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;

  constructor(private readonly foldBytes = FOLD_BYTES) {}

  push(chunk: Uint8Array): void {
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.length;
    if (this.#pendingBytes > this.foldBytes) this.#fold();
  }

  /** The whole file; the folder is empty afterwards. */
  finish(type: string): Blob {
    this.#fold();
    return new Blob(this.#parts.splice(0), { type });
  }

  /** How many Blobs the chunks were folded into so far. */
  get folds(): number {
    return this.#parts.length;
  }

  #fold(): void {
    this.#parts.push(new Blob(this.#pending as BlobPart[]));
    this.#pending = [];
    this.#pendingBytes = 0;
  }
}

/** Files already compressed (DOCX) as one zip, stored rather than compressed again. */
export async function storedZip(files: readonly { name: string; blob: Blob }[]): Promise<Uint8Array> {
  const entries: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const file of files)
    entries[file.name] = [new Uint8Array(await file.blob.arrayBuffer()), { level: 0 }];
  return zipSync(entries);
}
