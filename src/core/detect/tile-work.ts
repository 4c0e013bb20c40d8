/**
 * The per-tile pixel work, separable from the assembly so it can run in worker threads: read window (core +
 * halo) → change statistic → threshold and gates → morphology → the core's change mask, plus the z-score and
 * indices of each changed pixel (in raster order). Results are plain typed arrays (structured-clone and
 * transfer friendly).
 */
import { close, open } from '../raster/morphology.ts';
import { Scratch } from '../raster/scratch.ts';
import type { BandArray, PixelWindow } from '../raster/types.ts';
import { changeMask, pixelIndices, pixelModel, windowFeatures, type Calibration } from './features.ts';
import type { DetectParams } from './params.ts';

/** One tile: its core and the window read for it (core plus halo, clipped to the scene). */
export interface TileJob {
  index: number;
  core: PixelWindow;
  read: PixelWindow;
}

/** What the assembly needs from a tile. */
export interface TileResult {
  index: number;
  core: PixelWindow;
  /** Core-sized change mask (before the search-region mask). */
  mask: Uint8Array;
  /** For each 1-pixel of `mask`, in raster order: its z-score… */
  fgZ: Float32Array;
  /** …and its 6 indices (vegetation, water and brightness of T1 and T2; water NaN without NIR). */
  fgIx: Float32Array;
}

/** Tiles of the scene in row-major order. */
export function tileJobs(width: number, height: number, size: number, halo: number): TileJob[] {
  const jobs: TileJob[] = [];
  for (let y0 = 0; y0 < height; y0 += size)
    for (let x0 = 0; x0 < width; x0 += size) {
      const core = { x0, y0, x1: Math.min(width, x0 + size), y1: Math.min(height, y0 + size) };
      const read = {
        x0: Math.max(0, core.x0 - halo),
        y0: Math.max(0, core.y0 - halo),
        x1: Math.min(width, core.x1 + halo),
        y1: Math.min(height, core.y1 + halo),
      };
      jobs.push({ index: jobs.length, core, read });
    }
  return jobs;
}

// Per-thread scratch: tiles are computed one at a time on a thread, and nothing below escapes computeTile.
const scratch = new Scratch();

/** Compute a tile from the bands of its read window. */
export function computeTile(
  a: readonly BandArray[],
  b: readonly BandArray[],
  job: TileJob,
  nodata: { t1: number | null; t2: number | null },
  params: DetectParams,
  cal: Calibration,
): TileResult {
  const { core, read } = job;
  const rw = read.x1 - read.x0;
  const rh = read.y1 - read.y0;
  const f = windowFeatures(
    a,
    b,
    rw,
    rh,
    nodata,
    cal.irmad,
    pixelModel(cal),
    params.smoothRadius,
    scratch,
    cal.zeroFill,
  );
  let mask = changeMask(f, cal, scratch);
  if (params.openRadius > 0) mask = open(mask, rw, rh, params.openRadius);
  if (params.closeRadius > 0) mask = close(mask, rw, rh, params.closeRadius);
  const cw = core.x1 - core.x0;
  const ch = core.y1 - core.y0;
  const fx = core.x0 - read.x0;
  const fy = core.y0 - read.y0;
  const coreMask = new Uint8Array(cw * ch);
  let count = 0;
  for (let r = 0; r < ch; r += 1) {
    const from = (r + fy) * rw + fx;
    coreMask.set(mask.subarray(from, from + cw), r * cw);
  }
  for (let i = 0; i < coreMask.length; i += 1) count += coreMask[i]!;
  const fgZ = new Float32Array(count);
  const fgIx = new Float32Array(6 * count);
  const ix = new Float64Array(6);
  let k = 0;
  for (let r = 0; r < ch; r += 1)
    for (let c = 0; c < cw; c += 1) {
      if (!coreMask[r * cw + c]) continue;
      const q = (r + fy) * rw + c + fx;
      fgZ[k] = (f.stat[q]! - cal.statMedian) / cal.statSigma;
      pixelIndices(f, q, ix);
      for (let j = 0; j < 6; j += 1) fgIx[6 * k + j] = ix[j]!;
      k += 1;
    }
  return { index: job.index, core, mask: coreMask, fgZ, fgIx };
}

/** The buffers of a result, for `postMessage(result, transferables(result))`. */
export function transferables(r: TileResult): ArrayBuffer[] {
  return [r.mask.buffer, r.fgZ.buffer, r.fgIx.buffer] as ArrayBuffer[];
}
