/**
 * A geotiff.js source over a Blob (a picked File, or an OPFS file) that reads the file in 2 MB chunks and keeps
 * the last few.
 *
 * Why not geotiff.js's own `fromBlob`:
 * - its FileReaderSource adds an abort listener to the caller's signal on every read and never removes it, and
 *   the listener holds the FileReader and so the bytes it read. A detection run passes one signal to thousands
 *   of tile reads; it kept every compressed tile it had read until the run ended (3 GB on the benchmark pair).
 * - every read of a disk-backed Blob is a round trip to the browser process. geotiff.js reads each tile's offset
 *   and its bytes separately, so a 10,000 × 10,000 pair took ~13,000 small reads per worker; measured in
 *   Chromium, those waits were 90 % of a detection run. Neighbouring tiles lie next to each other in the file,
 *   so one chunk serves many of them.
 */
import { GeoTIFF } from 'geotiff';

interface Slice {
  offset: number;
  length: number;
}

const CHUNK_BYTES = 2 ** 21;
/** Chunks kept per source (16 MB): a row of tiles of one image, with room to spare. */
const CHUNKS_KEPT = 8;

/** The part of geotiff.js's BaseSource that GeoTIFF uses (the class itself is not exported). */
export class ChunkedBlobSource {
  private readonly chunks = new Map<number, Promise<ArrayBuffer>>();

  constructor(private readonly blob: Blob) {}

  async fetch(slices: Slice[], signal?: AbortSignal): Promise<ArrayBuffer[]> {
    signal?.throwIfAborted();
    const data = await Promise.all(slices.map((slice) => this.read(slice)));
    // A read cannot be stopped half-way; an aborted caller gets the abort, not stale bytes.
    signal?.throwIfAborted();
    return data;
  }

  get fileSize(): number {
    return this.blob.size;
  }

  async close(): Promise<void> {
    this.chunks.clear();
  }

  private async read({ offset, length }: Slice): Promise<ArrayBuffer> {
    // Like a file read, a slice past the end comes back short.
    const end = Math.min(offset + length, this.blob.size);
    if (end <= offset) return new ArrayBuffer(0);
    // A large read (a whole strip, a whole small file) goes straight through rather than evicting the cache.
    if (end - offset > CHUNK_BYTES * 2) return this.blob.slice(offset, end).arrayBuffer();
    const out = new Uint8Array(end - offset);
    const first = Math.floor(offset / CHUNK_BYTES);
    const last = Math.floor((end - 1) / CHUNK_BYTES);
    const parts: Promise<void>[] = [];
    for (let i = first; i <= last; i += 1)
      parts.push(
        this.chunk(i).then((buffer) => {
          const start = i * CHUNK_BYTES;
          const from = Math.max(offset, start);
          const to = Math.min(end, start + buffer.byteLength);
          out.set(new Uint8Array(buffer, from - start, to - from), from - offset);
        }),
      );
    await Promise.all(parts);
    return out.buffer;
  }

  private chunk(index: number): Promise<ArrayBuffer> {
    const hit = this.chunks.get(index);
    if (hit) {
      // Refresh recency (a Map keeps insertion order).
      this.chunks.delete(index);
      this.chunks.set(index, hit);
      return hit;
    }
    const start = index * CHUNK_BYTES;
    const promise = this.blob.slice(start, Math.min(this.blob.size, start + CHUNK_BYTES)).arrayBuffer();
    promise.catch(() => this.chunks.delete(index));
    this.chunks.set(index, promise);
    for (const key of this.chunks.keys()) {
      if (this.chunks.size <= CHUNKS_KEPT) break;
      this.chunks.delete(key);
    }
    return promise;
  }
}

/** Open a GeoTIFF held in a Blob. */
export function geoTiffFromBlob(blob: Blob, signal?: AbortSignal): Promise<GeoTIFF> {
  // ChunkedBlobSource has every member GeoTIFF calls; the declared parameter type is the unexported BaseSource.
  return GeoTIFF.fromSource(
    new ChunkedBlobSource(blob) as unknown as Parameters<typeof GeoTIFF.fromSource>[0],
    undefined,
    signal,
  );
}
