import { describe, expect, it } from 'vitest';
import { commitWithSerials, type SerialStore } from '../../../src/state/patch-serials.ts';

function memoryStore(marks: Record<string, number> = {}, spent: string[] = []) {
  const saved: Record<string, number>[] = [];
  const store: SerialStore & { saved: typeof saved; current: () => Record<string, number> } = {
    get marks() {
      return saved.at(-1) ?? marks;
    },
    spent,
    save: async (next) => {
      saved.push(next);
    },
    saved,
    current: () => saved.at(-1) ?? marks,
  };
  return store;
}

describe('serial numbers are allocated when patches are committed', () => {
  it('the first committed patch of a fresh project is 0001', async () => {
    const store = memoryStore();
    const ids = await commitWithSerials(['450512', '450512'], 2026, store, async (numbered) => numbered);
    expect(ids).toEqual(['450512-2026-0001', '450512-2026-0002']);
    expect(store.current()).toEqual({ '450512-2026': 2 });
  });

  it('a failed commit allocates nothing: the next commit starts where it would have', async () => {
    const store = memoryStore();
    const failing = commitWithSerials(Array(42).fill('450512'), 2026, store, async () => {
      throw new Error('refused');
    });
    await expect(failing).rejects.toThrow('refused');
    expect(store.saved).toEqual([]);
    const [first] = await commitWithSerials(['450512'], 2026, store, async (numbered) => numbered);
    expect(first).toBe('450512-2026-0001');
  });

  it('never reuses a number the log holds, even when the marks were not saved', async () => {
    const store = memoryStore({}, ['450512-2026-0007', '450521-2026-0003']);
    const ids = await commitWithSerials(['450512', '450521', 'x'], 2026, store, async (n) => n);
    expect(ids).toEqual(['450512-2026-0008', '450521-2026-0004', '000000-2026-0001']);
  });

  it('stored marks are never lowered', async () => {
    const store = memoryStore({ '450512-2026': 12 }, ['450512-2026-0003']);
    const [id] = await commitWithSerials(['450512'], 2026, store, async (n) => n);
    expect(id).toBe('450512-2026-0013');
    expect(store.current()['450512-2026']).toBe(13);
  });
});
