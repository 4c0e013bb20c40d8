import * as Comlink from 'comlink';
import type { ImageryApi } from '../../workers/imagery-api.ts';

let client: Comlink.Remote<ImageryApi> | null = null;

/** The one imagery display worker of the page (decoding never runs on the main thread). */
export function imageryWorker(): Comlink.Remote<ImageryApi> {
  if (!client) {
    const worker = new Worker(new URL('../../workers/imagery.worker.ts', import.meta.url), {
      type: 'module',
    });
    client = Comlink.wrap<ImageryApi>(worker);
  }
  return client;
}
