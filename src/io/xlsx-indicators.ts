/**
 * The assessment as an XLSX sheet (exceljs, like the annex lists): a title, the indicator table with numbers
 * kept as numbers (so offices can sum them), the total row, then the method notes under the table.
 */
import ExcelJS from 'exceljs';
import { formatIndicator, indicatorColumns } from '../core/indicators/columns.ts';
import { methodNotes } from '../core/indicators/notes.ts';
import type { AssessmentReport } from '../core/indicators/report.ts';

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** Add the assessment sheet to a workbook. */
export function addAssessmentSheet(
  workbook: ExcelJS.Workbook,
  report: AssessmentReport,
  lang: 'zh' | 'en',
  title: string,
): ExcelJS.Worksheet {
  const columns = indicatorColumns(report.table);
  const sheet = workbook.addWorksheet(lang === 'zh' ? '保护成效评估' : 'Assessment', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 2 }],
  });
  sheet.columns = columns.map((c) => ({ key: c.key, width: c.key === 'name' ? 16 : 13 }));
  sheet.mergeCells(1, 1, 1, columns.length);
  const head = sheet.getCell(1, 1);
  head.value = title;
  head.font = { name: '黑体', size: 14, bold: true };
  head.alignment = { horizontal: 'center' };
  const header = sheet.getRow(2);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = lang === 'zh' ? c.zh : c.en;
    cell.font = { bold: true };
    cell.border = THIN;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
  header.height = 32;
  const rows = [...report.table.rows, report.table.total];
  rows.forEach((row, r) => {
    const line = sheet.getRow(3 + r);
    columns.forEach((c, i) => {
      const cell = line.getCell(i + 1);
      const value = c.value(row);
      cell.value = typeof value === 'boolean' || value === null ? formatIndicator(c, row) : value;
      if (typeof value === 'number' && c.decimals !== null)
        cell.numFmt = c.decimals === 0 ? '0' : `0.${'0'.repeat(c.decimals)}`;
      cell.border = THIN;
      if (row.zone === 0) cell.font = { bold: true };
    });
  });
  let at = 3 + rows.length + 1;
  for (const note of methodNotes(report, lang)) {
    sheet.mergeCells(at, 1, at, columns.length);
    const cell = sheet.getCell(at, 1);
    cell.value = `${note.title}${note.formula ? `：${note.formula}` : ''}\n${note.detail}`;
    cell.alignment = { wrapText: true, vertical: 'top' };
    sheet.getRow(at).height = 48;
    at += 1;
  }
  return sheet;
}

/** A workbook holding the assessment sheet, as bytes. */
export async function assessmentWorkbook(
  report: AssessmentReport,
  lang: 'zh' | 'en',
  title: string,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Redline Notebook';
  workbook.created = new Date(report.computedAt);
  addAssessmentSheet(workbook, report, lang, title);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
