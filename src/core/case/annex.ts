/**
 * The lists and letters of the programme (环办生态函〔2020〕703号, 附件1–5), as plain data that the XLSX, CSV and
 * DOCX writers render. Columns, their order and the notes are those of the seed text; see docs/bundle-format.md
 * for which cases each list selects. Pure: no I/O.
 */
import { findEntry, labelOf, type Catalog } from '../catalog.ts';
import type { CaseState, ProjectSettings } from '../model.ts';
import { addMonths } from './due-dates.ts';
import { POST_CONFIRMATION } from './workflow.ts';

/** How a column's values are written: text, or a number with fixed decimals. */
export type ColumnKind = 'text' | 'lon' | 'lat' | 'area';
export interface AnnexColumn {
  readonly key: string;
  /** Flat header (CSV, and the bottom header row of XLSX). */
  readonly header: string;
  readonly kind: ColumnKind;
  /** Width in characters for XLSX/DOCX. */
  readonly width: number;
  /** Free text reads better left-aligned; codes, names and numbers are centred (numbers right in XLSX). */
  readonly align: 'left' | 'center';
}
/** A header cell spanning columns (group headers such as 所在行政区名称) or both header rows. */
export interface HeaderCell {
  readonly text: string;
  readonly col: number;
  readonly colSpan: number;
  readonly rowSpan: number;
}
export type CellValue = string | number;
export interface AnnexTable {
  readonly annex: 1 | 2 | 4;
  /** 附件1 … */
  readonly label: string;
  readonly title: string;
  readonly columns: readonly AnnexColumn[];
  /** One or two header rows (附件4 has two). */
  readonly headerRows: readonly (readonly HeaderCell[])[];
  readonly rows: readonly (readonly CellValue[])[];
  readonly notes: readonly string[];
  /** Decimals of area columns (2–4, project setting). */
  readonly areaDecimals: number;
}

export type AnnexSettings = Pick<ProjectSettings, 'province' | 'areaDecimals'>;

const LEFT = new Set(['location', 'description', 'handling', 'remark']);
const col = (key: string, header: string, kind: ColumnKind, width: number): AnnexColumn => ({
  key,
  header,
  kind,
  width,
  align: LEFT.has(key) ? 'left' : 'center',
});

/** Columns of 附件1 and 附件2 (the same eleven). */
export const ANNEX1_COLUMNS: readonly AnnexColumn[] = [
  col('patchId', '图斑编号', 'text', 18),
  col('province', '省级行政区', 'text', 12),
  col('city', '市级行政区', 'text', 10),
  col('county', '县级行政区', 'text', 10),
  col('lon', '中心经度', 'lon', 13),
  col('lat', '中心纬度', 'lat', 12),
  col('location', '位置描述', 'text', 22),
  // The seed's own form, half-width brackets (the letters and other tables of the app use full-width).
  col('areaHa', '面积 (公顷)', 'area', 10),
  col('activity', '遥感解译人类活动类型', 'text', 14),
  col('problem', '疑似生态破坏问题', 'text', 13),
  col('remark', '备注', 'text', 18),
];

/** Leaf columns of 附件4, left to right. */
export const ANNEX4_COLUMNS: readonly AnnexColumn[] = [
  col('problemNo', '问题编号', 'text', 7),
  col('province', '省级行政区', 'text', 11),
  col('city', '市级行政区', 'text', 9),
  col('county', '县级行政区', 'text', 9),
  col('township', '乡镇/街道', 'text', 9),
  col('lon', '经度', 'lon', 12),
  col('lat', '纬度', 'lat', 11),
  col('patchId', '图斑编号', 'text', 17),
  col('photos', '照片索引号', 'text', 18),
  col('problem', '问题类型', 'text', 11),
  col('description', '问题描述', 'text', 26),
  col('handling', '整改查处情况', 'text', 28),
  col('remark', '备注', 'text', 14),
  // Our addition, not in the seed's 附件4: marks the problems to report to 国务院 (see ANNEX4_ADDED_KEYS).
  col('major', '重大问题', 'text', 8),
];
/** 附件4 columns the Ministry's template does not have, added by us on purpose (always the last ones). */
export const ANNEX4_ADDED_KEYS: readonly string[] = ['major'];

const single = (columns: readonly AnnexColumn[]): HeaderCell[][] => [
  columns.map((c, i) => ({ text: c.header, col: i, colSpan: 1, rowSpan: 1 })),
];
/** 附件4: 所在行政区名称 over 省级/市级/县级/乡镇, 经纬度 over 经度/纬度, the others span both rows. */
const ANNEX4_HEADER: HeaderCell[][] = [
  [
    { text: '问题编号', col: 0, colSpan: 1, rowSpan: 2 },
    { text: '所在行政区名称', col: 1, colSpan: 4, rowSpan: 1 },
    { text: '经纬度', col: 5, colSpan: 2, rowSpan: 1 },
    ...ANNEX4_COLUMNS.slice(7).map((c, i) => ({ text: c.header, col: 7 + i, colSpan: 1, rowSpan: 2 })),
  ],
  ANNEX4_COLUMNS.slice(1, 7).map((c, i) => ({ text: c.header, col: 1 + i, colSpan: 1, rowSpan: 1 })),
];

const NOTE_ACTIVITY =
  '注：1. 人类活动类型主要分为：(1) 矿产资源开发（含采石、采砂）；(2) 工厂、工业园区等工业开发建设；(3) 水电、风电等能源开发建设；(4) 度假村、高尔夫球场等旅游开发建设；(5) 道路、码头、港口等交通开发建设；(6) 其他可能造成较大生态破坏的人类活动，如别墅及大规模毁林、毁草、毁湿、人造湖、围填海、破坏自然岸线等开发建设活动。';
const NOTES_1_2 = [
  NOTE_ACTIVITY,
  '2. 疑似生态破坏问题主要分为：占用生态空间、破坏地表植被、影响生态功能、其他。',
  '3. 涉及中央领导同志批示、信访举报、舆情反映等的疑似生态破坏问题，应将线索来源在备注中说明。',
];
const NOTES_4 = [
  '注：1. 问题类型主要分为：占用生态空间、破坏地表植被、影响生态功能、其他。',
  '2. 问题描述应简要说明该问题破坏的面积、程度、破坏方式等。',
  '3. 整改查处情况应简要说明查处整改的内容、方式、进展及结果等情况。',
];

// ---------------------------------------------------------------- formatting

/** `2026年11月22日` from `2026-11-22`. */
export function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/**
 * Decimals for an area: the project's 2–4, but 4 when a non-zero area would otherwise print as zero.
 */
export function areaDecimalsFor(value: number, decimals: number): number {
  return value > 0 && Number(value.toFixed(decimals)) === 0 ? 4 : decimals;
}

/**
 * A patch's area and its red-line part as every export prints them: both rounded to the same decimals (the
 * project's, or 4 when the area would read as zero), and the red-line part never above the whole (the two come
 * from different overlay sums, so after rounding it can tip over by a unit of the last decimal).
 */
export function roundedAreas(
  areaHa: number,
  redlineHa: number,
  decimals: number,
): { areaHa: number; redlineHa: number; decimals: number } {
  // The patch's area sets the precision (as the lists print it); the red-line part follows it.
  const d = areaDecimalsFor(areaHa, decimals);
  const area = Number(areaHa.toFixed(d));
  return { areaHa: area, redlineHa: Math.min(Number(redlineHa.toFixed(d)), area), decimals: d };
}

/** A cell as text (CSV, DOCX): coordinates with 6 decimals, areas with the project's decimals. */
export function formatCell(column: AnnexColumn, value: CellValue, areaDecimals: number): string {
  if (typeof value === 'string') return value;
  if (column.kind === 'lon' || column.kind === 'lat') return value.toFixed(6);
  if (column.kind === 'area') return value.toFixed(areaDecimalsFor(value, areaDecimals));
  return String(value);
}

/** Round a number for storage as a spreadsheet number (what the cell shows is what it holds). */
export function roundCell(column: AnnexColumn, value: CellValue, areaDecimals: number): CellValue {
  if (typeof value === 'string') return value;
  const decimals = column.kind === 'area' ? areaDecimalsFor(value, areaDecimals) : 6;
  return Number(value.toFixed(decimals));
}

/** Replace 「XX省（区、市）」: the project's province name. */
export const titleFor = (annex: 1 | 2 | 4, provinceName: string): string =>
  `${provinceName}${
    {
      1: '生态保护红线疑似生态破坏问题清单',
      2: '生态保护红线人类活动清单',
      4: '生态保护红线生态破坏问题清单',
    }[annex]
  }`;

// ---------------------------------------------------------------- selection

const byPatchId = (a: CaseState, b: CaseState): number =>
  a.patch.id < b.patch.id ? -1 : a.patch.id > b.patch.id ? 1 : 0;
const REACHED_CONFIRMATION: ReadonlySet<string> = new Set(POST_CONFIRMATION);

/** Control-zone findings (生态空间管控区域) have their own list and never enter 附件1–5. */
export const isRedlineFinding = (c: CaseState): boolean => c.patch.zone !== 'control_zone';

/** 附件1: every red-line case confirmed by the consultation (会商), whatever happened to it since. */
export const selectAnnex1 = (cases: readonly CaseState[]): CaseState[] =>
  cases.filter((c) => isRedlineFinding(c) && REACHED_CONFIRMATION.has(c.stage)).sort(byPatchId);

/**
 * 附件2: every interpreted human activity in the red lines: cases from `suspected` on that have an activity
 * type, plus those rejected for a reason that is real activity (已批准项目, 农业活动, 既有设施), not false change.
 */
export function selectAnnex2(cases: readonly CaseState[], catalog: Catalog): CaseState[] {
  return cases
    .filter((c) => {
      if (!c.patch.activityType || c.stage === 'auto' || c.stage === 'clue' || c.supersededBy) return false;
      if (!isRedlineFinding(c)) return false;
      if (c.stage !== 'rejected') return true;
      return c.rejection
        ? findEntry(catalog, 'rejectionReasons', c.rejection.reasonCode)?.humanActivity === true
        : false;
    })
    .sort(byPatchId);
}

/**
 * 附件3 (建议核实函): the letter hands the province the 附件1 list (疑似生态破坏问题清单), so it counts exactly the
 * cases 附件1 lists — one rule for both, whatever happened to a case since the consultation.
 */
export const selectAnnex3 = selectAnnex1;

/** 附件4: problems verified as 属实 or 部分属实. */
export const selectAnnex4 = (cases: readonly CaseState[]): CaseState[] =>
  cases
    .filter(
      (c) =>
        isRedlineFinding(c) &&
        REACHED_CONFIRMATION.has(c.stage) &&
        c.verification &&
        c.verification.result !== 'unsubstantiated',
    )
    .sort((a, b) => (a.patch.countyCode ?? '').localeCompare(b.patch.countyCode ?? '') || byPatchId(a, b));

/**
 * 附件5 (移交函) to one department: the 附件4 problems (verified as 属实 or 部分属实: the letter says 现场核实)
 * that were transferred to it. A case handed to a department before verification waits until it is verified.
 */
export const selectAnnex5 = (cases: readonly CaseState[], department?: string): CaseState[] =>
  selectAnnex4(cases)
    .filter((c) =>
      department ? c.transfers.some((t) => t.department === department) : c.transfers.length > 0,
    )
    .sort(byPatchId);

/** Cases transferred to a department but not (yet) in a 附件5 letter because they are not verified as problems. */
export const transferredUnverified = (cases: readonly CaseState[]): CaseState[] => {
  const inLetters = new Set(selectAnnex5(cases).map((c) => c.id));
  return cases.filter((c) => c.transfers.length > 0 && !inLetters.has(c.id)).sort(byPatchId);
};

// ---------------------------------------------------------------- rows

const clueRemark = (c: CaseState, catalog: Catalog): string =>
  c.clueSource && c.clueSource !== 'satellite'
    ? `线索来源：${labelOf(catalog, 'clueSources', c.clueSource)}`
    : '';
/**
 * Clauses joined with ；. A clause's own closing 。 (or ；，) is dropped first: a person's note often ends a
 * sentence, and 「。；」 is not Chinese punctuation.
 */
export const joinClauses = (parts: readonly (string | undefined)[]): string =>
  parts
    .map((p) => (p ?? '').trim().replace(/[。；;，,\s]+$/u, ''))
    .filter((p) => p !== '')
    .join('；');
const join = joinClauses;
const activityText = (c: CaseState, catalog: Catalog): string => {
  const code = c.patch.activityType;
  return code ? (findEntry(catalog, 'activityTypes', code)?.annexZh ?? code) : '';
};
const problemText = (c: CaseState, catalog: Catalog): string =>
  c.patch.problemType ? labelOf(catalog, 'problemTypes', c.patch.problemType) : '';

function annex12Row(c: CaseState, catalog: Catalog, annex: 1 | 2): CellValue[] {
  const rejected =
    annex === 2 && c.stage === 'rejected' && c.rejection
      ? `会商排除：${labelOf(catalog, 'rejectionReasons', c.rejection.reasonCode)}`
      : undefined;
  return [
    c.patch.id,
    c.patch.province,
    c.patch.city,
    c.patch.county,
    c.patch.cx,
    c.patch.cy,
    c.patch.location,
    c.patch.areaHa,
    activityText(c, catalog),
    rejected ? '' : problemText(c, catalog),
    join([clueRemark(c, catalog), rejected, c.remark]),
  ];
}

/** 问题描述: the case's own text, else area, activity and damage in one sentence (附件4 注2). */
export function problemDescription(c: CaseState, catalog: Catalog, areaDecimals: number): string {
  if (c.description?.trim()) return c.description.trim();
  const r = roundedAreas(c.patch.areaHa, c.patch.redlineHa, areaDecimals);
  const where = c.patch.location ? `位于${c.patch.location}，` : '';
  const what = activityText(c, catalog) || '人类活动';
  return `${where}${what}${problemText(c, catalog) || '造成生态破坏'}，面积${r.areaHa.toFixed(r.decimals)}公顷，其中生态保护红线内${r.redlineHa.toFixed(r.decimals)}公顷。`;
}

/** 整改查处情况: verification, rectification deadline, re-checks and closure, in order. */
export function handlingText(c: CaseState, catalog: Catalog): string {
  const v = c.verification;
  const parts: string[] = [];
  if (v)
    parts.push(
      `${chineseDate(v.feedbackOn)}反馈核实${labelOf(catalog, 'verificationResults', v.result)}：${v.details}`,
    );
  if (c.rectification) parts.push(`整改期限${chineseDate(c.rectification.deadline)}`);
  for (const r of c.rechecks)
    parts.push(`${chineseDate(r.recheckedOn)}复核${r.passed ? '合格' : '不合格'}：${r.findings}`);
  for (const x of c.escalations)
    parts.push(
      `${chineseDate(x.on)}${labelOf(catalog, 'escalationMeasures', x.measure)}${x.note ? `：${x.note}` : ''}`,
    );
  if (c.closure) parts.push(`${chineseDate(c.closure.closedOn)}销号`);
  else if (c.stage === 'rectifying') parts.push('整改中');
  return joinClauses(parts);
}

/** 重大问题 column: 是 while marked, with the bureau that checked it when there is one. */
export function majorText(c: Pick<CaseState, 'major'>): string {
  if (!c.major) return '';
  const { routing } = c.major;
  return routing ? `是（委托${routing.bureau}核实）` : '是';
}

function annex4Row(c: CaseState, ordinal: number, catalog: Catalog, areaDecimals: number): CellValue[] {
  const photos = c.evidence.filter((e) => e.kind === 'photo').map((e) => e.indexNo);
  const partly = c.verification?.result === 'partly_substantiated' ? '部分属实' : undefined;
  const transfers = [
    ...new Set(
      c.transfers.map((t) => findEntry(catalog, 'departments', t.department)?.organ ?? t.department),
    ),
  ];
  return [
    c.problemNo?.trim() || String(ordinal),
    c.patch.province,
    c.patch.city,
    c.patch.county,
    c.patch.township,
    c.patch.cx,
    c.patch.cy,
    c.patch.id,
    photos.join('、'),
    problemText(c, catalog),
    problemDescription(c, catalog, areaDecimals),
    handlingText(c, catalog),
    join([
      clueRemark(c, catalog),
      partly,
      transfers.length ? `已移交${transfers.join('、')}` : undefined,
      ...c.referrals.map((r) => `已移送${r.to}（${labelOf(catalog, 'referralKinds', r.kind)}）`),
      c.reports.length ? '已报告国务院' : undefined,
      c.remark,
    ]),
    majorText(c),
  ];
}

/** Provincial units among the cases, the project's own first, then by name. */
export function provincesOf(cases: readonly CaseState[], projectProvince: string): string[] {
  const names = [...new Set(cases.map((c) => c.patch.province))];
  return names.sort((a, b) =>
    a === projectProvince ? -1 : b === projectProvince ? 1 : a.localeCompare(b, 'zh'),
  );
}

export interface BuildAnnexOptions {
  /** The cases are already the list's rows, in order (letters attach their own selection). */
  readonly preselected?: boolean;
  /** Which province the list is for (title and rows); default the project's. '' = all cases, project title. */
  readonly province?: string;
}

/** Build one annex list from the cases (all cases of the project; each list selects its own). */
export function buildAnnex(
  annex: 1 | 2 | 4,
  all: readonly CaseState[],
  settings: AnnexSettings,
  catalog: Catalog,
  options: BuildAnnexOptions = {},
): AnnexTable {
  const decimals = settings.areaDecimals;
  const province = options.province ?? settings.province.name;
  const cases = province && !options.preselected ? all.filter((c) => c.patch.province === province) : all;
  const base = {
    annex,
    label: `附件${annex}`,
    title: titleFor(annex, province || settings.province.name),
    areaDecimals: decimals,
  };
  if (annex === 4) {
    const chosen = options.preselected ? [...cases] : selectAnnex4(cases);
    return {
      ...base,
      columns: ANNEX4_COLUMNS,
      headerRows: ANNEX4_HEADER,
      rows: chosen.map((c, i) => annex4Row(c, i + 1, catalog, decimals)),
      notes: NOTES_4,
    };
  }
  const chosen = options.preselected
    ? [...cases]
    : annex === 1
      ? selectAnnex1(cases)
      : selectAnnex2(cases, catalog);
  return {
    ...base,
    columns: ANNEX1_COLUMNS,
    headerRows: single(ANNEX1_COLUMNS),
    rows: chosen.map((c) => annex12Row(c, catalog, annex)),
    notes: NOTES_1_2,
  };
}

/** Rows as records keyed by column header (flat), e.g. for GIS attribute tables with annex field names. */
export function rowsAsRecords(table: AnnexTable): Record<string, CellValue>[] {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((c, i) => [c.header, row[i] ?? ''])));
}

// ---------------------------------------------------------------- letters 附件3 / 附件5

/** A letter's fields, in reading order; the list it attaches is `table`. */
export interface Letter {
  readonly annex: 3 | 5;
  readonly label: string;
  /** Province name (附件3) or department code (附件5): one letter each. */
  readonly key: string;
  readonly title: string;
  readonly addressee: string;
  readonly body: readonly string[];
  readonly attachment: string;
  readonly contact: string;
  readonly signature: string;
  /** Chinese date, e.g. 2026年11月22日. */
  readonly date: string;
  readonly count: number;
  /** Total area inside red lines (涉及生态保护红线面积), hectares, and as printed. */
  readonly redlineHa: number;
  readonly redlineHaText: string;
  readonly replyBy?: string;
  /** The attached lists: one per province among the letter's cases, each titled with its own province. */
  readonly tables: readonly AnnexTable[];
}

export type LetterSettings = AnnexSettings &
  Pick<ProjectSettings, 'contact' | 'issuer' | 'issuerDepartment'> &
  Partial<Pick<ProjectSettings, 'letterLevel'>>;

/** Who sends: the Ministry (部), a provincial department (厅) or a city bureau (局). */
export type SenderLevel = ProjectSettings['letterLevel'];
/** Which governments a 建议核实函 (附件3 and its lower-level forms) goes to. */
export type RecipientLevel = 'province' | 'city' | 'county';
export interface LetterOptions {
  /** Date of the letter, `YYYY-MM-DD`. */
  readonly date: string;
  /** Reply-by date `YYYY-MM-DD`; default (附件3): the earliest feedback due date of the cases, at least a month after the letter. */
  readonly replyBy?: string;
  /** Which cases (among those the annex's rule selects); default: all of them (selectAnnex3 / selectAnnex5). */
  readonly caseIds?: readonly string[];
  /** Addressee per letter key (Letter.key), as edited in the export panel; default `defaultAddressee`. */
  readonly addressees?: Readonly<Record<string, string>>;
  /** 附件3: which governments the letters go to; default the level below the sender (部→省, 省→市, 市→县). */
  readonly recipientLevel?: RecipientLevel;
  /** Signature for this export; default the project's issuer (附件3) or issuerDepartment (附件5). */
  readonly signature?: string;
}

/** The level the letters of a sender go to by default. */
export const DEFAULT_RECIPIENT: Readonly<Record<SenderLevel, RecipientLevel>> = {
  ministry: 'province',
  province: 'city',
  city: 'county',
};
/** Which recipient levels a sender can write to (never above itself). */
export const RECIPIENT_LEVELS: Readonly<Record<SenderLevel, readonly RecipientLevel[]>> = {
  ministry: ['province'],
  province: ['city', 'county'],
  city: ['county'],
};

/** 我部 / 我厅 / 我局: the sending organ as it names itself. */
export const SELF_BY_LEVEL: Readonly<Record<SenderLevel, string>> = {
  ministry: '我部',
  province: '我厅',
  city: '我局',
};

/** 你市 / 你州 / 你盟 / 你地区 by the kind of prefecture-level unit. */
export function youCity(name: string): string {
  if (name.endsWith('地区')) return '你地区';
  if (name.endsWith('州')) return '你州';
  if (name.endsWith('盟')) return '你盟';
  return '你市';
}
/** 你县 / 你区 / 你旗 / 你市 by the kind of county-level unit. */
export function youCounty(name: string): string {
  for (const suffix of ['区', '旗', '市']) if (name.endsWith(suffix)) return `你${suffix}`;
  return '你县';
}

/**
 * How a unit (司, 厅, 局, 委, 办, 处…) names itself or is named (我司 / 你厅): by the last character of its name,
 * else `fallback`.
 */
export function organWord(name: string, person: '我' | '你', fallback: string): string {
  const bare = name.trim().replace(/[：:]$/, '');
  // 「有关司局」: the Ministry's own word for a 司 of another ministry.
  if (bare.endsWith('司局')) return `${person}司`;
  const last = bare.slice(-1);
  return ['部', '司', '厅', '局', '委', '办', '处', '科', '室'].includes(last)
    ? `${person}${last}`
    : fallback;
}

/** A Ministry-level organ's counterpart at province or city level (自然资源部 → 自然资源厅 / 自然资源局). */
export function counterpartOrgan(organ: string, level: SenderLevel): string {
  if (level === 'ministry') return organ;
  const bare = organ.replace(/^(国家|中国)/, '');
  if (bare.endsWith('部')) return `${bare.slice(0, -1)}${level === 'province' ? '厅' : '局'}`;
  return bare;
}

/** The recipient unit of a case at a level: its name and the key its letter is filed under. */
function recipientOf(c: CaseState, level: RecipientLevel): { key: string; name: string } {
  const p = c.patch;
  if (level === 'province') return { key: p.province, name: p.province };
  if (level === 'city') return { key: `${p.province}/${p.city}`, name: p.city };
  return { key: `${p.province}/${p.city}/${p.county}`, name: p.county };
}

const youOf = (level: RecipientLevel, name: string): string =>
  level === 'province' ? youProvince(name) : level === 'city' ? youCity(name) : youCounty(name);

/** 附件3-type addressee: a provincial government's 办公厅, a city or county government's 办公室. */
const governmentOffice = (level: RecipientLevel, name: string): string =>
  `${name}人民政府${level === 'province' ? '办公厅' : '办公室'}`;

/** The lists attached to a letter: one per province among its cases (the seed's lists are per province). */
function listsByProvince(
  annex: 1 | 4,
  mine: readonly CaseState[],
  settings: LetterSettings,
  catalog: Catalog,
): AnnexTable[] {
  return provincesOf(mine, settings.province.name).map((province) =>
    buildAnnex(
      annex,
      mine.filter((c) => c.patch.province === province),
      { ...settings, province: { ...settings.province, name: province } },
      catalog,
      { preselected: true },
    ),
  );
}

/** 你省 / 你区 / 你市 by the kind of provincial unit. */
export function youProvince(name: string): string {
  if (name.endsWith('自治区')) return '你区';
  if (name.endsWith('市')) return '你市';
  if (name.endsWith('兵团')) return '你兵团';
  return '你省';
}

const contactLine = (s: LetterSettings): string =>
  `联系人：${[s.contact.name, s.contact.phone ? `联系电话：${s.contact.phone}` : ''].filter(Boolean).join('，')}`;
const sumRedline = (cases: readonly CaseState[]): number => cases.reduce((n, c) => n + c.patch.redlineHa, 0);
/** The annex's own selection, narrowed to `ids` when given (a letter never lists a case its list would not). */
const pick = (selected: readonly CaseState[], ids: readonly string[] | undefined) =>
  ids ? selected.filter((c) => ids.includes(c.id)) : [...selected];

/**
 * 附件3, one letter per recipient government (province, city or county, by the sender's level): suggestion to
 * verify the suspected problems, the 附件1 list of them attached.
 * `feedbackDue(c)` gives each case's reply-by date (due-dates.ts dueDates(c).feedback) for the default.
 */
export function buildLetters3(
  cases: readonly CaseState[],
  settings: LetterSettings,
  catalog: Catalog,
  options: LetterOptions,
  feedbackDue: (c: CaseState) => string,
): Letter[] {
  const sender = settings.letterLevel ?? 'ministry';
  const level = options.recipientLevel ?? DEFAULT_RECIPIENT[sender];
  const self = SELF_BY_LEVEL[sender];
  const chosen = pick(selectAnnex3(cases), options.caseIds);
  // Recipients in the order of their provinces (the project's first), then by name.
  const order = provincesOf(chosen, settings.province.name);
  const units = new Map<string, { name: string; province: string }>();
  for (const c of chosen) {
    const unit = recipientOf(c, level);
    if (!units.has(unit.key)) units.set(unit.key, { name: unit.name, province: c.patch.province });
  }
  const keys = [...units.keys()].sort(
    (a, b) =>
      order.indexOf(units.get(a)?.province ?? '') - order.indexOf(units.get(b)?.province ?? '') ||
      a.localeCompare(b, 'zh'),
  );
  return keys.map((key) => {
    const name = units.get(key)?.name ?? key;
    const mine = chosen.filter((c) => recipientOf(c, level).key === key).sort(byPatchId);
    const area = sumRedline(mine);
    const areaText = area.toFixed(areaDecimalsFor(area, settings.areaDecimals));
    const earliest = mine.map(feedbackDue).sort()[0] ?? options.date;
    // Never ask for a reply sooner than a month after the letter (an old milestone may have passed).
    const floor = addMonths(options.date, 1);
    const replyBy = options.replyBy ?? (earliest > floor ? earliest : floor);
    const you = youOf(level, name);
    // A county has no 地方 below it to organise but its 乡镇 (街道).
    const whom = level === 'county' ? '有关部门和乡镇（街道）' : '有关部门和地方';
    return {
      annex: 3,
      label: '附件3',
      key,
      title: '关于建议核实生态保护红线疑似生态破坏问题的函',
      addressee: `${options.addressees?.[key]?.trim() || governmentOffice(level, name)}：`,
      body: [
        `经${self}生态保护红线监管平台监测，发现${you}存在生态保护红线疑似生态破坏问题${mine.length}个，涉及生态保护红线面积${areaText}公顷（清单附后）。`,
        `建议${you}组织${whom}，对疑似生态破坏问题进行核实，防范可能造成破坏生态环境的影响。相关情况望于${chineseDate(replyBy)}前反馈${self}。`,
      ],
      attachment: '附件：疑似生态破坏问题清单',
      contact: contactLine(settings),
      signature: options.signature?.trim() || settings.issuer,
      date: chineseDate(options.date),
      count: mine.length,
      redlineHa: area,
      redlineHaText: areaText,
      replyBy: chineseDate(replyBy),
      tables: listsByProvince(1, mine, settings, catalog),
    };
  });
}

/** The default addressee of a letter (what the export panel shows before the user edits it). */
export function defaultAddressee(
  annex: 3 | 5,
  key: string,
  settings: LetterSettings,
  catalog: Catalog,
  recipientLevel?: RecipientLevel,
): string {
  const sender = settings.letterLevel ?? 'ministry';
  if (annex === 3) {
    const level = recipientLevel ?? DEFAULT_RECIPIENT[sender];
    return governmentOffice(level, key.split('/').at(-1) ?? key);
  }
  const organ = findEntry(catalog, 'departments', key)?.organ ?? key;
  if (sender === 'ministry') return `${organ}有关司局`;
  // A province or city hands over to its own level's counterpart of the organ.
  return `${settings.province.name}${counterpartOrgan(organ, sender)}`;
}

/**
 * 附件5, one letter per department, at the sender's level (部→部委司局, 厅→省直部门, 局→市直部门): hand-over of the
 * problem list (附件4 rows of the verified cases transferred), one list per province among the cases.
 */
export function buildLetters5(
  cases: readonly CaseState[],
  settings: LetterSettings,
  catalog: Catalog,
  options: LetterOptions,
): Letter[] {
  const sender = settings.letterLevel ?? 'ministry';
  const chosen = pick(selectAnnex5(cases), options.caseIds);
  const departments = [...new Set(chosen.flatMap((c) => c.transfers.map((t) => t.department)))].sort();
  const signature = options.signature?.trim() || settings.issuerDepartment;
  // The platform is the organ's (我部/我厅/我局); the letter speaks for the signing unit (我司, 我处 …).
  const platform = SELF_BY_LEVEL[sender];
  const self = organWord(signature, '我', platform);
  return departments.map((code) => {
    const mine = chosen.filter((c) => c.transfers.some((t) => t.department === code)).sort(byPatchId);
    const area = sumRedline(mine);
    const areaText = area.toFixed(areaDecimalsFor(area, settings.areaDecimals));
    const addressee = options.addressees?.[code]?.trim() || defaultAddressee(5, code, settings, catalog);
    const you = organWord(addressee, '你', sender === 'ministry' ? '你司' : '你单位');
    const due =
      options.replyBy ??
      mine
        .flatMap((c) => c.transfers.filter((t) => t.department === code && t.dueDate))
        .map((t) => t.dueDate as string)
        .sort()[0];
    return {
      annex: 5,
      label: '附件5',
      key: code,
      title: '关于移交生态保护红线生态破坏问题清单的函',
      addressee: `${addressee}：`,
      body: [
        `经${platform}生态保护红线监管平台监测和现场核实，发现生态保护红线生态破坏问题${mine.length}处，涉及生态保护红线面积${areaText}公顷（清单附后）。`,
        `为落实中办、国办《关于划定并严守生态保护红线的若干意见》，现将生态保护红线问题清单移交${you}，商请${you}依法依规进行处理，有关结果请${due ? `于${chineseDate(due)}前` : ''}书面反馈${self}。`,
        '感谢支持。',
      ],
      attachment: '附件：问题清单',
      contact: contactLine(settings),
      signature,
      date: chineseDate(options.date),
      count: mine.length,
      redlineHa: area,
      redlineHaText: areaText,
      ...(due ? { replyBy: chineseDate(due) } : {}),
      tables: listsByProvince(4, mine, settings, catalog),
    };
  });
}

/**
 * The keys of the letters an export would make (recipient units for 附件3, department codes for 附件5), so
 * the export panel can offer each addressee for editing before anything is built.
 */
export function letterKeys(
  annex: 3 | 5,
  cases: readonly CaseState[],
  settings: LetterSettings,
  recipientLevel?: RecipientLevel,
): string[] {
  if (annex === 5)
    return [...new Set(selectAnnex5(cases).flatMap((c) => c.transfers.map((t) => t.department)))].sort();
  const level = recipientLevel ?? DEFAULT_RECIPIENT[settings.letterLevel ?? 'ministry'];
  return [...new Set(selectAnnex3(cases).map((c) => recipientOf(c, level).key))].sort((a, b) =>
    a.localeCompare(b, 'zh'),
  );
}
