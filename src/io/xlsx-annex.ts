/**
 * Annex lists 附件1/2/4 as XLSX (exceljs): label row, title row, one or two header rows (附件4's merged
 * groups), the rows, the notes under the table; A4 landscape, header rows repeated on every page, fitted
 * to the page width. Numbers stay numbers (coordinates 6 decimals, areas 2–4) so offices can sum them.
 */
import ExcelJS from 'exceljs';
import {
  roundCell,
  areaDecimalsFor,
  type AnnexTable,
  type AnnexColumn,
  type CellValue,
} from '../core/case/annex.ts';

/** Font names as official forms use them; a missing font is substituted by the reader (WPS, Office, LibreOffice). */
export const XLSX_FONTS = { title: '方正小标宋简体', header: '黑体', body: '仿宋_GB2312' } as const;

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** Display width of text in spreadsheet character units (CJK and full-width characters count double). */
export function textUnits(text: string): number {
  let units = 0;
  for (const ch of text)
    units +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return units;
}

/** Row height (points) for wrapped text of `units` in a column `width` characters wide. */
function heightFor(units: number, width: number, lineHeight: number): number {
  const lines = Math.max(1, Math.ceil(units / Math.max(1, width - 1)));
  return lines * lineHeight + 6;
}

function numberFormat(column: AnnexColumn, value: CellValue, areaDecimals: number): string | undefined {
  if (typeof value !== 'number') return undefined;
  if (column.kind === 'lon' || column.kind === 'lat') return '0.000000';
  if (column.kind === 'area') return `0.${'0'.repeat(areaDecimalsFor(value, areaDecimals))}`;
  return undefined;
}

/** Add one annex as a worksheet named by its label (附件1 …). */
export function addAnnexSheet(workbook: ExcelJS.Workbook, table: AnnexTable): ExcelJS.Worksheet {
  const n = table.columns.length;
  const headerCount = table.headerRows.length;
  const firstHeader = 3;
  const lastHeader = firstHeader + headerCount - 1;
  const sheet = workbook.addWorksheet(table.label, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${firstHeader}:${lastHeader}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    views: [{ state: 'frozen', ySplit: lastHeader }],
  });
  sheet.columns = table.columns.map((c) => ({ key: c.key, width: c.width }));
  const totalWidth = table.columns.reduce((s, c) => s + c.width, 0);

  const label = sheet.getCell(1, 1);
  label.value = table.label;
  label.font = { name: XLSX_FONTS.header, size: 14 };
  sheet.mergeCells(2, 1, 2, n);
  const title = sheet.getCell(2, 1);
  title.value = table.title;
  title.font = { name: XLSX_FONTS.title, size: 18 };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  sheet.getRow(2).height = heightFor(textUnits(table.title) * 1.6, totalWidth, 26);

  table.headerRows.forEach((cells, r) => {
    const row = firstHeader + r;
    for (const h of cells) {
      if (h.colSpan > 1 || h.rowSpan > 1)
        sheet.mergeCells(row, h.col + 1, row + h.rowSpan - 1, h.col + h.colSpan);
      sheet.getCell(row, h.col + 1).value = h.text;
    }
    for (let c = 1; c <= n; c += 1) {
      const cell = sheet.getCell(row, c);
      cell.font = { name: XLSX_FONTS.header, size: 11 };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = THIN;
    }
    const tallest = Math.max(
      ...cells.map((h) => heightFor(textUnits(h.text), table.columns[h.col]?.width ?? 8, 15)),
    );
    sheet.getRow(row).height = Math.max(24, tallest);
  });

  table.rows.forEach((values, i) => {
    const rowIndex = lastHeader + 1 + i;
    let height = 20;
    table.columns.forEach((column, c) => {
      const raw = values[c] ?? '';
      const cell = sheet.getCell(rowIndex, c + 1);
      cell.value = roundCell(column, raw, table.areaDecimals);
      const fmt = numberFormat(column, raw, table.areaDecimals);
      if (fmt) cell.numFmt = fmt;
      cell.font = { name: XLSX_FONTS.body, size: 10.5 };
      cell.alignment = {
        horizontal: typeof raw === 'number' ? 'right' : column.align,
        vertical: 'middle',
        wrapText: true,
      };
      cell.border = THIN;
      height = Math.max(height, heightFor(textUnits(String(raw)), column.width, 14));
    });
    sheet.getRow(rowIndex).height = height;
  });

  const notesStart = lastHeader + 1 + table.rows.length;
  table.notes.forEach((note, i) => {
    const row = notesStart + i;
    sheet.mergeCells(row, 1, row, n);
    const cell = sheet.getCell(row, 1);
    cell.value = note;
    cell.font = { name: XLSX_FONTS.body, size: 10.5 };
    cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true, indent: i === 0 ? 0 : 2 };
    sheet.getRow(row).height = heightFor(textUnits(note), totalWidth, 14);
  });
  return sheet;
}

/** A workbook with one sheet per table, as bytes. */
export async function writeAnnexXlsx(
  tables: readonly AnnexTable[],
  creator = 'Redline Notebook',
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = creator;
  // Fixed metadata dates: the workbook's content depends on the ledger only.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  for (const table of tables) addAnnexSheet(workbook, table);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
