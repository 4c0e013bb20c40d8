import * as Comlink from 'comlink';
import { unpackPatches } from '../core/change/patch-codec.ts';
import type { ChangePatch } from '../core/change/patches.ts';
import type { DetectApi } from '../../workers/detect-api.ts';
import { registerDetectEngine, type DetectEngine } from './detection.svelte.ts';

let client: Comlink.Remote<DetectApi> | null = null;
let nextJob = 1;

function detectWorker(): Comlink.Remote<DetectApi> {
  if (!client) {
    const worker = new Worker(new URL('../../workers/detect.worker.ts', import.meta.url), { type: 'module' });
    client = Comlink.wrap<DetectApi>(worker);
  }
  return client;
}

/** The change-detection engine of the page: src/core/change in a worker, cancelled through the signal. */
export const detectEngine: DetectEngine = {
  async detect(request, signal, onProgress) {
    const worker = detectWorker();
    const jobId = nextJob++;
    const abort = (): void => void worker.cancel(jobId);
    signal.addEventListener('abort', abort, { once: true });
    try {
      signal.throwIfAborted();
      const result = await worker.detect(
        jobId,
        request,
        Comlink.proxy((share: number, message: string, patches: ChangePatch[]) => {
          if (!signal.aborted) onProgress(share, message, patches);
        }),
      );
      return { patches: unpackPatches(result.patches), params: result.params };
    } finally {
      signal.removeEventListener('abort', abort);
    }
  },
};

registerDetectEngine(detectEngine);
