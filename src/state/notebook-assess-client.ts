/**
 * Assessment workers: up to two, so that the FVC of T1 and T2 decode on two cores at once. A cancelled job
 * is asked to stop; if it does not answer quickly (the vector sums run without pausing), its worker is
 * terminated and replaced.
 */
import * as Comlink from 'comlink';
import type { AssessApi } from '../../workers/indicators-api.ts';

interface Slot {
  worker: Worker;
  api: Comlink.Remote<AssessApi>;
}

const slots: (Slot | null)[] = [null, null];
let nextJob = 1;

function slot(index: number): Slot {
  let s = slots[index];
  if (!s) {
    const worker = new Worker(new URL('../../workers/indicators.worker.ts', import.meta.url), {
      type: 'module',
    });
    s = { worker, api: Comlink.wrap<AssessApi>(worker) };
    slots[index] = s;
  }
  return s;
}

/** Thrown when the user cancelled an assessment job. */
export class AssessCancelledError extends Error {
  constructor() {
    super('assessment cancelled');
    this.name = 'AssessCancelledError';
  }
}

/**
 * Run one job on worker `index` (0 or 1). `signal` cancels it: the promise rejects at once with
 * AssessCancelledError and the worker is replaced if it has not stopped within a second.
 */
export function onAssessWorker<T>(
  index: 0 | 1,
  signal: AbortSignal,
  job: (api: Comlink.Remote<AssessApi>, jobId: number) => Promise<T>,
): Promise<T> {
  const s = slot(index);
  const jobId = nextJob++;
  if (signal.aborted) return Promise.reject(new AssessCancelledError());
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const onAbort = (): void => {
      if (settled) return;
      settled = true;
      void s.api.cancel(jobId);
      const timer = setTimeout(() => {
        s.worker.terminate();
        if (slots[index] === s) slots[index] = null;
      }, 1000);
      running.then(() => clearTimeout(timer)).catch(() => clearTimeout(timer));
      reject(new AssessCancelledError());
    };
    const running = job(s.api, jobId);
    signal.addEventListener('abort', onAbort, { once: true });
    running.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (!settled) {
          settled = true;
          resolve(value);
        }
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (!settled) {
          settled = true;
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      },
    );
  });
}
