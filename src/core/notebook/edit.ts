/** Pure edits of a notebook: each returns a new notebook and leaves the argument untouched. */
import type { Cell, CellOutput, Notebook } from './model.ts';

function touched(notebook: Notebook, now: string, changes: Partial<Notebook>): Notebook {
  return { ...notebook, ...changes, updatedAt: now };
}

/** Insert a cell at `index` (default: at the end). */
export function addCell(
  notebook: Notebook,
  cell: Cell,
  now: string,
  index = notebook.cells.length,
): Notebook {
  if (notebook.cells.some((c) => c.id === cell.id)) throw new Error(`duplicate cell id ${cell.id}`);
  const cells = [...notebook.cells];
  cells.splice(Math.max(0, Math.min(index, cells.length)), 0, cell);
  return touched(notebook, now, { cells });
}

/** Move a cell up (−1) or down (+1); no change at the ends. */
export function moveCell(notebook: Notebook, id: string, delta: -1 | 1, now: string): Notebook {
  const from = notebook.cells.findIndex((c) => c.id === id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= notebook.cells.length) return notebook;
  const cells = [...notebook.cells];
  const [cell] = cells.splice(from, 1);
  cells.splice(to, 0, cell as Cell);
  return touched(notebook, now, { cells });
}

/** Remove a cell and its output. */
export function deleteCell(notebook: Notebook, id: string, now: string): Notebook {
  const { [id]: _removed, ...outputs } = notebook.outputs;
  return touched(notebook, now, { cells: notebook.cells.filter((c) => c.id !== id), outputs });
}

/** Replace a cell (same id); its output is kept and becomes stale if its inputs changed. */
export function updateCell(notebook: Notebook, cell: Cell, now: string): Notebook {
  if (!notebook.cells.some((c) => c.id === cell.id)) throw new Error(`no cell ${cell.id}`);
  return touched(notebook, now, { cells: notebook.cells.map((c) => (c.id === cell.id ? cell : c)) });
}

/** Store the output of a cell. */
export function setOutput(notebook: Notebook, id: string, output: CellOutput, now: string): Notebook {
  return touched(notebook, now, { outputs: { ...notebook.outputs, [id]: output } });
}

/** Remove every output (the notebook as it would be opened fresh, before any run). */
export function clearOutputs(notebook: Notebook, now: string): Notebook {
  return touched(notebook, now, { outputs: {} });
}

export function renameNotebook(notebook: Notebook, name: string, now: string): Notebook {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('empty notebook name');
  return touched(notebook, now, { name: trimmed });
}
