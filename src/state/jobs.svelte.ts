/** One long-running piece of work shown in the status bar (import, detection, export…). */
export interface Job {
  id: number;
  /** What the work is, for code that must find it (the label is translated text). */
  kind: JobKind | null;
  label: string;
  /** 0..1, or null while the total is unknown. */
  progress: number | null;
  message: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  cancellable: boolean;
}

/** Jobs that other code looks for while they run. */
export type JobKind = 'detection';

export interface JobHandle {
  readonly signal: AbortSignal;
  update(progress: number | null, message?: string): void;
  done(): void;
  fail(error: unknown): void;
}

/** The shared job registry: every feature registers its long work here so users see it and can cancel it. */
class JobRegistry {
  jobs = $state<Job[]>([]);
  #controllers = new Map<number, AbortController>();
  #next = 1;

  get running(): Job[] {
    return this.jobs.filter((job) => job.status === 'running');
  }

  start(label: string, options: { cancellable?: boolean; kind?: JobKind } = {}): JobHandle {
    const id = this.#next++;
    const controller = new AbortController();
    this.#controllers.set(id, controller);
    this.jobs.push({
      id,
      kind: options.kind ?? null,
      label,
      progress: null,
      message: '',
      status: 'running',
      cancellable: options.cancellable ?? true,
    });
    const patch = (changes: Partial<Job>): void => {
      const job = this.jobs.find((candidate) => candidate.id === id);
      if (job && job.status === 'running') Object.assign(job, changes);
    };
    const finish = (status: Job['status'], message = ''): void => {
      patch({ status, message, progress: status === 'done' ? 1 : null });
      this.#controllers.delete(id);
      // Keep finished jobs briefly so the user sees the outcome, then tidy up.
      setTimeout(() => this.#remove(id), status === 'failed' ? 15000 : 2500);
    };
    controller.signal.addEventListener('abort', () => finish('cancelled'), { once: true });
    return {
      signal: controller.signal,
      update: (progress, message) => patch({ progress, ...(message !== undefined ? { message } : {}) }),
      done: () => finish('done'),
      fail: (error) => finish('failed', error instanceof Error ? error.message : String(error)),
    };
  }

  cancel(id: number): void {
    this.#controllers.get(id)?.abort();
  }

  #remove(id: number): void {
    this.jobs = this.jobs.filter((job) => job.id !== id);
  }
}

export const jobs = new JobRegistry();
