/**
 * Scene reader for the assessment's raster jobs (the `RasterScene` of core/indicators). geotiff.js parses the
 * header; the blocks (tiles or strips) of a row are read as raw bytes from the Blob, in one slice when they lie
 * together, and decoded by the app's one block decoder (geotiff-decode.ts). Works the same in a browser worker
 * and in Node (a Blob from `fs.openAsBlob`).
 */
import type { GeoTIFF } from 'geotiff';
import { resolveCrs, type GeoKeys } from '../core/geo/crs.ts';
import type { BandValues } from '../core/indicators/fvc.ts';
import type { RasterBlock, RasterInfo, RasterScene } from '../core/indicators/raster-scene.ts';
import { geoTiffFromBlob } from './geotiff-blob-source.ts';
import { BlockDecoder } from './geotiff-decode.ts';
import { GeoTiffReadError } from './geotiff-meta.ts';

/** The bytes of a view in an ArrayBuffer of their own (decoders take whole buffers). */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** An opened GeoTIFF scene whose full-resolution blocks can be read one by one. */
export class GeoTiffScene implements RasterScene {
  readonly info: RasterInfo;
  readonly #blob: Blob;
  readonly #offsets: number[];
  readonly #counts: number[];
  readonly #decoder: BlockDecoder;

  private constructor(
    blob: Blob,
    info: RasterInfo,
    layout: { offsets: number[]; counts: number[] },
    decoder: BlockDecoder,
  ) {
    this.#blob = blob;
    this.info = info;
    this.#offsets = layout.offsets;
    this.#counts = layout.counts;
    this.#decoder = decoder;
  }

  /** Open a scene from a Blob (a File from OPFS, or `fs.openAsBlob` in Node). */
  static async open(blob: Blob): Promise<GeoTiffScene> {
    let tiff: GeoTIFF;
    try {
      tiff = await geoTiffFromBlob(blob);
    } catch (error) {
      throw new GeoTiffReadError('not a TIFF file', { cause: error, code: 'not_tiff' });
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
    if (bitsPerSample.some((b) => b !== bits)) throw new GeoTiffReadError('bands of different sample sizes');
    // The assessment's band arrays (BandValues) have no 64-bit type.
    if (bits > 32) throw new GeoTiffReadError(`unsupported sample type: ${bits} bits`);
    let origin: number[];
    let resolution: number[];
    try {
      origin = image.getOrigin();
      resolution = image.getResolution();
    } catch (error) {
      throw new GeoTiffReadError('the scene has no georeference', { cause: error, code: 'no_georef' });
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
    return new GeoTiffScene(blob, info, { offsets, counts }, await BlockDecoder.of(image));
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
        data: (await this.#decoder.decode(ownBuffer(raws[k] as Uint8Array))) as BandValues,
        stride,
      })),
    );
  }
}
