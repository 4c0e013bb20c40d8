/**
 * Window reads assembled from decoded blocks (tiles or strips), with a bounded LRU cache of decoded blocks:
 * neighbouring windows with overlapping halos decode each block once. All blocks a window needs are requested
 * together, so an asynchronous inflate (Node's zlib thread pool) runs them in parallel.
 */
import type { BaseDecoder, GeoTIFFImage } from 'geotiff';
import type { BandArray, PixelWindow } from '../core/raster/types.ts';
import { BlockDecoder, arrayOf, samplesOf } from './geotiff-decode.ts';
import { GeoTiffReadError, dtypeOf, type RasterDtype } from './geotiff-meta.ts';

/** The most a sweep may claim for one image: beyond it (very wide images), blocks are decoded again instead. */
const SWEEP_CACHE_CAP = 256 * 2 ** 20;

/** Bytes of decoded blocks one sweep of `rows` pixel rows touches across the image, with a margin. */
function sweepCacheBytes(image: GeoTIFFImage, blockBytes: number, rows: number): number {
  if (rows <= 0) return 0;
  const blocksAcross = Math.ceil(image.getWidth() / image.getTileWidth());
  // An unaligned window of `rows` spans one more block row than rows / block height.
  const blockRows = Math.ceil(rows / image.getTileHeight()) + 1;
  const planes = image.planarConfiguration === 2 ? image.getSamplesPerPixel() : 1;
  // One extra row of blocks: room for the prefetched next window.
  const blocks = blocksAcross * (blockRows + 1);
  return Math.min(SWEEP_CACHE_CAP, blocks * planes * blockBytes);
}

/** Reads windows of one image (full resolution or an overview). */
export class BlockReader {
  private readonly cache = new Map<string, Promise<BandArray>>();
  private cachedBytes = 0;
  private decoder: Promise<BaseDecoder> | null = null;
  private readonly dtype: RasterDtype;
  private readonly bw: number;
  private readonly bh: number;
  private readonly spp: number;
  private readonly planar: number;
  private readonly blockBytes: number;

  private readonly cacheBudget: number;

  constructor(
    private readonly image: GeoTIFFImage,
    /** Decoded bytes kept in the cache (default 128 MB). */
    cacheBytes = 128 * 2 ** 20,
    /**
     * Height in pixels of the windows that sweep across the whole width before moving down (a row of detection
     * tiles with its halo). The cache then holds at least one such sweep, so the blocks shared with the next row
     * are still there: with less, LRU evicts each block just before it is needed again, and every block was
     * decoded about twice (measured on a 10,000-pixel-wide pair).
     */
    sweepRows = 0,
  ) {
    this.dtype = dtypeOf(image);
    this.bw = image.getTileWidth();
    this.bh = image.getTileHeight();
    this.spp = image.getSamplesPerPixel();
    this.planar = image.planarConfiguration;
    const perBlock = this.bw * this.bh * image.getBytesPerPixel();
    this.blockBytes = this.planar === 2 ? perBlock / this.spp : perBlock;
    this.cacheBudget = Math.max(cacheBytes, sweepCacheBytes(image, this.blockBytes, sweepRows));
  }

  private block(bx: number, by: number, sample: number, signal?: AbortSignal): Promise<BandArray> {
    const key = `${bx},${by},${sample}`;
    const hit = this.cache.get(key);
    if (hit) {
      // Refresh recency (Map keeps insertion order).
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    // geotiff.js finds and fetches the block (and fills sparse ones with nodata); the shared decoder decodes it.
    // getTileOrStrip only calls the decoder's `decode`.
    this.decoder ??= BlockDecoder.of(this.image).then(
      (d) =>
        ({
          decode: async (raw: ArrayBuffer) => (await d.decode(raw)).buffer,
        }) as unknown as BaseDecoder,
    );
    const promise = this.decoder
      .then((decoder) => this.image.getTileOrStrip(bx, by, sample, decoder, signal))
      .then(({ data }) => samplesOf(this.dtype, data as ArrayBuffer));
    promise.catch(() => this.cache.delete(key));
    this.cache.set(key, promise);
    this.cachedBytes += this.blockBytes;
    for (const k of this.cache.keys()) {
      if (this.cachedBytes <= this.cacheBudget) break;
      if (k === key) continue;
      this.cache.delete(k);
      this.cachedBytes -= this.blockBytes;
    }
    return promise;
  }

  /** Read `bands` (0-based sample indexes) of a window; one array per band, window-sized, row-major. */
  async read(
    window: PixelWindow,
    bands: readonly number[],
    signal?: AbortSignal,
    into?: BandArray[],
  ): Promise<BandArray[]> {
    const { x0, y0, x1, y1 } = window;
    const width = this.image.getWidth();
    const height = this.image.getHeight();
    if (x0 < 0 || y0 < 0 || x1 > width || y1 > height || x1 <= x0 || y1 <= y0)
      throw new GeoTiffReadError(`window ${x0},${y0}–${x1},${y1} outside ${width}×${height}`);
    for (const b of bands) if (b < 0 || b >= this.spp) throw new GeoTiffReadError(`no band ${b + 1}`);
    const ww = x1 - x0;
    const n = ww * (y1 - y0);
    const sample = arrayOf(this.dtype, 0);
    const reusable =
      into?.length === bands.length &&
      into.every((a) => a.length === n && a.constructor === sample.constructor);
    const out = reusable ? into! : bands.map(() => arrayOf(this.dtype, n));
    const jobs: Promise<void>[] = [];
    for (let by = Math.floor(y0 / this.bh); by * this.bh < y1; by += 1)
      for (let bx = Math.floor(x0 / this.bw); bx * this.bw < x1; bx += 1) {
        const samples = this.planar === 2 ? bands.map((b, i) => [b, i] as const) : [[0, -1] as const];
        for (const [sample, only] of samples)
          jobs.push(
            this.block(bx, by, sample, signal).then((data) =>
              this.copy(data, bx, by, window, bands, out, only),
            ),
          );
      }
    await Promise.all(jobs);
    return out;
  }

  private copy(
    data: BandArray,
    bx: number,
    by: number,
    w: PixelWindow,
    bands: readonly number[],
    out: BandArray[],
    only: number,
  ): void {
    const ww = w.x1 - w.x0;
    const cx0 = Math.max(w.x0, bx * this.bw);
    const cx1 = Math.min(w.x1, (bx + 1) * this.bw);
    const cy0 = Math.max(w.y0, by * this.bh);
    const cy1 = Math.min(w.y1, (by + 1) * this.bh);
    const spp = this.spp;
    for (let y = cy0; y < cy1; y += 1) {
      const src = (y - by * this.bh) * this.bw + (cx0 - bx * this.bw);
      const dst = (y - w.y0) * ww + (cx0 - w.x0);
      const n = cx1 - cx0;
      if (only >= 0) {
        out[only]!.set(data.subarray(src, src + n), dst);
        continue;
      }
      if (
        spp === 4 &&
        bands.length === 4 &&
        bands[0] === 0 &&
        bands[1] === 1 &&
        bands[2] === 2 &&
        bands[3] === 3
      ) {
        // The common case (all 4 bands in file order): one pass over the interleaved row.
        const [o0, o1, o2, o3] = out as [BandArray, BandArray, BandArray, BandArray];
        let s = src * 4;
        for (let k = dst; k < dst + n; k += 1, s += 4) {
          o0[k] = data[s]!;
          o1[k] = data[s + 1]!;
          o2[k] = data[s + 2]!;
          o3[k] = data[s + 3]!;
        }
        continue;
      }
      for (let i = 0; i < bands.length; i += 1) {
        const band = bands[i]!;
        const o = out[i]!;
        for (let k = 0; k < n; k += 1) o[dst + k] = data[(src + k) * spp + band]!;
      }
    }
  }
}
