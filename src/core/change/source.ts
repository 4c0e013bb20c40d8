import type { Geotransform } from '../display/view-window.ts';

/** A raster the pipeline can read in windows (implemented over geotiff.js in Node and in the worker). */
export interface RasterSource {
  width: number;
  height: number;
  transform: Geotransform;
  /** Bands (zero-based indexes) of window [col0, row0, col1, row1), one array per band. */
  read(window: [number, number, number, number], bands: readonly number[]): Promise<ArrayLike<number>[]>;
}

/** Thrown when the inputs cannot be processed (bands missing, grid not lon/lat, no overlap). */
export class ChangeInputError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'ChangeInputError';
  }
}

/** Thrown when a run is cancelled through its AbortSignal. */
export class ChangeCancelledError extends Error {
  constructor() {
    super('change detection cancelled');
    this.name = 'ChangeCancelledError';
  }
}

/**
 * Reads rows [row0, row1) of T1 resampled by nearest neighbour onto T2's grid (both lon/lat), as 4 arrays
 * (blue, green, red, nir). Pixels outside T1 are 0 (treated as no data). Same grids read directly.
 */
export async function readAligned(
  t1: RasterSource,
  t2: RasterSource,
  bands1: readonly number[],
  row0: number,
  row1: number,
): Promise<ArrayLike<number>[]> {
  const a = t1.transform;
  const b = t2.transform;
  const same =
    t1.width === t2.width &&
    t1.height === t2.height &&
    Math.abs(a.x0 - b.x0) < Math.abs(b.dx) * 1e-3 &&
    Math.abs(a.y0 - b.y0) < Math.abs(b.dy) * 1e-3 &&
    Math.abs(a.dx - b.dx) < Math.abs(b.dx) * 1e-6 &&
    Math.abs(a.dy - b.dy) < Math.abs(b.dy) * 1e-6;
  if (same) return t1.read([0, row0, t2.width, row1], bands1);
  const width = t2.width;
  const cols = new Int32Array(width);
  for (let c = 0; c < width; c++) cols[c] = Math.floor((b.x0 + (c + 0.5) * b.dx - a.x0) / a.dx);
  const rows = new Int32Array(row1 - row0);
  for (let r = row0; r < row1; r++) rows[r - row0] = Math.floor((b.y0 + (r + 0.5) * b.dy - a.y0) / a.dy);
  const clamp = (v: number, n: number): number => Math.max(0, Math.min(n, v));
  const c0 = clamp(Math.min(...cols), t1.width - 1);
  const c1 = clamp(Math.max(...cols) + 1, t1.width);
  const r0 = clamp(Math.min(...rows), t1.height - 1);
  const r1 = clamp(Math.max(...rows) + 1, t1.height);
  const out = bands1.map(() => new Float32Array(width * (row1 - row0)));
  if (c1 <= c0 || r1 <= r0) return out;
  const data = await t1.read([c0, r0, c1, r1], bands1);
  const w = c1 - c0;
  for (let r = 0; r < rows.length; r++) {
    const sr = rows[r] as number;
    if (sr < r0 || sr >= r1) continue;
    for (let c = 0; c < width; c++) {
      const sc = cols[c] as number;
      if (sc < c0 || sc >= c1) continue;
      const from = (sr - r0) * w + sc - c0;
      data.forEach((band, i) => ((out[i] as Float32Array)[r * width + c] = band[from] as number));
    }
  }
  return out;
}
