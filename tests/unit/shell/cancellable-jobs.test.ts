import { describe, expect, it } from 'vitest';
import { cancellableJobs } from '../../../workers/cancellable-jobs.ts';

describe('cancellableJobs', () => {
  it('cancel aborts the signal of that job only', async () => {
    const jobs = cancellableJobs();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const signals: AbortSignal[] = [];
    const one = jobs.run(1, async (signal) => {
      signals[0] = signal;
      await gate;
      return signal.aborted;
    });
    const two = jobs.run(2, async (signal) => {
      signals[1] = signal;
      await gate;
      return signal.aborted;
    });
    jobs.cancel(1);
    release();
    expect(await one).toBe(true);
    expect(await two).toBe(false);
  });

  it('forgets a finished job: a late cancel aborts nothing, and errors reach the caller', async () => {
    const jobs = cancellableJobs();
    let kept: AbortSignal | null = null;
    await jobs.run(3, async (signal) => {
      kept = signal;
    });
    jobs.cancel(3);
    expect((kept as AbortSignal | null)?.aborted).toBe(false);
    await expect(
      jobs.run(4, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });
});
