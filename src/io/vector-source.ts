/**
 * A file as the readers see it: a name, a size, all its bytes on demand, or a stream of chunks (so a large
 * GeoJSON is parsed without holding its text). Works on `File`/`Blob` (browser, Node ≥ 20) and plain bytes.
 */

export interface ByteSource {
  name: string;
  size: number;
  bytes(): Promise<Uint8Array>;
  /** Chunks in order; may be called again to re-read from the start. */
  chunks(): AsyncIterable<Uint8Array>;
}

/** An input file: bytes with a name, or a `File`. */
export type VectorInput = { name: string; bytes: Uint8Array } | File;

const CHUNK = 1 << 20;

/** A source over bytes already in memory, chunked by 1 MiB. */
export function sourceFromBytes(name: string, bytes: Uint8Array, chunkSize = CHUNK): ByteSource {
  return {
    name,
    size: bytes.byteLength,
    bytes: () => Promise.resolve(bytes),
    chunks: async function* () {
      for (let o = 0; o < bytes.byteLength; o += chunkSize) yield bytes.subarray(o, o + chunkSize);
    },
  };
}

/** A source over a Blob/File: `stream()` for chunks, `arrayBuffer()` for whole reads. */
export function sourceFromBlob(name: string, blob: Blob): ByteSource {
  return {
    name,
    size: blob.size,
    bytes: async () => new Uint8Array(await blob.arrayBuffer()),
    chunks: async function* () {
      const reader = blob.stream().getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        reader.releaseLock();
      }
    },
  };
}

/** A source for any input. */
export function toSource(input: VectorInput): ByteSource {
  return input instanceof Blob ? sourceFromBlob(input.name, input) : sourceFromBytes(input.name, input.bytes);
}

/** File name without folders. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Lower-case extension without the dot ('' when none). */
export function extensionOf(path: string): string {
  const base = baseName(path);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** File name without folders and extension. */
export function stemOf(path: string): string {
  const base = baseName(path);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
