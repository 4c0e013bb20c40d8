/**
 * The yearly supervision report as DOCX: A4 portrait in the layout of the letters (title 二号, body 三号 仿宋,
 * 28 pt lines), a summary paragraph with the year's figures, then tables by stage, county and activity type.
 * Areas in hectares with four decimals.
 */
import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { DOCX_FONTS, fontTableXml } from './docx-letters.ts';
import type { CountRow, YearlyReport } from '../core/case/yearly-report.ts';

const MM = 56.7; // twips per millimetre
const PT = 20; // twips per point
const BODY_PT = 16; // 三号
const LINE = { line: 28 * PT, lineRule: 'exact' as const };

const run = (text: string, font: keyof typeof DOCX_FONTS, sizePt: number): TextRun =>
  new TextRun({
    text,
    size: sizePt * 2,
    font: { ascii: DOCX_FONTS.latin.name, hAnsi: DOCX_FONTS.latin.name, eastAsia: DOCX_FONTS[font].name },
    language: { eastAsia: 'zh-CN' },
  });
const body = (text: string): Paragraph =>
  new Paragraph({
    children: [run(text, 'body', BODY_PT)],
    indent: { firstLine: 2 * BODY_PT * PT },
    spacing: LINE,
    alignment: AlignmentType.JUSTIFIED,
  });
const heading = (text: string): Paragraph =>
  new Paragraph({
    children: [run(text, 'label', BODY_PT)],
    indent: { firstLine: 2 * BODY_PT * PT },
    spacing: LINE,
  });

export const ha = (value: number): string => value.toFixed(4);

const cell = (text: string, header: boolean, width: number): TableCell =>
  new TableCell({
    children: [
      new Paragraph({
        children: [run(text, header ? 'label' : 'body', 12)],
        alignment: AlignmentType.CENTER,
      }),
    ],
    verticalAlign: VerticalAlignTable.CENTER,
    width: { size: width, type: WidthType.DXA },
  });

function countTable(first: string, rows: readonly CountRow[], widthTwips: number): Table {
  const widths = [0.5, 0.2, 0.3].map((w) => Math.round(w * widthTwips));
  const line = (texts: string[], header: boolean): TableRow =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: texts.map((t, i) => cell(t, header, widths[i] ?? 0)),
    });
  const total = rows.reduce((s, r) => ({ count: s.count + r.count, areaHa: s.areaHa + r.areaHa }), {
    count: 0,
    areaHa: 0,
  });
  return new Table({
    rows: [
      line([first, '数量（处）', '面积（公顷）'], true),
      ...rows.map((r) => line([r.label, String(r.count), ha(r.areaHa)], false)),
      line(['合计', String(total.count), ha(total.areaHa)], false),
    ],
    columnWidths: widths,
    width: { size: widthTwips, type: WidthType.DXA },
  });
}

/** The summary paragraph: every figure of the report's first section. */
export function summaryText(r: YearlyReport): string {
  return (
    `截至${r.asOf}，${r.year}年共发现疑似生态破坏问题图斑${r.opened}处，经审核排除${r.rejected}处，` +
    `确认及待审核的生态破坏问题${r.found.count}处，面积${ha(r.found.areaHa)}公顷；` +
    `逾期未办结问题${r.overdue}处；全年销号${r.closed.count}处，其中整改到位${r.closed.rectifiedCount}处，` +
    `整改面积${ha(r.closed.rectifiedHa)}公顷；重大生态破坏问题${r.major}个。`
  );
}

export async function writeYearlyReportDocx(
  report: YearlyReport,
  creator = 'Redline Notebook',
): Promise<Uint8Array> {
  const margin = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };
  const width = Math.round((210 - 28 - 26) * MM);
  const doc = new Document({
    creator,
    title: report.title,
    sections: [
      {
        properties: { page: { size: { width: 210 * MM, height: 297 * MM }, margin } },
        children: [
          new Paragraph({
            children: [run(report.title, 'title', 22)],
            alignment: AlignmentType.CENTER,
            spacing: { line: 36 * PT, lineRule: 'exact', after: 14 * PT },
          }),
          heading('一、总体情况'),
          body(summaryText(report)),
          heading('二、问题图斑办理阶段'),
          countTable('办理阶段', report.byStage, width),
          heading('三、生态破坏问题分布（按县级行政区）'),
          countTable('县级行政区', report.byCounty, width),
          heading('四、生态破坏问题类型（按人类活动类型）'),
          countTable('人类活动类型', report.byActivity, width),
          heading('五、保护成效评估'),
          body('本报告未附保护成效评估指标，评估结果以年度评估报告为准。'),
        ],
      },
    ],
  });
  const buffer = await Packer.toArrayBuffer(doc, false, [
    { path: 'word/fontTable.xml', data: fontTableXml() },
  ]);
  return new Uint8Array(buffer);
}
