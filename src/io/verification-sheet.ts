/**
 * 图斑核查单: the sheet a provincial officer takes to the field for one patch — its attributes, T1/T2 image
 * chips with the outline and a scale bar, centre and vertex coordinates, what it overlaps (red lines, reserves,
 * admin units, with areas), the detection run, the review decisions, photos, and blank fields for the field
 * check. The content is plain data (`sheetContent`); `writeVerificationSheetDocx` lays it out on A4 (docx).
 * Pure: no DOM (chips arrive as PNG bytes drawn by the caller).
 */
import { areaDecimalsFor, chineseDate } from '../core/case/annex.ts';
import { findEntry, labelOf, type Catalog } from '../core/catalog.ts';
import type { CaseState, LedgerEvent } from '../core/model.ts';
import {
  AlignmentType,
  Document,
  HeightRule,
  ImageRun,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { outlineVertices, type OverlapRow } from './geo-export.ts';
import { DOCX_FONTS, fontTableXml } from './docx-letters.ts';

/** A raster picture for the sheet (chip or photo). Size in pixels at 96 dpi as it should print. */
export interface SheetImage {
  readonly bytes: Uint8Array;
  readonly type: 'png' | 'jpg';
  readonly width: number;
  readonly height: number;
  readonly caption: string;
}

/** A scene of a detection run as the sheet names it. */
export interface SheetScene {
  readonly label: string;
  /** `YYYY-MM-DD`, when known. */
  readonly acquiredOn: string | null;
  readonly sensor: string;
  /** Band roles in file order (blue, green, red, nir …). */
  readonly bands: readonly string[];
}

/**
 * A detection run in the terms of a person reading the sheet. Engine internals (tile size, smoothing, gates,
 * the raw threshold) are not here: they stay in the case bundle's runs.json.
 */
export interface SheetRun {
  readonly id: string;
  /** ISO time the run started, with the offset it should be printed in (first 16 characters are printed). */
  readonly startedAt: string;
  readonly t1?: SheetScene;
  readonly t2?: SheetScene;
  /** Minimum patch area, m². */
  readonly minAreaM2?: number;
  /** 0–1 as chosen in the panel; null = automatic threshold. */
  readonly sensitivity?: number | null;
}

/** Everything one sheet shows besides the case itself. */
export interface SheetInput {
  readonly state: CaseState;
  /** The case's events (review decisions with names and dates come from them). */
  readonly events: readonly LedgerEvent[];
  readonly catalog: Catalog;
  readonly areaDecimals: number;
  readonly projectName: string;
  /** `YYYY-MM-DD` the sheet was made. */
  readonly date: string;
  readonly chips: readonly SheetImage[];
  /** null: no reference layers were loaded, so overlaps are unknown. */
  readonly overlaps: readonly OverlapRow[] | null;
  /** What a person needs to know of the detection run, when the project has the run's record. */
  readonly run?: SheetRun;
  readonly photos: readonly SheetImage[];
  /** Most vertices listed (a long traced outline would fill pages). */
  readonly maxVertices?: number;
}

// ---------------------------------------------------------------- content

/** Review decisions and the steps around them, with names and dates (undone events left out). */
export function reviewRows(
  events: readonly LedgerEvent[],
  catalog: Catalog,
): { step: string; decision: string; by: string; on: string; note: string }[] {
  const undone = new Set(events.flatMap((e) => (e.type === 'undone' ? [e.payload.target as string] : [])));
  const reason = (code?: string) => (code ? labelOf(catalog, 'rejectionReasons', code) : '');
  const rows: { step: string; decision: string; by: string; on: string; note: string }[] = [];
  for (const e of [...events].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (undone.has(e.id)) continue;
    const on = e.at.slice(0, 10);
    if (e.type === 'opened')
      rows.push({
        step: '入库',
        decision: labelOf(catalog, 'stages', e.payload.stage),
        by: e.actor,
        on,
        note: labelOf(catalog, 'clueSources', e.payload.clueSource),
      });
    else if (e.type === 'reviewed')
      rows.push({
        step: labelOf(catalog, 'reviewLevels', e.payload.level),
        decision: e.payload.decision === 'confirm' ? '确认' : '排除',
        by: e.payload.reviewer,
        on,
        note: [reason(e.payload.reasonCode), e.payload.note].filter(Boolean).join('；'),
      });
    else if (e.type === 'rejected')
      rows.push({ step: '排除', decision: '排除', by: e.actor, on, note: reason(e.payload.reasonCode) });
    else if (e.type === 'reopened')
      rows.push({ step: '重新审核', decision: '退回', by: e.actor, on, note: e.payload.note });
  }
  return rows;
}

/** One labelled value of the attribute table; `wide` spans the row. */
export interface SheetField {
  readonly label: string;
  readonly value: string;
  readonly wide?: boolean;
}

/** The attribute table of the sheet, in reading order. */
export function sheetFields(input: SheetInput): SheetField[] {
  const { state: c, catalog, areaDecimals } = input;
  const p = c.patch;
  const ha = (v: number) => v.toFixed(areaDecimalsFor(v, areaDecimals));
  const activity = p.activityType
    ? (findEntry(catalog, 'activityTypes', p.activityType)?.zh ?? p.activityType)
    : '';
  return [
    { label: '图斑编号', value: p.id },
    { label: '当前阶段', value: labelOf(catalog, 'stages', c.stage) },
    {
      label: '所在行政区',
      value: [p.province, p.city, p.county, p.township].filter(Boolean).join(' '),
      wide: true,
    },
    { label: '位置描述', value: p.location, wide: true },
    { label: '中心点经度', value: `${p.cx.toFixed(6)}°` },
    { label: '中心点纬度', value: `${p.cy.toFixed(6)}°` },
    { label: '图斑面积（公顷）', value: ha(p.areaHa) },
    { label: '红线内面积（公顷）', value: ha(p.redlineHa) },
    { label: '人类活动类型', value: activity },
    { label: '问题类型', value: p.problemType ? labelOf(catalog, 'problemTypes', p.problemType) : '' },
    { label: '线索来源', value: labelOf(catalog, 'clueSources', c.clueSource) },
    { label: '变化方向', value: changeDirectionText(p.changeDirection, p.activityType, catalog) },
  ];
}

/**
 * The change direction as a person would name it, read with the activity type: a new pond is 新增水面/坑塘
 * even when the detector saw its freshly dug, still dry bed as bare ground (the activity was set or accepted
 * by a person; the detector's reading is kept in brackets).
 */
export function changeDirectionText(
  direction: string | undefined,
  activity: string | undefined,
  catalog: Catalog,
): string {
  const detected = direction ? labelOf(catalog, 'changeDirections', direction) : '';
  if (activity === 'aquaculture' || (direction === 'new_water' && activity === undefined))
    return direction && direction !== 'new_water'
      ? `新增水面/坑塘（自动检测为「${detected}」）`
      : '新增水面/坑塘';
  if (direction === 'new_water') return '新增水面';
  return detected;
}

const BAND_ZH: Readonly<Record<string, string>> = {
  blue: '蓝',
  green: '绿',
  red: '红',
  nir: '近红外',
  swir1: '短波红外1',
  swir2: '短波红外2',
  pan: '全色',
};

/** `T2 2018-03-09` → `2018年3月9日，Sentinel-2，波段：蓝、绿、红、近红外`. */
export function sceneText(scene: SheetScene): string {
  const bands = scene.bands.filter((b) => BAND_ZH[b]).map((b) => BAND_ZH[b]);
  return [
    scene.acquiredOn ? chineseDate(scene.acquiredOn) : '成像日期未知',
    scene.sensor.trim() || '传感器未知',
    bands.length > 0 ? `波段：${bands.join('、')}` : '',
  ]
    .filter(Boolean)
    .join('，');
}

/** `3000 平方米（0.30 公顷）`. */
const minAreaText = (m2: number): string =>
  `${Math.round(m2)} 平方米（${(m2 / 10_000).toFixed(m2 < 100 ? 4 : 2)} 公顷）`;

/** Detection lines: run id and parameters, score and confidence, or that the patch was drawn by hand. */
export function detectionFields(input: SheetInput): SheetField[] {
  const p = input.state.patch;
  if (!p.runId) return [{ label: '来源', value: '人工勾绘（非自动检测）', wide: true }];
  const run = input.run;
  const fields: SheetField[] = [
    { label: '检测方法', value: '多时相变化检测（IR-MAD）', wide: true },
    { label: '检测批次', value: p.runId, wide: true },
  ];
  if (run) {
    fields.push({ label: '运行时间', value: run.startedAt.replace('T', ' ').slice(0, 16), wide: true });
    // The scene's own name only when it says more than T1/T2.
    const named = (scene: SheetScene, tag: string) =>
      scene.label && scene.label !== tag ? `${scene.label}，${sceneText(scene)}` : sceneText(scene);
    if (run.t1) fields.push({ label: '前时相（T1）', value: named(run.t1, 'T1'), wide: true });
    if (run.t2) fields.push({ label: '后时相（T2）', value: named(run.t2, 'T2'), wide: true });
    if (run.minAreaM2 !== undefined)
      fields.push({ label: '最小图斑面积', value: minAreaText(run.minAreaM2) });
    if (run.sensitivity !== undefined)
      fields.push({
        label: '灵敏度',
        value: run.sensitivity === null ? '自动' : run.sensitivity.toFixed(2),
      });
  } else fields.push({ label: '检测参数', value: '本项目未保存该批次的参数记录', wide: true });
  if (p.score !== undefined) fields.push({ label: '变化强度', value: p.score.toFixed(3) });
  if (p.activityConf !== undefined)
    fields.push({ label: '类型置信度', value: `${Math.round(p.activityConf * 100)}%` });
  return fields;
}

/** Date of the sheet as printed. */
export const sheetDate = (input: SheetInput): string => chineseDate(input.date);

// ---------------------------------------------------------------- DOCX

const MM = 56.7; // twips per millimetre
const PT = 20; // twips per point
const PAGE_WIDTH = Math.round(170 * MM); // A4 portrait, 20 mm margins
const FONT = (role: keyof typeof DOCX_FONTS) => ({
  ascii: DOCX_FONTS.latin.name,
  hAnsi: DOCX_FONTS.latin.name,
  eastAsia: DOCX_FONTS[role].name,
});
const text = (value: string, role: keyof typeof DOCX_FONTS = 'body', sizePt = 10.5, bold = false) =>
  new TextRun({ text: value, font: FONT(role), size: sizePt * 2, bold, language: { eastAsia: 'zh-CN' } });
const para = (
  value: string,
  options: { role?: keyof typeof DOCX_FONTS; size?: number; align?: 'left' | 'center'; bold?: boolean } = {},
) =>
  new Paragraph({
    children: [text(value, options.role ?? 'body', options.size ?? 10.5, options.bold)],
    alignment: options.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { line: 15 * PT, lineRule: 'atLeast' },
  });
const heading = (value: string) =>
  new Paragraph({
    children: [text(value, 'label', 12)],
    spacing: { before: 10 * PT, after: 4 * PT },
    keepNext: true,
  });
const cell = (value: string | Paragraph[], width: number, options: { span?: number; shade?: boolean } = {}) =>
  new TableCell({
    children: typeof value === 'string' ? [para(value, { role: options.shade ? 'label' : 'body' })] : value,
    width: { size: width, type: WidthType.DXA },
    columnSpan: options.span ?? 1,
    verticalAlign: VerticalAlignTable.CENTER,
    ...(options.shade ? { shading: { type: ShadingType.CLEAR, fill: 'EDEDED', color: 'auto' } } : {}),
  });
const table = (widths: readonly number[], rows: TableRow[]) =>
  new Table({
    rows,
    columnWidths: [...widths],
    width: { size: PAGE_WIDTH, type: WidthType.DXA },
    margins: { left: 80, right: 80, top: 30, bottom: 30 },
  });
const share = (parts: readonly number[]) => {
  const sum = parts.reduce((a, b) => a + b, 0);
  return parts.map((p) => Math.round((p / sum) * PAGE_WIDTH));
};

/** Labelled fields two per row (label | value | label | value); wide ones take a whole row. */
function fieldTable(fields: readonly SheetField[]): Table {
  const w = share([22, 28, 22, 28]);
  const [lw = 0, vw = 0] = w;
  const rows: TableRow[] = [];
  let pending: SheetField[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    // An empty value prints as a dash, so a blank is never mistaken for a field left out by accident.
    const value = (f: SheetField | undefined) => f?.value || '—';
    const cells = pending.flatMap((f) => [cell(f.label, lw, { shade: true }), cell(value(f), vw)]);
    if (pending.length === 1) cells[1] = cell(value(pending[0]), vw + lw + vw, { span: 3 });
    rows.push(new TableRow({ cantSplit: true, children: cells }));
    pending = [];
  };
  for (const f of fields) {
    if (f.wide) {
      flush();
      pending = [f];
      flush();
    } else {
      pending.push(f);
      if (pending.length === 2) flush();
    }
  }
  flush();
  return table(w, rows);
}

/** Pictures two per row with their captions under them. */
function pictureTable(images: readonly SheetImage[]): Table {
  const half = Math.round(PAGE_WIDTH / 2);
  const rows: TableRow[] = [];
  for (let i = 0; i < images.length; i += 2) {
    const pair = images.slice(i, i + 2);
    const cells = pair.map((image) => {
      // Fit into half the page width (≈ 80 mm ≈ 300 px at 96 dpi).
      const scale = Math.min(1, 300 / image.width, 300 / image.height);
      return cell(
        [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new ImageRun({
                type: image.type,
                data: image.bytes,
                transformation: {
                  width: Math.round(image.width * scale),
                  height: Math.round(image.height * scale),
                },
                altText: { name: image.caption, description: image.caption, title: image.caption },
              }),
            ],
          }),
          para(image.caption, { align: 'center', size: 9 }),
        ],
        half,
      );
    });
    if (cells.length === 1) cells.push(cell('', half));
    rows.push(new TableRow({ cantSplit: true, children: cells }));
  }
  return table([half, half], rows);
}

/** A header row and data rows of plain text. */
function gridTable(header: readonly string[], rows: readonly (readonly string[])[], parts: number[]): Table {
  const w = share(parts);
  return table(w, [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: header.map((h, i) => cell(h, w[i] ?? 0, { shade: true })),
    }),
    ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, w[i] ?? 0)) })),
  ]);
}

function vertexTable(input: SheetInput): (Paragraph | Table)[] {
  const geometry = input.state.patch.geometry;
  if (!geometry) return [para('本图斑没有边界数据。')];
  const all = outlineVertices(geometry);
  const max = input.maxVertices ?? 120;
  const shown = all.slice(0, max);
  const multi = all.some((v) => v.part > 1 || v.ring > 1);
  const label = (v: (typeof all)[number], i: number) =>
    multi ? `${v.part}-${v.ring}-${i + 1}` : `J${i + 1}`;
  const half = Math.ceil(shown.length / 2);
  const rows = shown.slice(0, half).map((v, i) => {
    const w = shown[i + half];
    return [
      label(v, i),
      v.lon.toFixed(6),
      v.lat.toFixed(6),
      ...(w ? [label(w, i + half), w.lon.toFixed(6), w.lat.toFixed(6)] : ['', '', '']),
    ];
  });
  return [
    gridTable(['点号', '经度', '纬度', '点号', '经度', '纬度'], rows, [10, 20, 20, 10, 20, 20]),
    ...(all.length > max
      ? [para(`共${all.length}个拐点，此处列出前${max}个；完整边界见 GeoJSON 导出。`)]
      : []),
  ];
}

const KIND_LABEL: Record<OverlapRow['kind'], string> = {
  redline: '生态保护红线',
  reserve: '自然保护地',
  admin: '行政区',
};

function overlapSection(input: SheetInput): (Paragraph | Table)[] {
  if (input.overlaps === null) return [para('项目未加载红线、保护地或行政区图层，叠加情况未知。')];
  if (input.overlaps.length === 0) return [para('与已加载的红线、保护地和行政区图层均不相交。')];
  const ha = (v: number) => v.toFixed(areaDecimalsFor(v, Math.max(2, input.areaDecimals)));
  return [
    gridTable(
      ['类别', '图层', '名称', '重叠面积（公顷）'],
      input.overlaps.map((o) => [KIND_LABEL[o.kind], o.layer, o.name, ha(o.ha)]),
      [16, 30, 34, 20],
    ),
  ];
}

/** The blank table the field officer fills in. */
function fieldCheckTable(): Table {
  const w = share([22, 28, 22, 28]);
  const [lw = 0, vw = 0] = w;
  const row = (cells: TableCell[], height?: number) =>
    new TableRow({
      cantSplit: true,
      children: cells,
      ...(height ? { height: { value: height, rule: HeightRule.ATLEAST } } : {}),
    });
  return table(w, [
    row([
      cell('核查结论', lw, { shade: true }),
      cell('属实 □        部分属实 □        不属实 □', vw + lw + vw, { span: 3 }),
    ]),
    row([cell('现场情况描述', lw, { shade: true }), cell('', vw + lw + vw, { span: 3 })], 40 * MM),
    row([cell('整改查处情况', lw, { shade: true }), cell('', vw + lw + vw, { span: 3 })], 25 * MM),
    row([
      cell('核查人员（签字）', lw, { shade: true }),
      cell('', vw),
      cell('核查日期', lw, { shade: true }),
      cell('    年    月    日', vw),
    ]),
  ]);
}

/** One verification sheet as DOCX bytes (A4 portrait). */
export async function writeVerificationSheetDocx(input: SheetInput): Promise<Uint8Array> {
  const reviews = reviewRows(input.events, input.catalog);
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      children: [text('生态保护红线图斑核查单', 'title', 18)],
      alignment: AlignmentType.CENTER,
      spacing: { after: 6 * PT },
    }),
    para(`项目：${input.projectName}${'\u3000'.repeat(4)}制表日期：${sheetDate(input)}`, {
      align: 'center',
      size: 10.5,
    }),
    heading('一、图斑基本信息'),
    fieldTable(sheetFields(input)),
    heading('二、遥感影像（前时相 T1 / 后时相 T2，黄线为图斑边界）'),
    ...(input.chips.length > 0 ? [pictureTable(input.chips)] : [para('项目中没有覆盖该图斑的影像。')]),
    heading('三、拐点坐标（CGCS2000 经纬度，单位：度）'),
    ...vertexTable(input),
    heading('四、叠加分析'),
    ...overlapSection(input),
    heading('五、检测信息'),
    fieldTable(detectionFields(input)),
    heading('六、审核记录'),
    reviews.length > 0
      ? gridTable(
          ['环节', '结论', '人员', '日期', '说明'],
          reviews.map((r) => [r.step, r.decision, r.by, r.on, r.note]),
          [14, 22, 14, 16, 34],
        )
      : para('暂无审核记录。'),
    heading('七、现场照片'),
    ...(input.photos.length > 0 ? [pictureTable(input.photos)] : [para('暂无照片。')]),
    heading('八、现场核查（由核查人员填写）'),
    fieldCheckTable(),
  ];
  const doc = new Document({
    creator: 'Redline Notebook',
    title: `图斑核查单 ${input.state.id}`,
    sections: [
      {
        properties: {
          page: {
            size: { width: 210 * MM, height: 297 * MM },
            margin: { top: 20 * MM, bottom: 20 * MM, left: 20 * MM, right: 20 * MM },
          },
        },
        children,
      },
    ],
  });
  const buffer = await Packer.toArrayBuffer(doc, false, [
    { path: 'word/fontTable.xml', data: fontTableXml() },
  ]);
  return new Uint8Array(buffer);
}
