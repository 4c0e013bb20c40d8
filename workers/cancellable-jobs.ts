/**
 * A worker's running jobs by id: each runs under its own AbortController, so the page's `cancel(jobId)`
 * stops it between blocks.
 */
export function cancellableJobs(): {
  run<T>(jobId: number, work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  cancel(jobId: number): void;
} {
  const running = new Map<number, AbortController>();
  return {
    async run(jobId, work) {
      const controller = new AbortController();
      running.set(jobId, controller);
      try {
        return await work(controller.signal);
      } finally {
        running.delete(jobId);
      }
    },
    cancel(jobId) {
      running.get(jobId)?.abort();
    },
  };
}
