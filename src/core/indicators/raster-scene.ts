/**
 * What the assessment's raster jobs need from an opened scene: its header facts and its full-resolution
 * blocks, one row of blocks at a time. The GeoTIFF reader that provides it lives in src/io (geotiff-scene.ts),
 * so this folder stays free of file formats.
 */
import type { ResolvedCrs } from '../geo/crs.ts';
import type { BandValues } from './fvc.ts';

/** A scene that cannot be read for an assessment (unsupported layout, no georeference…). */
export class RasterReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RasterReadError';
  }
}

/** One decoded block: samples of all bands (interleaved, planar 1) or of one band (planar 2). */
export interface RasterBlock {
  col0: number;
  row0: number;
  /** Stored size of the block (edge blocks are padded to the full tile size). */
  width: number;
  height: number;
  data: BandValues;
  /** Samples per pixel in `data` (bands for planar 1, 1 for planar 2). */
  stride: number;
}

/** Header facts of an opened scene. */
export interface RasterInfo {
  width: number;
  height: number;
  bands: number;
  blockWidth: number;
  blockHeight: number;
  planar: 1 | 2;
  nodata: number | null;
  /** Unsigned integer samples (whose 0 is GDAL's fill value when no nodata is declared). */
  unsigned: boolean;
  crs: ResolvedCrs;
  /** map x = x0 + col·dx, map y = y0 + row·dy. */
  transform: { x0: number; y0: number; dx: number; dy: number };
}

/** An opened scene whose full-resolution blocks can be read row by row. */
export interface RasterScene {
  readonly info: RasterInfo;
  /** Blocks per row and per column of the grid. */
  readonly blocksAcross: number;
  readonly blocksDown: number;
  /**
   * Decode one row of blocks (`by`), keeping only blocks for which `wanted(bx)` is true; `band` selects the
   * band for planar-2 files (ignored for interleaved ones, whose blocks hold every band).
   */
  readBlockRow(by: number, wanted: (bx: number) => boolean, band?: number): Promise<RasterBlock[]>;
}
