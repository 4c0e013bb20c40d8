/**
 * Node only: DEFLATE tiles through Node's native zlib on its thread pool instead of geotiff.js's pure-JS
 * inflate (about 2× faster per core, and tiles decode in parallel). Import from scripts and Node tools only.
 */
import { promisify } from 'node:util';
import { inflate, inflateSync } from 'node:zlib';
import { BaseDecoder } from 'geotiff';
import { chooseInflate } from './geotiff-inflate-web.ts';

const inflateAsync = promisify(inflate);

class NodeInflateDecoder extends BaseDecoder {
  override async decodeBlock(buffer: ArrayBufferLike): Promise<ArrayBufferLike> {
    // One output chunk of the block's decoded size: zlib's default 16 KB chunks cost a thread-pool round
    // trip and a copy each.
    const { tileWidth, tileHeight, bitsPerSample, planarConfiguration, samplesPerPixel } = this.parameters;
    const bits =
      Array.isArray(bitsPerSample) || ArrayBuffer.isView(bitsPerSample)
        ? Array.from(bitsPerSample as ArrayLike<number>).reduce((s, b) => s + b, 0)
        : Number(bitsPerSample) * (samplesPerPixel ?? 1);
    const perPixel =
      planarConfiguration === 2 ? Math.max(...Array.from(bitsPerSample as ArrayLike<number>)) : bits;
    const expected = Math.ceil((tileWidth * tileHeight * perPixel) / 8);
    const opts = { chunkSize: Math.max(64 * 1024, expected) };
    const input = new Uint8Array(buffer);
    const out = syncMode ? inflateSync(input, opts) : await inflateAsync(input, opts);
    // Large zlib results own their ArrayBuffer; small ones may sit in a shared pool and must be copied.
    return out.byteOffset === 0 && out.byteLength === out.buffer.byteLength
      ? out.buffer
      : out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
  }
}

let installed = false;
let syncMode = false;

/**
 * Register the native decoder for TIFF compressions 8 and 32946 (DEFLATE / Adobe DEFLATE). Idempotent.
 * `sync`: inflate on the calling thread (for worker threads that already run one per core: no thread-pool
 * hand-offs); otherwise on libuv's thread pool, overlapping with JavaScript work.
 */
export function useNodeInflate(options: { sync?: boolean } = {}): void {
  syncMode = options.sync ?? syncMode;
  if (installed) return;
  chooseInflate(NodeInflateDecoder);
  installed = true;
}
