/** Node worker thread of geotiff-pool-node.ts: computes chunks of tiles of two GeoTIFFs. */
import { parentPort } from 'node:worker_threads';
import { readerWithReuse } from '../core/detect/executor.ts';
import type { Calibration } from '../core/detect/features.ts';
import type { DetectParams } from '../core/detect/params.ts';
import { computeTile, transferables, type TileJob } from '../core/detect/tile-work.ts';
import type { RasterSource } from '../core/detect/types.ts';
import { useNodeInflate } from './geotiff-inflate-node.ts';
import { openPair } from './geotiff-pair.ts';
import type { PoolReply, PoolRequest } from './geotiff-pool-node.ts';

useNodeInflate({ sync: true });
const port = parentPort!;
let files: Extract<PoolRequest, { type: 'init' }> | null = null;
/** The pair as opened for one sweep height (the block caches are sized for it), reopened when it changes. */
let opened: { sweepRows: number; pair: ReturnType<typeof openPair> } | null = null;

function sourcesFor(sweepRows: number): Promise<{ t1: RasterSource; t2: RasterSource }> {
  if (!files) throw new Error('tile worker used before init');
  if (!opened || opened.sweepRows !== sweepRows) {
    const previous = opened?.pair;
    void previous?.then((pair) => pair.close()).catch(() => undefined);
    const { t1, t2, plan, cacheBytes } = files;
    opened = { sweepRows, pair: openPair(t1, t2, { ...(plan ? { plan } : {}), cacheBytes, sweepRows }) };
  }
  return opened.pair.then((pair) => pair.input);
}

async function runJobs(
  jobs: TileJob[],
  calibration: Calibration,
  params: DetectParams,
  sweepRows: number,
): Promise<void> {
  const { t1, t2 } = await sourcesFor(sweepRows);
  const read = readerWithReuse(t1, t2);
  let pending = jobs[0] ? read(jobs[0], 0) : null;
  for (let i = 0; i < jobs.length; i += 1) {
    const [a, b] = await pending!;
    pending = jobs[i + 1] ? read(jobs[i + 1]!, i + 1) : null;
    const result = computeTile(a, b, jobs[i]!, { t1: t1.nodata, t2: t2.nodata }, params, calibration);
    const reply: PoolReply = { type: 'result', result };
    port.postMessage(reply, transferables(result));
  }
}

port.on('message', (message: PoolRequest) => {
  if (message.type === 'init') {
    files = message;
    // Opened now to report a bad file at once; the first jobs reopen it for their sweep height.
    sourcesFor(0).then(
      () => port.postMessage({ type: 'ready' } satisfies PoolReply),
      (error: unknown) =>
        port.postMessage({
          type: 'error',
          message: error instanceof Error ? error.message : String(error),
        } satisfies PoolReply),
    );
    return;
  }
  runJobs(
    message.jobs,
    message.calibration as Calibration,
    message.params as DetectParams,
    message.sweepRows,
  ).then(
    () => port.postMessage({ type: 'idle' } satisfies PoolReply),
    (error: unknown) =>
      port.postMessage({
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
      } satisfies PoolReply),
  );
});
