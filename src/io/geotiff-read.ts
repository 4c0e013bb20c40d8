/**
 * Open a GeoTIFF (ArrayBuffer, Blob/File, or a file path in Node) and read windows of it, at full
 * resolution or from an overview. Reading goes through a bounded block cache (geotiff-blocks.ts).
 * Blocks are decoded by geotiff-decode.ts: Node entry points call `useNodeInflate()` once; elsewhere fflate is used.
 */
import { fromArrayBuffer, type GeoTIFF } from 'geotiff';
import { geoTiffFromBlob } from './geotiff-blob-source.ts';
import type { BandArray, PixelWindow } from '../core/raster/types.ts';
import { BlockReader } from './geotiff-blocks.ts';
import { GeoTiffReadError, readMeta, type RasterMeta } from './geotiff-meta.ts';

export {
  GeoTiffReadError,
  type GeoTiffErrorCode,
  type RasterMeta,
  type RasterDtype,
} from './geotiff-meta.ts';

/** What `openGeoTiff` accepts: the bytes, a Blob/File, or (Node only) a path. */
export type GeoTiffInput = ArrayBuffer | Blob | string;

export interface ReadOptions {
  /** 0-based bands to read (default: all). */
  bands?: readonly number[];
  /** 0 = full resolution, 1… = overviews (largest first). */
  level?: number;
  signal?: AbortSignal;
  /** Arrays to fill instead of allocating (used when their count, length and type fit). */
  into?: BandArray[];
}

/** An open GeoTIFF. */
export interface GeoTiffRaster {
  meta: RasterMeta;
  /** Read a window (in the pixels of `level`); one array per band. */
  readWindow(window: PixelWindow, options?: ReadOptions): Promise<BandArray[]>;
  close(): Promise<void>;
}

/** Options of {@link openGeoTiff}. */
export interface OpenOptions {
  /** Decoded-block cache per image level, bytes (default 128 MB). */
  cacheBytes?: number;
  /** Height of the windows that sweep the full width (see BlockReader); the cache grows to hold one sweep. */
  sweepRows?: number;
}

async function openTiff(input: GeoTiffInput): Promise<GeoTIFF> {
  if (typeof input === 'string') {
    // Node only; kept out of the browser bundle's static graph.
    const { fromFile } = await import('geotiff');
    return fromFile(input);
  }
  if (input instanceof ArrayBuffer) return fromArrayBuffer(input);
  return geoTiffFromBlob(input);
}

/** Open a GeoTIFF and read its metadata. */
export async function openGeoTiff(input: GeoTiffInput, options: OpenOptions = {}): Promise<GeoTiffRaster> {
  let tiff: GeoTIFF;
  let meta: RasterMeta;
  try {
    tiff = await openTiff(input);
    meta = await readMeta(tiff);
  } catch (error) {
    if (error instanceof GeoTiffReadError) throw error;
    throw new GeoTiffReadError(
      `not a readable GeoTIFF: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error, code: 'not_tiff' },
    );
  }
  const readers = new Map<number, Promise<BlockReader>>();
  const levels: number[] = [];
  {
    // Image indexes of the full-resolution image and its overviews, in meta.overviews order.
    const count = await tiff.getImageCount();
    levels.push(0);
    const first = await tiff.getImage(0);
    for (let i = 1; i < count; i += 1) {
      const o = await tiff.getImage(i);
      if (o.getSamplesPerPixel() === first.getSamplesPerPixel() && o.getWidth() < first.getWidth())
        levels.push(i);
    }
  }
  const reader = (level: number): Promise<BlockReader> => {
    const index = levels[level];
    if (index === undefined) return Promise.reject(new GeoTiffReadError(`no overview level ${level}`));
    let r = readers.get(level);
    if (!r) {
      r = tiff.getImage(index).then((image) => new BlockReader(image, options.cacheBytes, options.sweepRows));
      readers.set(level, r);
    }
    return r;
  };
  const all = Array.from({ length: meta.bands }, (_, i) => i);
  return {
    meta,
    async readWindow(window, opts = {}) {
      const r = await reader(opts.level ?? 0);
      return r.read(window, opts.bands ?? all, opts.signal, opts.into);
    },
    async close() {
      readers.clear();
      const closable = tiff as unknown as { close?: () => Promise<void> | void };
      await closable.close?.();
    },
  };
}
