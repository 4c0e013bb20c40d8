/**
 * Where tile work runs. The pipeline hands the executor its tile jobs plus the scene-wide calibration and
 * receives results in any order; it assembles them in row-major order. `localExecutor` works on this
 * thread (reading the next tile while computing the current one); worker pools implement the same interface
 * (src/io/geotiff-pool-node.ts in Node, workers/raster.worker.ts in the browser).
 */
import type { BandArray } from '../raster/types.ts';
import type { Calibration } from './features.ts';
import type { DetectParams } from './params.ts';
import { computeTile, type TileJob, type TileResult } from './tile-work.ts';
import { DetectCancelledError, type RasterSource } from './types.ts';

export interface TileExecutor {
  /** Compute every job, calling `deliver` once per job (any order); resolves when all are delivered. */
  run(
    jobs: readonly TileJob[],
    calibration: Calibration,
    params: DetectParams,
    deliver: (result: TileResult) => void,
    signal?: AbortSignal,
  ): Promise<void>;
}

/**
 * Tile reads that alternate between two sets of band arrays (slot 0 and 1): the tile being computed and
 * the one being read never share arrays, and no arrays are allocated after the first two tiles.
 */
export function readerWithReuse(
  t1: RasterSource,
  t2: RasterSource,
  signal?: AbortSignal,
): (job: TileJob, slot: number) => Promise<[BandArray[], BandArray[]]> {
  const slots: [BandArray[] | undefined, BandArray[] | undefined][] = [
    [undefined, undefined],
    [undefined, undefined],
  ];
  return async (job, slot) => {
    const s = slots[slot % 2]!;
    const [a, b] = await Promise.all([
      t1.readWindow(job.read, signal, s[0]),
      t2.readWindow(job.read, signal, s[1]),
    ]);
    s[0] = a;
    s[1] = b;
    return [a, b];
  };
}

/** Run tiles one after the other on this thread, prefetching the next tile's windows. */
export function localExecutor(t1: RasterSource, t2: RasterSource): TileExecutor {
  return {
    async run(jobs, calibration, params, deliver, signal) {
      const read = readerWithReuse(t1, t2, signal);
      let pending = jobs[0] ? read(jobs[0], 0) : null;
      for (let i = 0; i < jobs.length; i += 1) {
        if (signal?.aborted) throw new DetectCancelledError();
        const [a, b] = await pending!;
        const next = jobs[i + 1];
        // Decoding of the next tile overlaps with this tile's computation.
        pending = next ? read(next, (i + 1) % 2) : null;
        deliver(computeTile(a, b, jobs[i]!, { t1: t1.nodata, t2: t2.nodata }, params, calibration));
      }
    },
  };
}
