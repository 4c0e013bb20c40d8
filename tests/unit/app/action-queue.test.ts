import { describe, expect, it } from 'vitest';
import { ActionQueue } from '../../../src/app/action-queue.ts';

const later = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('ActionQueue', () => {
  it('runs actions in the order asked, each with the id it was asked with', async () => {
    const queue = new ActionQueue<string>(() => undefined);
    const done: string[] = [];
    void queue.run('a', async (id) => {
      await later(20);
      done.push(id);
    });
    void queue.run('b', async (id) => {
      done.push(id);
    });
    await queue.run('c', async (id) => {
      done.push(id);
    });
    expect(done).toEqual(['a', 'b', 'c']);
  });

  it('reports a failure and goes on with the next action', async () => {
    const errors: unknown[] = [];
    const queue = new ActionQueue<number>((error) => errors.push(error));
    const done: number[] = [];
    void queue.run(1, () => Promise.reject(new Error('refused')));
    await queue.run(2, async (id) => {
      done.push(id);
    });
    expect(done).toEqual([2]);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/refused/);
  });
});
