/**
 * Browser (and worker): DEFLATE tiles through the platform's DecompressionStream('deflate'), native code
 * off the JS thread, instead of geotiff.js's pure-JS inflate.
 */
import { addDecoder, BaseDecoder } from 'geotiff';

class WebInflateDecoder extends BaseDecoder {
  override async decodeBlock(buffer: ArrayBufferLike): Promise<ArrayBufferLike> {
    const stream = new Blob([new Uint8Array(buffer as ArrayBuffer)])
      .stream()
      .pipeThrough(new DecompressionStream('deflate'));
    return new Response(stream).arrayBuffer();
  }
}

let installed = false;

/** Register the DecompressionStream decoder for compressions 8 and 32946 when the platform has it. */
export function useWebInflate(): boolean {
  if (installed) return true;
  if (typeof DecompressionStream === 'undefined') return false;
  addDecoder([8, 32946], () => Promise.resolve(WebInflateDecoder), undefined, false);
  installed = true;
  return true;
}
