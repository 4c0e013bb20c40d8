/**
 * Running a notebook: one cell, or every cell from top to bottom, as one cancellable job. Each cell's output is
 * stored with the input and data keys it was computed from, which is what marks it stale later. A cancelled
 * cell stores no output (the cells finished before it keep theirs); one run at a time per page.
 */
import type { Cell, Notebook, CellOutput, OutputResult } from '../core/notebook/model.ts';
import { expectedInputKeys } from '../core/notebook/stale.ts';
import type { JobHandle } from '../state/jobs.svelte.ts';

/** Reports progress of the cell being run: its share done (0–1) and a word for it. */
export type CellProgress = (share: number, message: string) => void;

/** What a run needs: the open notebook, the cell runners, the data fingerprint, the job bar and the store. */
export interface RunNotebookPorts {
  /** The open notebook as it is now (edits made during a run included). */
  current(): Notebook | null;
  /** The result of one cell; throws a cancellation as is, any other throw becomes an error result. */
  result(
    cell: Cell,
    nb: Notebook,
    signal: AbortSignal,
    progress: CellProgress,
  ): Promise<OutputResult> | OutputResult;
  /** Whether an error is a cancellation (of a query or of the assessment), not a cell failure. */
  isCancellation(error: unknown): boolean;
  /** Fingerprint of the project's data, measured now. */
  fingerprint(signal: AbortSignal): Promise<string>;
  dataKey(): string | null;
  setDataKey(key: string): void;
  /** The cells running now or waiting in this run (shown on screen). */
  setRunning(ids: ReadonlySet<string>): void;
  /** Store a cell's output on the open notebook (saved after a short pause). */
  storeOutput(id: string, output: CellOutput): Promise<void>;
  /** Write pending notebook changes now. */
  flush(): Promise<void>;
  startJob(label: 'cell' | 'all'): JobHandle;
  notifyError(message: string): void;
}

let active: AbortController | null = null;

/** Run one cell. */
export function runCell(id: string, ports: RunNotebookPorts): Promise<void> {
  return runCells([id], 'cell', ports);
}

/**
 * Run every cell from top to bottom. A failing cell keeps its error as its output and the run goes on: cells
 * of a consultation notebook are mostly independent, and one missing input should not hide the rest.
 */
export async function runAll(ports: RunNotebookPorts): Promise<void> {
  const nb = ports.current();
  if (!nb) throw new Error('no notebook open');
  return runCells(
    nb.cells.filter((c) => c.kind !== 'markdown').map((c) => c.id),
    'all',
    ports,
  );
}

/** Stop the run in progress, if any. */
export function cancelRun(): void {
  active?.abort();
}

async function runCells(
  ids: readonly string[],
  label: 'cell' | 'all',
  ports: RunNotebookPorts,
): Promise<void> {
  if (active) return; // one run at a time per page
  const job = ports.startJob(label);
  const controller = new AbortController();
  active = controller;
  job.signal.addEventListener('abort', () => controller.abort(), { once: true });
  ports.setRunning(new Set(ids));
  try {
    ports.setDataKey(await ports.fingerprint(controller.signal));
    for (const [index, id] of ids.entries()) {
      if (controller.signal.aborted) break;
      job.update(index / ids.length, id);
      await runOne(id, controller.signal, ports, (share, message) =>
        job.update((index + share) / ids.length, message),
      );
      ports.setRunning(new Set(ids.slice(index + 1)));
    }
    if (controller.signal.aborted) return;
    job.done();
  } catch (error) {
    if (!controller.signal.aborted) {
      job.fail(error);
      ports.notifyError(error instanceof Error ? error.message : String(error));
    }
  } finally {
    active = null;
    ports.setRunning(new Set());
    await ports.flush();
  }
}

function open(ports: RunNotebookPorts): Notebook {
  const nb = ports.current();
  if (!nb) throw new Error('no notebook open');
  return nb;
}

/** Run one cell and store its output; false when it failed (its error is the output). */
async function runOne(
  id: string,
  signal: AbortSignal,
  ports: RunNotebookPorts,
  progress: CellProgress,
): Promise<boolean> {
  const nb = open(ports);
  const cell = nb.cells.find((c) => c.id === id);
  if (!cell || cell.kind === 'markdown') return true;
  const started = performance.now();
  let result: OutputResult;
  try {
    result = await ports.result(cell, nb, signal, progress);
  } catch (error) {
    if (ports.isCancellation(error) || signal.aborted) throw error;
    result = {
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
      position: null,
    };
  }
  // A cell that changed the data (CREATE, INSERT…) is measured after its own effect.
  const dataKey = cell.kind === 'sql' ? await ports.fingerprint(signal) : (ports.dataKey() ?? '');
  ports.setDataKey(dataKey);
  const latest = open(ports);
  const inputKey = expectedInputKeys(latest).get(id) ?? '';
  const ranAt = new Date().toISOString();
  const output = { ranAt, ms: Math.round(performance.now() - started), inputKey, dataKey, result };
  await ports.storeOutput(id, output);
  return result.type !== 'error';
}
