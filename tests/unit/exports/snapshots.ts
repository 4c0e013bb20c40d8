/** Read exported files back into plain JSON for golden comparison: XLSX through exceljs, DOCX through its XML. */
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';

export interface XlsxSnapshot {
  sheets: {
    name: string;
    pageSetup: Record<string, unknown>;
    merges: string[];
    /** address → value (non-empty cells only). */
    cells: Record<string, string | number>;
    /** address → number format, for numeric cells. */
    numFmts: Record<string, string>;
    /** font names by role: label (A1), title (A2), header (A3), first data cell. */
    fonts: Record<string, string | undefined>;
  }[];
}

export async function xlsxSnapshot(bytes: Uint8Array): Promise<XlsxSnapshot> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return {
    sheets: wb.worksheets.map((ws) => {
      const cells: Record<string, string | number> = {};
      const numFmts: Record<string, string> = {};
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.isMerged && cell.master.address !== cell.address) return;
          const v = cell.value;
          if (v === null || v === undefined || v === '') return;
          cells[cell.address] = typeof v === 'number' ? v : String(v);
          if (typeof v === 'number' && cell.numFmt) numFmts[cell.address] = cell.numFmt;
        }),
      );
      const ps = ws.pageSetup;
      const headerRows = String(ps.printTitlesRow ?? '');
      const firstData = Number(headerRows.split(':')[1] ?? 3) + 1;
      return {
        name: ws.name,
        pageSetup: {
          orientation: ps.orientation,
          paperSize: ps.paperSize,
          fitToPage: ps.fitToPage,
          fitToWidth: ps.fitToWidth,
          fitToHeight: ps.fitToHeight,
          printTitlesRow: ps.printTitlesRow,
        },
        merges: [...((ws.model as unknown as { merges: string[] }).merges ?? [])].sort(),
        cells,
        numFmts,
        fonts: {
          label: ws.getCell('A1').font?.name,
          title: ws.getCell('A2').font?.name,
          header: ws.getCell('A3').font?.name,
          body: ws.getCell(firstData, 1).font?.name,
        },
      };
    }),
  };
}

export type DocxBlock =
  { p: string; font?: string; size?: number; align?: string } | { table: string[][]; headerRows: number };

const decode = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The body of `word/document.xml` as paragraphs and tables, in order (section breaks skipped). */
export function docxBlocks(bytes: Uint8Array): {
  blocks: DocxBlock[];
  fontTable: string;
  documentXml: string;
} {
  const files = unzipSync(bytes);
  const xml = strFromU8(files['word/document.xml'] as Uint8Array);
  const blocks: DocxBlock[] = [];
  const token =
    /<(\/?)(w:p|w:tbl|w:tr|w:tc|w:t|w:rFonts|w:sz|w:jc|w:tblHeader)(?=[\s>/])([^>]*?)(\/?)>|([^<]+)/g;
  let depth = 0; // table nesting
  let para: { text: string; font?: string; size?: number; align?: string } | undefined;
  let inText = false;
  let table: string[][] = [];
  let row: string[] = [];
  let cell: string[] = [];
  let headerRows = 0;
  for (const m of xml.matchAll(token)) {
    const [, close, name, attrs = '', selfClose, text] = m;
    if (text !== undefined) {
      if (inText && para) para.text += decode(text);
      continue;
    }
    const attr = (key: string) => new RegExp(`${key}="([^"]*)"`).exec(attrs)?.[1];
    if (name === 'w:t') inText = !close && !selfClose;
    else if (name === 'w:p' && !close && !selfClose) para = { text: '' };
    else if (name === 'w:p' && (close || selfClose)) {
      if (para) {
        if (depth > 0) cell.push(para.text);
        else
          blocks.push({
            p: para.text,
            ...(para.font ? { font: para.font } : {}),
            ...(para.size ? { size: para.size } : {}),
            ...(para.align ? { align: para.align } : {}),
          });
      }
      para = undefined;
    } else if (name === 'w:rFonts' && para && para.font === undefined) para.font = attr('w:eastAsia');
    else if (name === 'w:sz' && para && para.size === undefined) para.size = Number(attr('w:val')) / 2;
    else if (name === 'w:jc' && para && !close) para.align = attr('w:val');
    else if (name === 'w:tbl') {
      depth += close ? -1 : 1;
      if (close) {
        blocks.push({ table, headerRows });
        table = [];
        headerRows = 0;
      }
    } else if (name === 'w:tr') {
      if (close) table.push(row);
      row = [];
    } else if (name === 'w:tc') {
      if (close) row.push(cell.join('\n'));
      cell = [];
    } else if (name === 'w:tblHeader' && !close) headerRows += 1;
  }
  return { blocks, fontTable: strFromU8(files['word/fontTable.xml'] as Uint8Array), documentXml: xml };
}
