import * as Comlink from 'comlink';
import type { LayerApi } from '../../workers/layer-api.ts';

let client: Comlink.Remote<LayerApi> | null = null;

/** The vector import worker of the page: parsing, reprojection and WKB never run on the main thread. */
export function layerWorker(): Comlink.Remote<LayerApi> {
  if (!client) {
    const worker = new Worker(new URL('../../workers/layer.worker.ts', import.meta.url), { type: 'module' });
    client = Comlink.wrap<LayerApi>(worker);
  }
  return client;
}
