/**
 * Shared shapes of the raster kernels. Kernels work on flat row-major typed arrays of one band (`width × height`)
 * and never allocate per pixel. Indexing with `!` inside loops is safe: every index is bounded by the loop.
 */

/** A typed array of pixel values of one band. */
export type BandArray =
  Uint8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** A pixel window, half-open: columns `x0 ≤ x < x1`, rows `y0 ≤ y < y1`. */
export interface PixelWindow {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** GDAL-style affine geotransform: X = g0 + col·g1 + row·g2, Y = g3 + col·g4 + row·g5 (pixel corners). */
export type Geotransform = readonly [number, number, number, number, number, number];

/** A ring as a flat list of vertex coordinates `[x0, y0, x1, y1, …]`, not repeating the first vertex. */
export type FlatRing = number[];

/** A polygon in pixel-corner coordinates: the outer ring first, then its holes. */
export interface PixelPolygon {
  outer: FlatRing;
  holes: FlatRing[];
}

/** Width of a window. */
export function windowWidth(w: PixelWindow): number {
  return w.x1 - w.x0;
}

/** Height of a window. */
export function windowHeight(w: PixelWindow): number {
  return w.y1 - w.y0;
}

/** Error thrown by raster kernels when their inputs do not fit together (sizes, parameters). */
export class RasterError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RasterError';
  }
}
