/**
 * The one GeoTIFF block decoder of the app: the raw bytes of a tile or strip in, typed samples out. Both
 * readers use it: the windowed reader of detection and imagery (geotiff-blocks.ts) and the assessment's
 * scene reader (geotiff-scene.ts).
 *
 * Decompression and the TIFF predictors (2, horizontal differencing; 3, floating point) are geotiff.js's
 * decoders, so there is one predictor path. DEFLATE is the platform's choice, made once: Node entry points call
 * `useNodeInflate()` (zlib on the thread pool); everywhere else fflate is registered on first use
 * (geotiff-inflate-web.ts says why it beats the Compression Streams API and pako).
 */
import { getDecoder, type BaseDecoder, type GeoTIFFImage } from 'geotiff';
import type { BandArray } from '../core/raster/types.ts';
import { useFastInflate } from './geotiff-inflate-web.ts';
import { GeoTiffReadError, dtypeOf, type RasterDtype } from './geotiff-meta.ts';

/** What one stored block holds. */
export interface BlockLayout {
  /** Stored size of a block (edge blocks and the last strip are padded to it). */
  width: number;
  height: number;
  /** Samples per pixel in a block: every band when interleaved (planar 1), one when planar 2. */
  samples: number;
  dtype: RasterDtype;
  littleEndian: boolean;
}

const BYTES: Record<RasterDtype, number> = {
  uint8: 1,
  int8: 1,
  uint16: 2,
  int16: 2,
  uint32: 4,
  int32: 4,
  float32: 4,
  float64: 8,
};

const VIEW: Record<RasterDtype, (b: ArrayBuffer) => BandArray> = {
  uint8: (b) => new Uint8Array(b),
  int8: (b) => new Uint8Array(b), // read as raw bytes; int8 imagery is not expected
  uint16: (b) => new Uint16Array(b),
  int16: (b) => new Int16Array(b),
  uint32: (b) => new Uint32Array(b),
  int32: (b) => new Int32Array(b),
  float32: (b) => new Float32Array(b),
  float64: (b) => new Float64Array(b),
};

/** A zeroed array of `n` samples of a type. */
export function arrayOf(dtype: RasterDtype, n: number): BandArray {
  return VIEW[dtype](new ArrayBuffer(n * BYTES[dtype]));
}

/** The samples of a decoded block's buffer. */
export function samplesOf(dtype: RasterDtype, buffer: ArrayBuffer): BandArray {
  return VIEW[dtype](buffer);
}

function swapBytes(bytes: Uint8Array, size: number): void {
  for (let i = 0; i + size <= bytes.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a += 1, b -= 1) {
      const t = bytes[a]!;
      bytes[a] = bytes[b]!;
      bytes[b] = t;
    }
  }
}

async function geotiffDecoder(image: GeoTIFFImage): Promise<BaseDecoder> {
  const dir = image.fileDirectory;
  const compression = Number((await dir.loadValue('Compression')) ?? 1);
  const params: Record<string, unknown> = {
    tileWidth: image.getTileWidth(),
    tileHeight: image.getTileHeight(),
    planarConfiguration: image.planarConfiguration,
    bitsPerSample: await dir.loadValue('BitsPerSample'),
    predictor: (await dir.loadValue('Predictor')) || 1,
  };
  if (compression === 7) params.JPEGTables = await dir.loadValue('JPEGTables');
  if (compression === 34887) params.LercParameters = await dir.loadValue('LercParameters');
  if (compression === 8 || compression === 32946) useFastInflate();
  try {
    // The parameter object mirrors geotiff.js's own defaultDecoderParameterFn.
    return await getDecoder(compression, params as unknown as Parameters<typeof getDecoder>[1]);
  } catch (error) {
    throw new GeoTiffReadError(`unsupported TIFF compression ${compression}`, {
      cause: error,
      code: 'image_damaged',
    });
  }
}

/** Decodes the blocks of one image (full resolution or an overview). */
export class BlockDecoder {
  private constructor(
    readonly layout: BlockLayout,
    private readonly decoder: BaseDecoder,
  ) {}

  static async of(image: GeoTIFFImage): Promise<BlockDecoder> {
    const layout: BlockLayout = {
      width: image.getTileWidth(),
      height: image.getTileHeight(),
      samples: image.planarConfiguration === 2 ? 1 : image.getSamplesPerPixel(),
      dtype: dtypeOf(image),
      littleEndian: image.littleEndian,
    };
    return new BlockDecoder(layout, await geotiffDecoder(image));
  }

  /** Bytes of one decoded block. */
  get blockBytes(): number {
    const { width, height, samples, dtype } = this.layout;
    return width * height * samples * BYTES[dtype];
  }

  /**
   * Decode one block's stored bytes (an empty block reads as zeros). The result always has the full block size,
   * in the platform's byte order. A block that does not decode is a `GeoTiffReadError` ('image_damaged').
   */
  async decode(raw: ArrayBuffer): Promise<BandArray> {
    const bytes = this.blockBytes;
    const { dtype, littleEndian } = this.layout;
    if (raw.byteLength === 0) return VIEW[dtype](new ArrayBuffer(bytes));
    let decoded: ArrayBufferLike;
    try {
      decoded = await this.decoder.decode(raw);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new GeoTiffReadError(`damaged block: ${reason}`, { cause: error, code: 'image_damaged' });
    }
    // A short block (the last strip) is padded; anything else is used as it is.
    let buffer = decoded as ArrayBuffer;
    if (decoded.byteLength !== bytes || !(decoded instanceof ArrayBuffer)) {
      const padded = new Uint8Array(bytes);
      padded.set(new Uint8Array(decoded, 0, Math.min(bytes, decoded.byteLength)));
      buffer = padded.buffer;
    }
    if (!littleEndian && BYTES[dtype] > 1) swapBytes(new Uint8Array(buffer), BYTES[dtype]);
    return VIEW[dtype](buffer);
  }
}
