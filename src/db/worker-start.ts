/** The parts of a Worker that `untilWorkerFails` uses (a plain EventTarget in unit tests). */
export type ErrorSource = Pick<Worker, 'addEventListener' | 'removeEventListener'>;

/**
 * Run `start` (which talks to `worker`) and settle with it, or reject as soon as the worker reports an uncaught
 * error. The listener is added before `start` runs, so it comes first: it stops the event there (the page would
 * otherwise report it as its own uncaught error, and duckdb-wasm would log it a second time) and turns it into
 * the one error the caller shows. After the start, the worker's errors go where they went before.
 */
export function untilWorkerFails<T>(worker: ErrorSource, start: () => Promise<T>): Promise<T> {
  let onError: (event: ErrorEvent) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    onError = (event) => {
      event.preventDefault();
      event.stopImmediatePropagation();
      reject(new Error(event.message || 'worker failed'));
    };
    worker.addEventListener('error', onError);
  });
  return Promise.race([start(), failed]).finally(() => worker.removeEventListener('error', onError));
}
