/**
 * Node only: a TileExecutor over worker threads. Each worker opens the two GeoTIFFs itself (own block cache,
 * native inflate) and computes chunks of consecutive tile rows; chunks go to whichever worker is free, and
 * results come back with their buffers transferred. Import from scripts and Node tools only.
 */
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TileExecutor } from '../core/detect/executor.ts';
import type { TileJob, TileResult } from '../core/detect/tile-work.ts';
import { DetectCancelledError } from '../core/detect/types.ts';
import { haloOf } from '../core/detect/params.ts';
import type { DetectPlan } from '../core/detect/app-request.ts';

/** Messages to a tile worker. */
export type PoolRequest =
  | { type: 'init'; t1: string; t2: string; plan: DetectPlan | null; cacheBytes: number }
  | { type: 'jobs'; jobs: TileJob[]; calibration: unknown; params: unknown; sweepRows: number };

/** Messages from a tile worker. */
export type PoolReply =
  | { type: 'ready' }
  | { type: 'result'; result: TileResult }
  | { type: 'idle' }
  | { type: 'error'; message: string };

export interface NodePoolOptions {
  /** Worker threads (default: number of cores). */
  workers?: number;
  /** Bands read per date and roles (the coordinator's `OpenedPair.plan`; default: roles by band count). */
  plan?: DetectPlan;
  /**
   * Tile rows per chunk handed to a worker (default: the scene split evenly between the workers, so only
   * the block rows at the few chunk edges are decoded twice, for the halos).
   */
  chunkRows?: number;
  /** Decoded-block cache per worker and file. */
  cacheBytes?: number;
}

/**
 * Start a worker on a module. From TypeScript sources (tsx, vitest) the thread must register the tsx loader
 * itself before importing the module: loader hooks of the parent do not reach worker threads on Node 20.
 */
function spawnWorker(url: URL): Worker {
  // An (empty) workerData keeps geotiff.js's `web-worker` dependency from taking this thread for its own.
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: {} });
  const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true, workerData: {} });
}

/** A worker-thread executor for two GeoTIFF paths; call `close()` when done. */
export function nodePoolExecutor(
  t1: string,
  t2: string,
  options: NodePoolOptions = {},
): TileExecutor & { ready(): Promise<void>; close(): Promise<void> } {
  const count = Math.max(1, options.workers ?? cpus().length);
  const workers: Worker[] = [];
  let readiness: Promise<void> | null = null;
  const start = (): Promise<void> => {
    if (readiness) return readiness;
    for (let i = 0; i < count; i += 1) {
      const w = spawnWorker(new URL('./geotiff-tile-worker-node.ts', import.meta.url));
      const init: PoolRequest = {
        type: 'init',
        t1,
        t2,
        plan: options.plan ?? null,
        cacheBytes: options.cacheBytes ?? 96 * 2 ** 20,
      };
      w.postMessage(init);
      workers.push(w);
    }
    readiness = Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const onMessage = (reply: PoolReply): void => {
              if (reply.type === 'ready') resolve();
              else if (reply.type === 'error') reject(new Error(`tile worker: ${reply.message}`));
              else return;
              w.off('message', onMessage);
            };
            w.on('message', onMessage);
            w.once('error', reject);
          }),
      ),
    ).then(() => undefined);
    return readiness;
  };
  return {
    ready: start,
    async run(jobs, calibration, params, deliver, signal) {
      await start();
      const perRow = jobs.filter((j) => j.core.y0 === jobs[0]?.core.y0).length || 1;
      const rows = Math.ceil(jobs.length / perRow);
      const chunk = perRow * (options.chunkRows ?? Math.ceil(rows / workers.length));
      let nextJob = 0;
      let delivered = 0;
      return new Promise<void>((resolve, reject) => {
        const cleanup = (): void => {
          for (const w of workers) w.removeAllListeners('message').removeAllListeners('error');
          signal?.removeEventListener('abort', onAbort);
        };
        const fail = (error: Error): void => {
          cleanup();
          reject(error);
        };
        const onAbort = (): void => fail(new DetectCancelledError());
        signal?.addEventListener('abort', onAbort);
        const feed = (w: Worker): void => {
          if (nextJob >= jobs.length) return;
          const slice = jobs.slice(nextJob, nextJob + chunk);
          nextJob += slice.length;
          // A worker sweeps its rows of tiles left to right: its block caches keep one such row, halo included.
          const sweepRows = params.tileSize + 2 * haloOf(params);
          const request: PoolRequest = { type: 'jobs', jobs: slice, calibration, params, sweepRows };
          w.postMessage(request);
        };
        for (const w of workers) {
          w.on('message', (reply: PoolReply) => {
            if (reply.type === 'error') return fail(new Error(`tile worker: ${reply.message}`));
            if (reply.type === 'idle') return feed(w);
            if (reply.type !== 'result') return;
            try {
              deliver(reply.result);
            } catch (error) {
              return fail(error as Error);
            }
            delivered += 1;
            if (delivered === jobs.length) {
              cleanup();
              resolve();
            }
          });
          w.on('error', (error) => fail(error));
          feed(w);
        }
        if (jobs.length === 0) {
          cleanup();
          resolve();
        }
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
      workers.length = 0;
      readiness = null;
    },
  };
}
