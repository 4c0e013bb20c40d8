/**
 * Letters 附件3 / 附件5 as DOCX (docx): the letter on A4 portrait in the layout of official documents
 * (GB/T 9704: title 方正小标宋简体 二号, body 仿宋_GB2312 三号, 28 pt lines, margins 37/35/28/26 mm), then the
 * attached list on A4 landscape with its header rows repeated on every page. The font table names a
 * fallback for each Chinese font (`w:altName`), used by Word and WPS when the official font is missing.
 */
import {
  AlignmentType,
  Document,
  HeightRule,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
} from 'docx';
import { formatCell, type AnnexTable, type Letter } from '../core/case/annex.ts';

/** Official font names and the fallback each one declares. */
export const DOCX_FONTS = {
  title: { name: '方正小标宋简体', fallback: '宋体' },
  body: { name: '仿宋_GB2312', fallback: '仿宋' },
  label: { name: '黑体', fallback: 'SimHei' },
  latin: { name: 'Times New Roman', fallback: 'Liberation Serif' },
} as const;

const MM = 56.7; // twips per millimetre
const PT = 20; // twips per point
const run = (text: string, font: keyof typeof DOCX_FONTS, sizePt: number, extra: IRunOptions = {}): TextRun =>
  new TextRun({
    text,
    size: sizePt * 2,
    font: { ascii: DOCX_FONTS.latin.name, hAnsi: DOCX_FONTS.latin.name, eastAsia: DOCX_FONTS[font].name },
    language: { eastAsia: 'zh-CN' },
    ...extra,
  });

const BODY_PT = 16; // 三号
const LINE = { line: 28 * PT, lineRule: 'exact' as const };
const body = (text: string, indentChars = 2): Paragraph =>
  new Paragraph({
    children: [run(text, 'body', BODY_PT)],
    indent: { firstLine: indentChars * BODY_PT * PT },
    spacing: LINE,
    alignment: AlignmentType.JUSTIFIED,
  });
const blank = (): Paragraph => new Paragraph({ children: [run('', 'body', BODY_PT)], spacing: LINE });

function letterParagraphs(letter: Letter): Paragraph[] {
  return [
    new Paragraph({
      children: [run(letter.title, 'title', 22)],
      alignment: AlignmentType.CENTER,
      spacing: { line: 36 * PT, lineRule: 'exact', after: 14 * PT },
    }),
    blank(),
    new Paragraph({ children: [run(letter.addressee, 'body', BODY_PT)], spacing: LINE }),
    ...letter.body.map((text) => body(text)),
    blank(),
    body(letter.attachment),
    blank(),
    body(letter.contact),
    blank(),
    blank(),
    new Paragraph({
      children: [run(letter.signature, 'body', BODY_PT)],
      alignment: AlignmentType.RIGHT,
      indent: { right: 4 * BODY_PT * PT },
      spacing: LINE,
    }),
    new Paragraph({
      children: [run(letter.date, 'body', BODY_PT)],
      alignment: AlignmentType.RIGHT,
      indent: { right: 4 * BODY_PT * PT },
      spacing: LINE,
    }),
  ];
}

const CELL_PT = 9; // 小五: thirteen columns across a landscape page
const cellParagraph = (
  text: string,
  bold = false,
  alignment: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.CENTER,
) =>
  new Paragraph({
    children: [run(text, bold ? 'label' : 'body', CELL_PT)],
    alignment,
    spacing: { line: 12 * PT, lineRule: 'atLeast' },
  });

/**
 * Relative column widths on the page: in a 9 pt table, coordinates (10 digits) and patch ids (16 characters)
 * must fit on one line; the free text columns take the rest.
 */
const DOCX_WEIGHTS: Readonly<Record<string, number>> = {
  problemNo: 4,
  patchId: 15,
  province: 8,
  city: 6,
  county: 6,
  township: 6,
  lon: 11,
  lat: 10,
  location: 18,
  areaHa: 8,
  activity: 11,
  problem: 8,
  photos: 15,
  description: 20,
  handling: 24,
  remark: 12,
};

/** The annex list as a Word table (its header rows repeat on each page). */
export function annexTable(table: AnnexTable, totalWidthTwips: number): Table {
  const weight = (key: string, fallback: number) => DOCX_WEIGHTS[key] ?? fallback;
  const units = table.columns.reduce((s, c) => s + weight(c.key, c.width), 0);
  const widths = table.columns.map((c) => Math.round((weight(c.key, c.width) / units) * totalWidthTwips));
  const span = (from: number, count: number) => widths.slice(from, from + count).reduce((a, b) => a + b, 0);
  const header = table.headerRows.map(
    (cells) =>
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: cells.map(
          (h) =>
            new TableCell({
              children: [cellParagraph(h.text, true)],
              columnSpan: h.colSpan,
              rowSpan: h.rowSpan,
              verticalAlign: VerticalAlignTable.CENTER,
              width: { size: span(h.col, h.colSpan), type: WidthType.DXA },
            }),
        ),
      }),
  );
  const rows = table.rows.map(
    (values) =>
      new TableRow({
        cantSplit: true,
        height: { value: 16 * PT, rule: HeightRule.ATLEAST },
        children: table.columns.map((c, i) => {
          const text = formatCell(c, values[i] ?? '', table.areaDecimals);
          const align = c.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER;
          return new TableCell({
            children: [cellParagraph(text, false, align)],
            verticalAlign: VerticalAlignTable.CENTER,
            width: { size: widths[i] ?? 0, type: WidthType.DXA },
          });
        }),
      }),
  );
  return new Table({
    rows: [...header, ...rows],
    columnWidths: widths,
    margins: { left: 57, right: 57, top: 0, bottom: 0 },
    width: { size: totalWidthTwips, type: WidthType.DXA },
  });
}

function listParagraphs(table: AnnexTable, widthTwips: number): (Paragraph | Table)[] {
  return [
    new Paragraph({ children: [run('附件', 'label', BODY_PT)], spacing: LINE }),
    new Paragraph({
      children: [run(table.title, 'title', 18)],
      alignment: AlignmentType.CENTER,
      spacing: { before: 6 * PT, after: 12 * PT },
    }),
    annexTable(table, widthTwips),
    ...table.notes.map(
      (note, i) =>
        new Paragraph({
          children: [run(note, 'body', 10.5)],
          indent: i === 0 ? {} : { left: 2 * 10.5 * PT },
          spacing: { before: i === 0 ? 6 * PT : 0, line: 15 * PT, lineRule: 'atLeast' },
        }),
    ),
  ];
}

/** `word/fontTable.xml` declaring each font with its fallback (docx writes an empty table). */
export function fontTableXml(): string {
  const fonts = Object.values(DOCX_FONTS)
    .map(
      (f) =>
        `<w:font w:name="${f.name}"><w:altName w:val="${f.fallback}"/>` +
        `<w:charset w:val="${f.name === DOCX_FONTS.latin.name ? '00' : '86'}"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`
  );
}

/** One letter with its attached list, as DOCX bytes. */
export async function writeLetterDocx(letter: Letter, creator = 'Redline Notebook'): Promise<Uint8Array> {
  const portrait = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };
  const landscape = { top: 20 * MM, bottom: 20 * MM, left: 20 * MM, right: 20 * MM };
  const a4 = { width: 210 * MM, height: 297 * MM };
  const doc = new Document({
    creator,
    title: letter.title,
    sections: [
      { properties: { page: { size: a4, margin: portrait } }, children: letterParagraphs(letter) },
      // One landscape section per attached list (a letter covering several provinces has one list each).
      ...letter.tables.map((table) => ({
        properties: { page: { size: { ...a4, orientation: PageOrientation.LANDSCAPE }, margin: landscape } },
        children: listParagraphs(table, Math.round((297 - 40) * MM)),
      })),
    ],
  });
  const buffer = await Packer.toArrayBuffer(doc, false, [
    { path: 'word/fontTable.xml', data: fontTableXml() },
  ]);
  return new Uint8Array(buffer);
}
