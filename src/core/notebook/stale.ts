/**
 * Stale outputs. A cell's output is stale when what it was computed from changed: its own definition, the
 * SQL cells above it (they may create the views and tables it reads: notebooks run top to bottom), for a
 * chart the rows of its source cell, or the project's data (layers, scenes, runs, patches). Presentation
 * settings (a SQL cell's display, the choropleth metric) never make an output stale.
 */
import { hashValue } from './hash.ts';
import type { Cell, Notebook } from './model.ts';

/** What of a cell decides its output (presentation settings left out). */
export function definitionOf(cell: Cell): unknown {
  switch (cell.kind) {
    case 'markdown':
      return null;
    case 'sql':
      return { kind: 'sql', source: cell.source.trim() };
    case 'map':
      return { kind: 'map', view: cell.view };
    case 'chart':
      return { kind: 'chart', source: cell.sourceCellId, spec: cell.spec };
    case 'detection':
      return { kind: 'detection', runId: cell.runId.trim() };
    case 'indicator': {
      const { metric: _metric, ...config } = cell.config;
      return { kind: 'indicator', config };
    }
  }
}

/** The input key each cell would have if it ran now, by cell id. */
export function expectedInputKeys(notebook: Notebook): Map<string, string> {
  const keys = new Map<string, string>();
  let chain = '';
  for (const cell of notebook.cells) {
    const own = hashValue(definitionOf(cell));
    const source =
      cell.kind === 'chart' && cell.sourceCellId ? notebook.outputs[cell.sourceCellId]?.result : undefined;
    keys.set(cell.id, hashValue([own, chain, source === undefined ? null : hashValue(source)]));
    if (cell.kind === 'sql') chain = hashValue([chain, own]);
  }
  return keys;
}

export type CellStatus = 'none' | 'fresh' | 'stale';

/** Status of every cell: no output, an output that still holds, or a stale one. */
export function cellStatuses(notebook: Notebook, dataKey: string | null): Map<string, CellStatus> {
  const expected = expectedInputKeys(notebook);
  const statuses = new Map<string, CellStatus>();
  for (const cell of notebook.cells) {
    const output = notebook.outputs[cell.id];
    if (!output) statuses.set(cell.id, 'none');
    else if (output.inputKey !== expected.get(cell.id)) statuses.set(cell.id, 'stale');
    else if (dataKey !== null && output.dataKey !== dataKey) statuses.set(cell.id, 'stale');
    else statuses.set(cell.id, 'fresh');
  }
  return statuses;
}
