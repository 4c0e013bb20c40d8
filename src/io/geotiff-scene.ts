/**
 * Block reader for GeoTIFF scenes, for the assessment's raster jobs (the `RasterScene` of core/indicators). geotiff.js parses the header; the
 * blocks (tiles or strips) are then read as raw bytes from a Blob and decoded here: DEFLATE through the
 * platform's native `DecompressionStream` (geotiff.js's pure-JS inflate is ~2× slower than GDAL), other
 * compressions through geotiff.js's own decoders. Works the same in a browser worker and in Node (a Blob
 * from `fs.openAsBlob`).
 */
import { GeoTIFF, getDecoder } from 'geotiff';
import { resolveCrs, type GeoKeys } from '../core/geo/crs.ts';
import type { BandValues } from '../core/indicators/fvc.ts';
import {
  RasterReadError,
  type RasterBlock,
  type RasterInfo,
  type RasterScene,
} from '../core/indicators/raster-scene.ts';

/** Decompresses a zlib (TIFF DEFLATE) stream. */
export type Inflate = (bytes: Uint8Array) => Promise<Uint8Array>;

/** Native zlib inflate through the Compression Streams API (browsers, workers and Node ≥ 18). */
export const nativeInflate: Inflate = async (bytes) => {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
};

type ArrayKind = 'u8' | 'u16' | 'i16' | 'u32' | 'i32' | 'f32';

function arrayKind(format: number, bits: number): ArrayKind {
  if (format === 3 && bits === 32) return 'f32';
  if (bits === 8 && format !== 3) return 'u8';
  if (bits === 16) return format === 2 ? 'i16' : 'u16';
  if (bits === 32) return format === 2 ? 'i32' : 'u32';
  throw new RasterReadError(`unsupported sample type: format ${format}, ${bits} bits`);
}

function viewOf(kind: ArrayKind, buffer: ArrayBuffer): BandValues {
  switch (kind) {
    case 'u8':
      return new Uint8Array(buffer);
    case 'u16':
      return new Uint16Array(buffer, 0, buffer.byteLength >> 1);
    case 'i16':
      return new Int16Array(buffer, 0, buffer.byteLength >> 1);
    case 'u32':
      return new Uint32Array(buffer, 0, buffer.byteLength >> 2);
    case 'i32':
      return new Int32Array(buffer, 0, buffer.byteLength >> 2);
    case 'f32':
      return new Float32Array(buffer, 0, buffer.byteLength >> 2);
  }
}

/** Undo TIFF horizontal differencing (predictor 2) in place, row by row, per sample. */
export function undoHorizontalPredictor(
  data: BandValues,
  width: number,
  height: number,
  stride: number,
): void {
  for (let r = 0; r < height; r += 1) {
    const base = r * width * stride;
    for (let i = stride; i < width * stride; i += 1)
      data[base + i] = (data[base + i] as number) + (data[base + i - stride] as number);
  }
}

function swapBytes(bytes: Uint8Array, size: number): void {
  for (let i = 0; i + size <= bytes.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a += 1, b -= 1) {
      const t = bytes[a] as number;
      bytes[a] = bytes[b] as number;
      bytes[b] = t;
    }
  }
}

/** An opened GeoTIFF scene whose full-resolution blocks can be read one by one. */
export class GeoTiffScene implements RasterScene {
  readonly info: RasterInfo;
  readonly #blob: Blob;
  readonly #offsets: number[];
  readonly #counts: number[];
  readonly #kind: ArrayKind;
  readonly #bits: number;
  readonly #compression: number;
  readonly #predictor: number;
  readonly #littleEndian: boolean;
  readonly #inflate: Inflate;
  readonly #bitsPerSample: number[];

  private constructor(
    blob: Blob,
    info: RasterInfo,
    layout: {
      offsets: number[];
      counts: number[];
      kind: ArrayKind;
      bits: number;
      bitsPerSample: number[];
      compression: number;
      predictor: number;
      littleEndian: boolean;
    },
    inflate: Inflate,
  ) {
    this.#blob = blob;
    this.info = info;
    this.#offsets = layout.offsets;
    this.#counts = layout.counts;
    this.#kind = layout.kind;
    this.#bits = layout.bits;
    this.#bitsPerSample = layout.bitsPerSample;
    this.#compression = layout.compression;
    this.#predictor = layout.predictor;
    this.#littleEndian = layout.littleEndian;
    this.#inflate = inflate;
  }

  /** Open a scene from a Blob (a File from OPFS, or `fs.openAsBlob` in Node). */
  static async open(blob: Blob, inflate: Inflate = nativeInflate): Promise<GeoTiffScene> {
    // geotiff.js only needs `fetch` from a source; a Blob slice is read on demand.
    const source = {
      fetch: (slices: { offset: number; length: number }[]) =>
        Promise.all(slices.map((s) => blob.slice(s.offset, s.offset + s.length).arrayBuffer())),
      fileSize: blob.size,
      close: async () => undefined,
      fetchSlice: () => Promise.reject(new Error('not used')),
    };
    let tiff: GeoTIFF;
    try {
      tiff = await GeoTIFF.fromSource(source as unknown as Parameters<typeof GeoTIFF.fromSource>[0]);
    } catch (error) {
      throw new RasterReadError('not a TIFF file', { cause: error });
    }
    const image = await tiff.getImage(0);
    const dir = image.fileDirectory;
    const tiled = image.isTiled;
    const offsets = Array.from((await dir.loadValue(tiled ? 'TileOffsets' : 'StripOffsets')) ?? [], Number);
    const counts = Array.from(
      (await dir.loadValue(tiled ? 'TileByteCounts' : 'StripByteCounts')) ?? [],
      Number,
    );
    const width = image.getWidth();
    const height = image.getHeight();
    const bitsPerSample = Array.from({ length: image.getSamplesPerPixel() }, (_, i) =>
      image.getBitsPerSample(i),
    );
    const bits = bitsPerSample[0] ?? 8;
    if (bitsPerSample.some((b) => b !== bits)) throw new RasterReadError('bands of different sample sizes');
    let origin: number[];
    let resolution: number[];
    try {
      origin = image.getOrigin();
      resolution = image.getResolution();
    } catch (error) {
      throw new RasterReadError('the scene has no georeference', { cause: error });
    }
    const info: RasterInfo = {
      width,
      height,
      bands: image.getSamplesPerPixel(),
      blockWidth: tiled ? image.getTileWidth() : width,
      blockHeight: tiled ? image.getTileHeight() : image.getTileHeight(),
      planar: image.planarConfiguration,
      nodata: image.getGDALNoData(),
      unsigned: image.getSampleFormat(0) === 1,
      crs: resolveCrs({ geoKeys: (image.getGeoKeys() ?? {}) as GeoKeys }),
      transform: { x0: origin[0] ?? 0, y0: origin[1] ?? 0, dx: resolution[0] ?? 1, dy: resolution[1] ?? -1 },
    };
    return new GeoTiffScene(
      blob,
      info,
      {
        offsets,
        counts,
        kind: arrayKind(image.getSampleFormat(0), bits),
        bits,
        bitsPerSample,
        compression: Number((await dir.loadValue('Compression')) ?? 1),
        predictor: Number((await dir.loadValue('Predictor')) ?? 1),
        littleEndian: image.littleEndian,
      },
      inflate,
    );
  }

  /** Blocks per row and per column of the grid. */
  get blocksAcross(): number {
    return Math.ceil(this.info.width / this.info.blockWidth);
  }
  get blocksDown(): number {
    return Math.ceil(this.info.height / this.info.blockHeight);
  }

  /**
   * Raw bytes of several blocks, read in one slice when they lie close together in the file (GDAL writes
   * a row of tiles contiguously), so a row costs one read instead of hundreds.
   */
  async #rawBlocks(indexes: readonly number[]): Promise<Uint8Array[]> {
    const spans = indexes.map((i) => [this.#offsets[i] ?? 0, this.#counts[i] ?? 0] as const);
    const start = Math.min(...spans.map(([o]) => o));
    const end = Math.max(...spans.map(([o, c]) => o + c));
    const needed = spans.reduce((sum, [, c]) => sum + c, 0);
    if (end - start <= needed * 1.5 + 65_536) {
      const all = new Uint8Array(await this.#blob.slice(start, end).arrayBuffer());
      return spans.map(([o, c]) => all.subarray(o - start, o - start + c));
    }
    return Promise.all(
      spans.map(async ([o, c]) => new Uint8Array(await this.#blob.slice(o, o + c).arrayBuffer())),
    );
  }

  async #decode(raw: Uint8Array, sampleCount: number, blockHeight: number): Promise<BandValues> {
    const { blockWidth } = this.info;
    const bytes = (blockWidth * blockHeight * sampleCount * this.#bits) / 8;
    let decoded: Uint8Array;
    if (raw.length === 0) decoded = new Uint8Array(bytes);
    else if (this.#compression === 1) decoded = raw.slice();
    else if ((this.#compression === 8 || this.#compression === 32946) && this.#predictor !== 3)
      decoded = await this.#inflate(raw);
    else {
      const decoder = await getDecoder(this.#compression, {
        tileWidth: blockWidth,
        tileHeight: blockHeight,
        predictor: this.#predictor,
        bitsPerSample: this.info.planar === 1 ? this.#bitsPerSample : [this.#bits],
        planarConfiguration: this.info.planar,
      });
      const input = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength) as ArrayBuffer;
      decoded = new Uint8Array(await decoder.decode(input));
      // geotiff.js's decoders already undid the predictor.
      return this.#typed(decoded, bytes, sampleCount, blockHeight, false);
    }
    return this.#typed(decoded, bytes, sampleCount, blockHeight, this.#predictor === 2);
  }

  #typed(decoded: Uint8Array, bytes: number, samples: number, rows: number, predictor: boolean): BandValues {
    // Use the decoded buffer as it is when it has exactly the expected size; otherwise copy into an aligned
    // buffer of that size (short strips at the image edge are padded).
    let out = decoded;
    if (decoded.byteOffset !== 0 || decoded.byteLength !== bytes || decoded.buffer.byteLength !== bytes) {
      out = new Uint8Array(bytes);
      out.set(decoded.subarray(0, Math.min(bytes, decoded.length)));
    }
    const buffer = out.buffer as ArrayBuffer;
    if (!this.#littleEndian && this.#bits > 8) swapBytes(out, this.#bits / 8);
    const data = viewOf(this.#kind, buffer);
    if (predictor) undoHorizontalPredictor(data, this.info.blockWidth, rows, samples);
    return data;
  }

  /**
   * Decode one row of blocks (`by`), keeping only blocks for which `wanted(bx)` is true; `band` selects the
   * band for planar-2 files (ignored for interleaved ones, whose blocks hold every band).
   */
  async readBlockRow(by: number, wanted: (bx: number) => boolean, band = 0): Promise<RasterBlock[]> {
    const { blockWidth, blockHeight, planar, bands } = this.info;
    const across = this.blocksAcross;
    const columns = Array.from({ length: across }, (_, bx) => bx).filter(wanted);
    if (columns.length === 0) return [];
    const plane = planar === 2 ? band * across * this.blocksDown : 0;
    const raws = await this.#rawBlocks(columns.map((bx) => plane + by * across + bx));
    const stride = planar === 1 ? bands : 1;
    return Promise.all(
      columns.map(async (bx, k) => ({
        col0: bx * blockWidth,
        row0: by * blockHeight,
        width: blockWidth,
        height: blockHeight,
        data: await this.#decode(raws[k] as Uint8Array, stride, blockHeight),
        stride,
      })),
    );
  }
}
