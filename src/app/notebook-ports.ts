/**
 * The notebook run's ports bound to the page: the open notebook's rune state, the cell runners (DuckDB, map,
 * IndexedDB, the assessment worker), the job bar and the notices. Tests pass fakes instead.
 */
import { QueryCancelledError } from '../db/sql.ts';
import { notebook } from '../state/notebook.svelte.ts';
import { dataFingerprint } from '../state/notebook-data.ts';
import { runChart, runDetection, runMap, runSql } from '../state/notebook-run.ts';
import { runAssessment } from '../state/notebook-assess.ts';
import { AssessCancelledError } from '../state/notebook-assess-client.ts';
import { jobs } from '../state/jobs.svelte.ts';
import { notices } from '../state/notices.svelte.ts';
import { nt } from '../i18n/i18n.svelte.ts';
import type { Cell, Notebook, OutputResult } from '../core/notebook/model.ts';
import type { CellProgress, RunNotebookPorts } from './run-notebook.ts';

function cellResult(
  cell: Cell,
  nb: Notebook,
  signal: AbortSignal,
  progress: CellProgress,
): Promise<OutputResult> | OutputResult {
  switch (cell.kind) {
    case 'sql':
      return runSql(cell, signal);
    case 'map':
      return runMap(cell);
    case 'chart':
      return runChart(cell, nb);
    case 'detection':
      return runDetection(cell, signal);
    case 'indicator':
      return runAssessment(cell.config, notebook.assessLabels, signal, progress).then((report) => ({
        type: 'indicator' as const,
        report: JSON.parse(JSON.stringify(report)) as Record<string, never>,
      }));
    case 'markdown':
      return { type: 'error', message: 'markdown cells do not run', position: null };
  }
}

export const notebookRunPorts: RunNotebookPorts = {
  current: () => notebook.current,
  result: cellResult,
  isCancellation: (error) => error instanceof QueryCancelledError || error instanceof AssessCancelledError,
  fingerprint: (signal) => dataFingerprint(signal),
  dataKey: () => notebook.dataKey,
  setDataKey: (key) => {
    notebook.dataKey = key;
  },
  setRunning: (ids) => {
    notebook.running = ids;
  },
  storeOutput: (id, output) => notebook.storeOutput(id, output),
  flush: () => notebook.flush(),
  startJob: (label) => jobs.start(nt(label === 'all' ? 'nb.jobRunAll' : 'nb.jobRunCell')),
  notifyError: (message) => notices.push('error', message),
};
