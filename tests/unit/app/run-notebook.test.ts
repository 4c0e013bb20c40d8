import { describe, expect, it } from 'vitest';
import { cancelRun, runAll, runCell, type RunNotebookPorts } from '../../../src/app/run-notebook.ts';
import { setOutput } from '../../../src/core/notebook/edit.ts';
import {
  newNotebook,
  type Cell,
  type CellOutput,
  type Notebook,
  type OutputResult,
} from '../../../src/core/notebook/model.ts';
import { sqlResult } from '../../../src/core/notebook/output.ts';
import { cellStatuses } from '../../../src/core/notebook/stale.ts';
import type { JobHandle } from '../../../src/state/jobs.svelte.ts';

class FakeCancel extends Error {}

const sql = (id: string, source: string): Cell => ({ id, kind: 'sql', source, display: 'table' });

/**
 * A notebook of SQL cells whose source says what the fake runner does: `ok` returns rows, `bad` returns an
 * error result, `throw` throws, `wait` runs until cancelled, `create` changes the data (its version is the
 * fingerprint).
 */
function fakePorts(cells: Cell[], options: { fingerprintFailsAt?: number; before?: string } = {}) {
  let nb: Notebook = { ...newNotebook('nb1', 'p1', 'test', '2026-12-07T00:00:00Z'), cells };
  let dataKey: string | null = null;
  let fingerprints = 0;
  let version = 1;
  const log: string[] = [];
  const running: string[][] = [];
  const jobs: { label: string; state: string }[] = [];
  const notices: string[] = [];
  let flushed = 0;
  let started: () => void = () => undefined;
  const waiting = new Promise<void>((resolve) => (started = resolve));
  const ports: RunNotebookPorts = {
    current: () => nb,
    async result(cell, _nb, signal): Promise<OutputResult> {
      const source = cell.kind === 'sql' ? cell.source : '';
      log.push(`run ${cell.id}`);
      if (source === 'create') version += 1;
      if (source === 'bad') return { type: 'error', message: 'no such table', position: null };
      if (source === 'throw') throw new Error('reader broke');
      if (source === 'wait') {
        started();
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        throw new FakeCancel('cancelled');
      }
      return sqlResult([{ name: 'n', type: 'Int32' }], [{ n: 1 }]);
    },
    isCancellation: (error) => error instanceof FakeCancel,
    async fingerprint() {
      fingerprints += 1;
      if (fingerprints === options.fingerprintFailsAt) throw new Error('DuckDB went away');
      return `d${version}`;
    },
    dataKey: () => dataKey,
    setDataKey: (key) => {
      dataKey = key;
    },
    setRunning: (ids) => running.push([...ids]),
    async storeOutput(id, output) {
      log.push(`store ${id}`);
      nb = setOutput(nb, id, output, output.ranAt);
    },
    async flush() {
      flushed += 1;
    },
    startJob(label) {
      const job = { label, state: 'running' };
      jobs.push(job);
      const handle: JobHandle = {
        signal: new AbortController().signal,
        update: () => undefined,
        done: () => (job.state = 'done'),
        fail: () => (job.state = 'failed'),
      };
      return handle;
    },
    notifyError: (message) => notices.push(message),
  };
  return {
    ports,
    log,
    running,
    jobs,
    notices,
    waiting,
    notebook: () => nb,
    dataKey: () => dataKey,
    flushed: () => flushed,
    /** Give every cell an output computed against data `d0`, as if the notebook had run before. */
    ranBefore() {
      const old: CellOutput = {
        ranAt: '2026-12-06T00:00:00Z',
        ms: 1,
        inputKey: '',
        dataKey: 'd0',
        result: { type: 'error', message: 'old', position: null },
      };
      for (const cell of nb.cells) nb = setOutput(nb, cell.id, old, old.ranAt);
    },
  };
}

describe('run a notebook', () => {
  it('runs every cell but markdown from top to bottom and stores fresh outputs', async () => {
    const fake = fakePorts([sql('a', 'ok'), { id: 'm', kind: 'markdown', source: '# t' }, sql('b', 'ok')]);
    await runAll(fake.ports);
    expect(fake.log).toEqual(['run a', 'store a', 'run b', 'store b']);
    const statuses = cellStatuses(fake.notebook(), fake.dataKey());
    expect([...statuses]).toEqual([
      ['a', 'fresh'],
      ['m', 'none'],
      ['b', 'fresh'],
    ]);
    expect(fake.jobs).toEqual([{ label: 'all', state: 'done' }]);
    expect(fake.running[0]).toEqual(['a', 'b']);
    expect(fake.running.at(-1)).toEqual([]);
    expect(fake.flushed()).toBe(1);
  });

  it('keeps a failing cell’s error as its output and goes on with the cells after it', async () => {
    const fake = fakePorts([sql('a', 'bad'), sql('b', 'throw'), sql('c', 'ok')]);
    await runAll(fake.ports);
    const outputs = fake.notebook().outputs;
    expect(outputs.a?.result).toMatchObject({ type: 'error', message: 'no such table' });
    expect(outputs.b?.result).toMatchObject({ type: 'error', message: 'reader broke' });
    expect(outputs.c?.result.type).toBe('sql');
    expect(fake.jobs[0]?.state).toBe('done');
    expect(fake.notices).toEqual([]);
  });

  it('stops "run all" when the run itself fails, leaving the later cells’ old outputs stale', async () => {
    // Fingerprints: at the start, after cell a, then measuring after cell b fails.
    const fake = fakePorts([sql('a', 'ok'), sql('b', 'ok'), sql('c', 'ok')], { fingerprintFailsAt: 3 });
    fake.ranBefore();
    await runAll(fake.ports);
    expect(fake.log).toEqual(['run a', 'store a', 'run b']);
    expect(fake.jobs[0]?.state).toBe('failed');
    expect(fake.notices).toEqual(['DuckDB went away']);
    const statuses = cellStatuses(fake.notebook(), fake.dataKey());
    expect(statuses.get('a')).toBe('fresh');
    expect(statuses.get('b')).toBe('stale');
    expect(statuses.get('c')).toBe('stale');
    expect(fake.notebook().outputs.c?.ranAt).toBe('2026-12-06T00:00:00Z');
    expect(fake.running.at(-1)).toEqual([]);
  });

  it('writes no output for a cancelled cell nor any after it, and reports no failure', async () => {
    const fake = fakePorts([sql('a', 'ok'), sql('b', 'wait'), sql('c', 'ok')]);
    const run = runAll(fake.ports);
    await fake.waiting;
    cancelRun();
    await run;
    expect(fake.log).toEqual(['run a', 'store a', 'run b']);
    expect(Object.keys(fake.notebook().outputs)).toEqual(['a']);
    expect(fake.jobs[0]?.state).toBe('running');
    expect(fake.notices).toEqual([]);
    expect(fake.running.at(-1)).toEqual([]);
    expect(fake.flushed()).toBe(1);
  });

  it('runs one at a time: a second run while one is going starts nothing', async () => {
    const fake = fakePorts([sql('a', 'wait'), sql('b', 'ok')]);
    const first = runCell('a', fake.ports);
    await fake.waiting;
    await runCell('b', fake.ports);
    expect(fake.jobs).toHaveLength(1);
    cancelRun();
    await first;
    await runCell('b', fake.ports);
    expect(fake.jobs.map((j) => j.label)).toEqual(['cell', 'cell']);
    expect(fake.notebook().outputs.b?.result.type).toBe('sql');
  });
});

describe('stale marks after a run', () => {
  it('marks earlier outputs stale when a later cell changes the data', async () => {
    const fake = fakePorts([sql('a', 'ok'), sql('b', 'create')]);
    await runAll(fake.ports);
    const statuses = cellStatuses(fake.notebook(), fake.dataKey());
    expect(statuses.get('a')).toBe('stale');
    expect(statuses.get('b')).toBe('fresh');
  });
});
