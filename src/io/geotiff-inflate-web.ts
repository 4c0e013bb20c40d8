/**
 * Browser (and worker): DEFLATE tiles through fflate's synchronous inflate into a buffer of the block's known
 * size, instead of geotiff.js's pako.
 *
 * Measured on the 10,000 × 10,000 benchmark pair in headless Chromium (2 helper workers): a detection run took
 * 51 s with the platform's DecompressionStream (each 512 KB block pays for a stream, a Blob and a Response, and
 * still runs on the calling thread), 38 s with pako and 33 s with fflate. In Node, src/io/geotiff-inflate-node.ts
 * uses zlib on the thread pool instead.
 */
import { addDecoder, BaseDecoder } from 'geotiff';
import { unzlibSync } from 'fflate';

export interface BlockParameters {
  tileWidth?: number;
  tileHeight?: number;
  bitsPerSample?: number | ArrayLike<number>;
  planarConfiguration?: number;
}

/** Bytes a decoded block holds, when its parameters say (all samples when interleaved, one when planar). */
function blockBytes(p: BlockParameters): number | null {
  const bits = p.bitsPerSample;
  if (!p.tileWidth || !p.tileHeight || bits === undefined) return null;
  const list = typeof bits === 'number' ? [bits] : Array.from(bits);
  const perPixel = p.planarConfiguration === 2 ? (list[0] ?? 0) : list.reduce((a, b) => a + b, 0);
  if (perPixel % 8 !== 0 || perPixel === 0) return null;
  return p.tileWidth * p.tileHeight * (perPixel / 8);
}

/** Adler-32 of `data` (the zlib checksum). */
function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  // 5552 bytes is the most that can be summed before `b` may overflow 2^32 (zlib's NMAX).
  for (let start = 0; start < data.length; start += 5552) {
    const end = Math.min(data.length, start + 5552);
    for (let i = start; i < end; i += 1) {
      a += data[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/**
 * Inflate one zlib-wrapped block; the result's buffer holds exactly the decoded bytes. fflate checks neither the
 * stream's checksum nor whether it fit the output, so both are checked here: a corrupt tile is an error, never
 * silently wrong pixels.
 */
export function inflateBlock(buffer: ArrayBufferLike, parameters: BlockParameters): ArrayBuffer {
  const input = new Uint8Array(buffer);
  const size = blockBytes(parameters);
  let decoded: Uint8Array;
  if (size === null) decoded = unzlibSync(input);
  else decoded = unzlibSync(input, { out: new Uint8Array(size) });
  const end = input.length;
  const expected =
    ((input[end - 4]! << 24) | (input[end - 3]! << 16) | (input[end - 2]! << 8) | input[end - 1]!) >>> 0;
  if (end < 6 || adler32(decoded) !== expected) throw new Error('corrupt DEFLATE block (checksum mismatch)');
  // A short block (the last strip of an image) comes back as a view; the caller wants an exact buffer.
  return decoded.byteOffset === 0 && decoded.byteLength === decoded.buffer.byteLength
    ? (decoded.buffer as ArrayBuffer)
    : decoded.slice().buffer;
}

class FflateInflateDecoder extends BaseDecoder {
  override decodeBlock(buffer: ArrayBufferLike): ArrayBuffer {
    return inflateBlock(buffer, this.parameters as BlockParameters);
  }
}

let chosen = false;

/** Register `decoder` for DEFLATE (compressions 8 and 32946): the one inflate every GeoTIFF read then uses. */
export function chooseInflate(decoder: typeof BaseDecoder): void {
  addDecoder([8, 32946], () => Promise.resolve(decoder), undefined, false);
  chosen = true;
}

/** Register the fflate decoder for DEFLATE, unless the platform already chose its own (Node: zlib). */
export function useFastInflate(): void {
  if (!chosen) chooseInflate(FflateInflateDecoder);
}
