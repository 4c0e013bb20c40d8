import * as Comlink from 'comlink';
import type { LayerApi } from '../../workers/layer-api.ts';

let client: Comlink.Remote<LayerApi> | null = null;
let thread: Worker | null = null;

/** The vector import worker of the page: parsing, reprojection and WKB never run on the main thread. */
export function layerWorker(): Comlink.Remote<LayerApi> {
  if (!client) {
    thread = new Worker(new URL('../../workers/layer.worker.ts', import.meta.url), { type: 'module' });
    client = Comlink.wrap<LayerApi>(thread);
  }
  return client;
}

/**
 * Stop the worker outright. A hostile file can keep a reader busy in one synchronous loop where it never sees
 * the cancel message; terminating is the only way to get it back, and the next read starts a fresh worker.
 */
export function terminateLayerWorker(): void {
  thread?.terminate();
  thread = null;
  client = null;
}

let active = 0;

/**
 * Run `work` on the layer worker, and end the worker once no work is left: a large read leaves hundreds of MB of
 * parsed text and objects in the worker's heap, which V8 keeps long after the read. A fresh worker starts in a
 * fraction of a second.
 */
export async function withLayerWorker<T>(work: (api: Comlink.Remote<LayerApi>) => Promise<T>): Promise<T> {
  active += 1;
  try {
    return await work(layerWorker());
  } finally {
    active -= 1;
    if (active === 0) terminateLayerWorker();
  }
}

/** How long a cancelled read may take to notice before its worker is terminated. */
export const CANCEL_GRACE_MS = 2000;
