/**
 * The raster worker: change detection over two GeoTIFFs (File/Blob or ArrayBuffer) with progress, cancel and
 * bounded memory (tiles read through a bounded block cache, never the whole scene). It coordinates helper
 * workers (this same module) when cores allow: the helpers compute tiles, this worker calibrates, assembles
 * components across tile seams and traces patches. DEFLATE goes through fflate (src/io/geotiff-inflate-web.ts).
 * Start with `new Worker(new URL('../../workers/raster.worker.ts', import.meta.url), { type: 'module' })`.
 */
import * as Comlink from 'comlink';
import type { DetectPlan } from '../src/core/detect/app-request.ts';
import { readerWithReuse, type TileExecutor } from '../src/core/detect/executor.ts';
import { polygonRegionMask } from '../src/core/detect/mask.ts';
import { haloOf } from '../src/core/detect/params.ts';
import { detectChanges } from '../src/core/detect/pipeline.ts';
import { computeTile, transferables, type TileResult } from '../src/core/detect/tile-work.ts';
import { DetectCancelledError } from '../src/core/detect/types.ts';
import { useFastInflate } from '../src/io/geotiff-inflate-web.ts';
import { openPair } from '../src/io/geotiff-pair.ts';
import type { DetectResponse, RasterApi, TileWorkRequest } from './raster-api.ts';

useFastInflate();
const running = new Map<string, AbortController>();
/** Decoded-block cache per image and worker: bounds memory whatever the scene size. */
const CACHE_BYTES = 64 * 2 ** 20;

const asBlob = (input: Blob | ArrayBuffer): Blob => (input instanceof Blob ? input : new Blob([input]));

function controllerFor(jobId: string): AbortController {
  const controller = new AbortController();
  running.get(jobId)?.abort();
  running.set(jobId, controller);
  return controller;
}

/** Helper workers as a TileExecutor: each takes a contiguous band of tile rows. */
function helperExecutor(
  helpers: Comlink.Remote<RasterApi>[],
  jobId: string,
  t1: Blob,
  t2: Blob,
  plan: DetectPlan,
): TileExecutor {
  return {
    async run(jobs, calibration, params, deliver, signal) {
      const perRow = jobs.filter((j) => j.core.y0 === jobs[0]?.core.y0).length || 1;
      const rows = Math.ceil(jobs.length / perRow);
      const chunk = perRow * Math.ceil(rows / helpers.length);
      const onAbort = (): void => helpers.forEach((h) => void h.cancel(jobId));
      signal?.addEventListener('abort', onAbort);
      try {
        await Promise.all(
          helpers.map((h, i) => {
            const slice = jobs.slice(i * chunk, (i + 1) * chunk);
            if (slice.length === 0) return Promise.resolve();
            const request: TileWorkRequest = { jobId, t1, t2, plan, jobs: slice, calibration, params };
            return h.computeTiles(request, Comlink.proxy(deliver));
          }),
        );
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
      if (signal?.aborted) throw new DetectCancelledError();
    },
  };
}

const api: RasterApi = {
  async detect(request, onProgress) {
    const controller = controllerFor(request.jobId);
    const t1 = asBlob(request.t1);
    const t2 = asBlob(request.t2);
    const pair = await openPair(t1, t2, {
      ...(request.roles ? { roles: request.roles } : request.bands ? { bands: request.bands } : {}),
      cacheBytes: CACHE_BYTES,
    });
    const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
    // Helpers do the pixel work; this worker mostly waits, so one helper per core.
    const count = request.helpers ?? Math.max(1, cores);
    const helpers: Worker[] = [];
    try {
      const input = { ...pair.input };
      if (request.dates) input.dates = request.dates;
      if (request.region) {
        input.mask = polygonRegionMask(request.region, pair.input.geotransform, pair.fromLonLat ?? undefined);
      }
      for (let i = 0; i < count; i += 1)
        helpers.push(new Worker(new URL('./raster.worker.ts', import.meta.url), { type: 'module' }));
      const remotes = helpers.map((w) => Comlink.wrap<RasterApi>(w));
      const result = await detectChanges(input, request.params ?? {}, {
        signal: controller.signal,
        // Fire and forget: awaiting the main thread on every tile would slow the job down.
        ...(onProgress ? { onProgress: (p) => void onProgress(p) } : {}),
        ...(count > 0 ? { executor: helperExecutor(remotes, request.jobId, t1, t2, pair.plan) } : {}),
      });
      const response: DetectResponse = {
        jobId: request.jobId,
        patches: result.patches,
        params: result.params,
        calibration: result.calibration,
        provenance: result.provenance,
        crs: pair.crs.name,
        width: pair.t2.meta.width,
        height: pair.t2.meta.height,
        stats: { ...result.stats, helpers: count },
      };
      return response;
    } finally {
      for (const w of helpers) w.terminate();
      running.delete(request.jobId);
      await pair.close();
    }
  },

  cancel(jobId) {
    running.get(jobId)?.abort();
  },

  async computeTiles(request, deliver) {
    const controller = controllerFor(request.jobId);
    // Each helper sweeps its band of tile rows left to right: keep a whole row of tiles (with halo) decoded.
    const pair = await openPair(request.t1, request.t2, {
      plan: request.plan,
      cacheBytes: CACHE_BYTES,
      sweepRows: request.params.tileSize + 2 * haloOf(request.params),
    });
    const { t1, t2 } = pair.input;
    const nodata = { t1: t1.nodata, t2: t2.nodata };
    const read = readerWithReuse(t1, t2, controller.signal);
    // Results travel over the callback's own channel: wait until all have been handled before returning.
    const deliveries: Promise<void>[] = [];
    try {
      let pending = request.jobs[0] ? read(request.jobs[0], 0) : null;
      for (let i = 0; i < request.jobs.length; i += 1) {
        if (controller.signal.aborted) return;
        const [a, b] = await pending!;
        const next = request.jobs[i + 1];
        pending = next ? read(next, i + 1) : null;
        pending?.catch(() => undefined);
        const result: TileResult = computeTile(
          a,
          b,
          request.jobs[i]!,
          nodata,
          request.params,
          request.calibration,
        );
        deliveries.push(Promise.resolve(deliver(Comlink.transfer(result, transferables(result)))));
      }
      await Promise.all(deliveries);
    } finally {
      running.delete(request.jobId);
      await pair.close();
    }
  },
};

Comlink.expose(api);
