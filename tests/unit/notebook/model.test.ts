import { describe, expect, it } from 'vitest';
import {
  addCell,
  clearOutputs,
  deleteCell,
  moveCell,
  setOutput,
  updateCell,
} from '../../../src/core/notebook/edit.ts';
import {
  canonicalJson,
  migrateNotebook,
  parseNotebookFile,
  serializeNotebook,
} from '../../../src/core/notebook/file.ts';
import { hashText, hashValue, stableStringify } from '../../../src/core/notebook/hash.ts';
import {
  CELL_KINDS,
  newCell,
  newNotebook,
  NotebookFormatError,
  type CellOutput,
  type Notebook,
} from '../../../src/core/notebook/model.ts';
import { cellStatuses, expectedInputKeys } from '../../../src/core/notebook/stale.ts';

const T = '2026-01-01T00:00:00.000Z';

function sample(): Notebook {
  let nb = newNotebook('nb-1', 'p-1', '会商记录', T);
  for (const kind of CELL_KINDS) nb = addCell(nb, newCell(kind, `c-${kind}`), T);
  return nb;
}

function output(nb: Notebook, id: string, dataKey: string, result: CellOutput['result']): CellOutput {
  return { ranAt: T, ms: 5, inputKey: expectedInputKeys(nb).get(id)!, dataKey, result };
}

const rows = (n: number): CellOutput['result'] => ({
  type: 'sql',
  columns: [{ name: 'n', type: 'Int32' }],
  rows: [[n]],
  rowCount: 1,
  truncated: false,
});

describe('hash', () => {
  it('is stable under key order and sensitive to content', () => {
    expect(stableStringify({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
    expect(hashValue({ a: 1, b: 2 })).toBe(hashValue({ b: 2, a: 1 }));
    expect(hashValue({ a: 1 })).not.toBe(hashValue({ a: 2 }));
    expect(hashText('')).toBe('cbf29ce484222325'); // the FNV-1a 64 offset basis
    expect(hashText('a')).toBe('af63dc4c8601ec8c'); // FNV-1a 64 of "a" (published test vector)
  });
});

describe('edits', () => {
  it('adds, moves, updates and deletes cells without touching the original', () => {
    const nb = sample();
    expect(nb.cells.map((c) => c.kind)).toEqual([...CELL_KINDS]);
    const moved = moveCell(nb, 'c-sql', -1, T);
    expect(moved.cells.map((c) => c.id).slice(0, 2)).toEqual(['c-sql', 'c-markdown']);
    expect(moveCell(nb, 'c-markdown', -1, T)).toBe(nb);
    expect(nb.cells[0]!.id).toBe('c-markdown');
    const withOut = setOutput(nb, 'c-sql', output(nb, 'c-sql', 'd', rows(1)), T);
    const deleted = deleteCell(withOut, 'c-sql', T);
    expect(deleted.cells.some((c) => c.id === 'c-sql')).toBe(false);
    expect(deleted.outputs['c-sql']).toBeUndefined();
    expect(() => addCell(nb, newCell('sql', 'c-sql'), T)).toThrow(/duplicate/);
    expect(() => updateCell(nb, newCell('sql', 'nope'), T)).toThrow();
    expect(clearOutputs(withOut, T).outputs).toEqual({});
  });
});

describe('stale outputs', () => {
  it('marks a cell stale when it, an SQL cell above it, its chart source or the data changes', () => {
    let nb = sample();
    const sql = nb.cells.find((c) => c.id === 'c-sql')!;
    if (sql.kind !== 'sql') throw new Error();
    nb = updateCell(nb, { ...sql, source: 'SELECT 1 AS n' }, T);
    const chart = nb.cells.find((c) => c.id === 'c-chart')!;
    if (chart.kind !== 'chart') throw new Error();
    nb = updateCell(nb, { ...chart, sourceCellId: 'c-sql', spec: { type: 'bar', x: 'n', y: [] } }, T);
    nb = setOutput(nb, 'c-sql', output(nb, 'c-sql', 'D1', rows(1)), T);
    for (const id of ['c-map', 'c-chart', 'c-detection', 'c-indicator'])
      nb = setOutput(nb, id, output(nb, id, 'D1', { type: 'error', message: 'x', position: null }), T);
    expect([...cellStatuses(nb, 'D1').values()]).toEqual([
      'none',
      'fresh',
      'fresh',
      'fresh',
      'fresh',
      'fresh',
    ]);
    // The data changed: every output is stale.
    expect([...cellStatuses(nb, 'D2').values()].filter((s) => s === 'stale')).toHaveLength(5);
    // Only the display of the SQL cell changed: nothing is stale.
    const shown = updateCell(nb, { ...sql, source: 'SELECT 1 AS n', display: 'chart' }, T);
    expect(cellStatuses(shown, 'D1').get('c-sql')).toBe('fresh');
    // The SQL changed: it and every cell below it are stale; the markdown above is not affected.
    const edited = updateCell(nb, { ...sql, source: 'SELECT 2 AS n' }, T);
    const s = cellStatuses(edited, 'D1');
    expect([s.get('c-sql'), s.get('c-map'), s.get('c-chart'), s.get('c-indicator')]).toEqual([
      'stale',
      'stale',
      'stale',
      'stale',
    ]);
    // The SQL cell re-ran and gave other rows: the chart of those rows is stale, the map below is fresh again.
    const rerun = setOutput(edited, 'c-sql', output(edited, 'c-sql', 'D1', rows(2)), T);
    const again = setOutput(
      rerun,
      'c-map',
      output(rerun, 'c-map', 'D1', { type: 'error', message: 'x', position: null }),
      T,
    );
    expect(cellStatuses(again, 'D1').get('c-map')).toBe('fresh');
    expect(cellStatuses(again, 'D1').get('c-chart')).toBe('stale');
    // Moving an SQL cell below another cell changes that cell's inputs.
    const below = moveCell(nb, 'c-sql', 1, T);
    expect(cellStatuses(below, 'D1').get('c-map')).toBe('stale');
  });
});

describe('.rnb.json', () => {
  it('round-trips byte for byte and drops the project id', () => {
    let nb = sample();
    nb = setOutput(nb, 'c-sql', output(nb, 'c-sql', 'D', rows(42)), T);
    const text = serializeNotebook(nb);
    expect(text).not.toContain('p-1');
    const back = parseNotebookFile(text, 'p-2');
    expect(back.projectId).toBe('p-2');
    expect({ ...back, projectId: 'p-1' }).toEqual(nb);
    expect(serializeNotebook(back)).toBe(text);
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{\n  "a": 2,\n  "b": 1\n}\n');
  });

  it('refuses files that are not notebooks, newer versions and invalid cells', () => {
    expect(() => parseNotebookFile('{', 'p')).toThrow(NotebookFormatError);
    expect(() => parseNotebookFile('{"format":"other"}', 'p')).toThrow(/not a notebook file/);
    const text = serializeNotebook(sample());
    // The file's own schemaVersion (the last key of the canonical text) decides.
    const at = text.lastIndexOf('"schemaVersion": 1');
    const newer = `${text.slice(0, at)}"schemaVersion": 9${text.slice(at + '"schemaVersion": 1'.length)}`;
    expect(() => parseNotebookFile(newer, 'p')).toThrow(/newer/);
    expect(() => parseNotebookFile(text.replace('"kind": "sql"', '"kind": "python"'), 'p')).toThrow(
      /invalid notebook/,
    );
    expect(() => migrateNotebook({ schemaVersion: 0 })).toThrow(NotebookFormatError);
    expect(() => migrateNotebook(null)).toThrow(NotebookFormatError);
  });
});
