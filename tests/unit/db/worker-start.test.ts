import { describe, expect, it } from 'vitest';
import { untilWorkerFails } from '../../../src/db/worker-start.ts';

/** An `error` event as a worker's uncaught exception delivers it (Node has no ErrorEvent). */
function workerError(message: string): ErrorEvent {
  const event = new Event('error', { cancelable: true }) as ErrorEvent;
  Object.defineProperty(event, 'message', { value: message });
  return event;
}

describe('untilWorkerFails', () => {
  it('settles with the start when the worker stays healthy, and leaves no listener behind', async () => {
    const worker = new EventTarget();
    const later: string[] = [];
    await expect(untilWorkerFails(worker, () => Promise.resolve(42))).resolves.toBe(42);
    worker.addEventListener('error', () => later.push('seen'));
    const event = workerError('after the start');
    worker.dispatchEvent(event);
    // After the start, errors reach other listeners and are not cancelled.
    expect(later).toEqual(['seen']);
    expect(event.defaultPrevented).toBe(false);
  });

  it('rejects with the worker’s message when it fails while the start is pending for ever', async () => {
    const worker = new EventTarget();
    const other: string[] = [];
    const started = untilWorkerFails(worker, () => {
      // A listener added by the start itself (duckdb-wasm logs worker errors) comes after ours.
      worker.addEventListener('error', () => other.push('logged'));
      return new Promise<never>(() => undefined);
    });
    const event = workerError('Uncaught TypeError: Failed to fetch');
    worker.dispatchEvent(event);
    await expect(started).rejects.toThrow('Uncaught TypeError: Failed to fetch');
    expect(event.defaultPrevented).toBe(true);
    expect(other).toEqual([]);
  });

  it('passes on a start that fails by itself', async () => {
    const worker = new EventTarget();
    await expect(untilWorkerFails(worker, () => Promise.reject(new Error('bad bundle')))).rejects.toThrow(
      'bad bundle',
    );
  });
});
