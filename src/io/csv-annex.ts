/**
 * Annex lists as CSV: UTF-8 with a byte-order mark (so Excel and WPS detect Chinese text), CRLF line ends,
 * RFC 4180 quoting, one flat header row (附件4's group headers are dropped: its leaf headers are unique).
 */
import { formatCell, type AnnexTable } from '../core/case/annex.ts';

const BOM = '\ufeff';

function quote(text: string): string {
  // A leading = + - @ would make a spreadsheet evaluate imported text as a formula.
  const safe = /^[=+\-@]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The table as CSV text (with BOM). */
export function annexToCsv(table: AnnexTable): string {
  const lines = [table.columns.map((c) => quote(c.header)).join(',')];
  for (const row of table.rows)
    lines.push(table.columns.map((c, i) => quote(formatCell(c, row[i] ?? '', table.areaDecimals))).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}

/** The CSV as UTF-8 bytes. */
export function annexToCsvBytes(table: AnnexTable): Uint8Array {
  return new TextEncoder().encode(annexToCsv(table));
}

/** Parse CSV text written by annexToCsv (BOM, quotes, CRLF): for tests and for reading lists back. */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i += 1) {
    const ch = src[i] as string;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
