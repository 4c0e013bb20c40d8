/**
 * A geotiff.js source over a Blob (a picked File, or an OPFS file) that reads each slice with
 * `Blob.slice().arrayBuffer()`.
 *
 * Why not geotiff.js's own `fromBlob`: its FileReaderSource adds an abort listener to the caller's signal on
 * every read and never removes it, and the listener holds the FileReader and so the bytes it read. A detection
 * run passes one signal to thousands of tile reads; it kept every compressed tile it had read until the run
 * ended (the renderer grew to 3 GB on the 10,000 × 10,000 benchmark pair).
 */
import { GeoTIFF } from 'geotiff';

interface Slice {
  offset: number;
  length: number;
}

/** The part of geotiff.js's BaseSource that GeoTIFF uses (the class itself is not exported). */
class BlobSource {
  constructor(private readonly blob: Blob) {}

  async fetch(slices: Slice[], signal?: AbortSignal): Promise<ArrayBuffer[]> {
    signal?.throwIfAborted();
    const data = await Promise.all(
      slices.map((slice) => this.blob.slice(slice.offset, slice.offset + slice.length).arrayBuffer()),
    );
    // A read cannot be stopped half-way; an aborted caller gets the abort, not stale bytes.
    signal?.throwIfAborted();
    return data;
  }

  get fileSize(): number {
    return this.blob.size;
  }

  async close(): Promise<void> {
    // Nothing to release: the Blob is the caller's.
  }
}

/** Open a GeoTIFF held in a Blob. */
export function geoTiffFromBlob(blob: Blob, signal?: AbortSignal): Promise<GeoTIFF> {
  // BlobSource has every member GeoTIFF calls; the declared parameter type is the unexported BaseSource.
  return GeoTIFF.fromSource(
    new BlobSource(blob) as unknown as Parameters<typeof GeoTIFF.fromSource>[0],
    undefined,
    signal,
  );
}
