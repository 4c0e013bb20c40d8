/**
 * Where a DuckDB error points. DuckDB ends parser, binder and catalog errors with the failing line and a
 * caret: `LINE 2:   aera_ha\n          ^`, the line possibly shortened with "..." around the spot.
 */
import type { SqlPosition } from './model.ts';

const LINE = /LINE (\d+): (.*)\n( *)\^/;

/** The 1-based line and column (and 0-based offset into `sql`) an error message points at, or null. */
export function locateSqlError(message: string, sql: string): SqlPosition | null {
  const match = LINE.exec(message);
  if (!match) return null;
  const lineNo = Number(match[1]);
  let snippet = match[2] ?? '';
  let caret = (match[3] ?? '').length - `LINE ${match[1]}: `.length;
  const lines = sql.split('\n');
  const text = lines[lineNo - 1];
  if (text === undefined || caret < 0) return null;
  if (snippet.startsWith('...')) {
    snippet = snippet.slice(3);
    caret -= 3;
  }
  if (snippet.endsWith('...')) snippet = snippet.slice(0, -3);
  // Find the snippet in the real line; fall back to the part before the caret, then to the caret itself.
  let start = text.indexOf(snippet);
  if (start < 0) start = text.indexOf(snippet.slice(0, Math.max(1, caret)));
  if (start < 0) start = 0;
  const column = Math.min(start + caret, text.length) + 1;
  let offset = 0;
  for (let i = 0; i < lineNo - 1; i += 1) offset += (lines[i]?.length ?? 0) + 1;
  return { line: lineNo, column, offset: offset + column - 1 };
}

/** The first line of a DuckDB message (its kind and reason), without the caret block. */
export function sqlErrorSummary(message: string): string {
  return message.split(/\n\s*\nLINE \d+:/)[0]?.trim() ?? message;
}
