/**
 * Code tables as data ("codes are data, never if-chains", docs/design-notes.md), with zh + en labels. A
 * project can add entries to the open tables, relabel any entry and retire entries it does not use (see applyOverrides).
 * Never rename a shipped code: events store them.
 */

export type Lang = 'zh' | 'en';

/** One row of a code table. */
export interface CodeEntry {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  /** Retired entries still label old events but are not offered for new ones. */
  readonly retired?: boolean;
}

/** A human-activity type; annexes report its programme class 1–6. */
export interface ActivityTypeEntry extends CodeEntry {
  /** Class (1)–(6) of the programme (附件1 注1). */
  readonly annexClass: 1 | 2 | 3 | 4 | 5 | 6;
  /** Text written in the annex column 遥感解译人类活动类型. */
  readonly annexZh: string;
  /** Not one of the programme's six classes (e.g. 养殖开发 from the nature-reserve standard). */
  readonly optional?: boolean;
}

export interface RejectionReasonEntry extends CodeEntry {
  /** The change is real human activity (so it stays in the 附件2 human-activity list), not a false change. */
  readonly humanActivity: boolean;
}

export interface DepartmentEntry extends CodeEntry {
  /** The receiving organ, addressed by letter 附件5 (e.g. 自然资源部). */
  readonly organ: string;
}

export interface Catalog {
  readonly activityTypes: readonly ActivityTypeEntry[];
  readonly problemTypes: readonly CodeEntry[];
  readonly stages: readonly CodeEntry[];
  readonly reviewLevels: readonly CodeEntry[];
  readonly clueSources: readonly CodeEntry[];
  readonly departments: readonly DepartmentEntry[];
  readonly rejectionReasons: readonly RejectionReasonEntry[];
  readonly verificationResults: readonly CodeEntry[];
  readonly referralKinds: readonly CodeEntry[];
  readonly escalationMeasures: readonly CodeEntry[];
  readonly evidenceKinds: readonly CodeEntry[];
  readonly changeDirections: readonly CodeEntry[];
}

export type CatalogTable = keyof Catalog;

/** Tables whose codes drive the workflow: a project may relabel them but not add or retire entries. */
export const FIXED_TABLES: readonly CatalogTable[] = ['stages', 'reviewLevels', 'verificationResults'];

const e = (code: string, zh: string, en: string): CodeEntry => ({ code, zh, en });

export const DEFAULT_CATALOG: Catalog = {
  activityTypes: [
    {
      ...e('mining', '矿产资源开发（含采石、采砂）', 'Mineral extraction (incl. quarrying, sand)'),
      annexClass: 1,
      annexZh: '矿产资源开发',
    },
    { ...e('industry', '工业开发建设', 'Industrial development'), annexClass: 2, annexZh: '工业开发建设' },
    { ...e('energy', '能源开发建设', 'Energy development'), annexClass: 3, annexZh: '能源开发建设' },
    { ...e('tourism', '旅游开发建设', 'Tourism development'), annexClass: 4, annexZh: '旅游开发建设' },
    { ...e('transport', '交通开发建设', 'Transport development'), annexClass: 5, annexZh: '交通开发建设' },
    { ...e('other', '其他', 'Other'), annexClass: 6, annexZh: '其他' },
    {
      ...e('aquaculture', '养殖开发', 'Farming / aquaculture'),
      annexClass: 6,
      annexZh: '其他（养殖开发）',
      optional: true,
    },
  ],
  problemTypes: [
    e('occupy_space', '占用生态空间', 'Occupies ecological space'),
    e('vegetation_damage', '破坏地表植被', 'Damages surface vegetation'),
    e('function_impact', '影响生态功能', 'Impairs ecological function'),
    e('other', '其他', 'Other'),
  ],
  stages: [
    e('auto', '自动变化检测图斑', 'Automatic change patch'),
    e('clue', '变化线索', 'Change clue'),
    e('suspected', '疑似生态破坏问题图斑', 'Suspected problem'),
    e('rejected', '排除', 'Rejected'),
    e('confirmed', '会商确认', 'Confirmed'),
    e('handed_over', '已移交', 'Handed over'),
    e('verified', '核实反馈', 'Verified'),
    e('rectifying', '整改中', 'Rectifying'),
    e('rechecked', '复核', 'Re-checked'),
    e('closed', '销号', 'Closed'),
  ],
  reviewLevels: [
    e('single', '会商审核', 'Review'),
    e('self', '自审', 'Self review'),
    e('expert', '专审', 'Expert review'),
    e('final', '终审', 'Final review'),
  ],
  clueSources: [
    e('satellite', '卫星遥感监测', 'Satellite monitoring'),
    e('leader_instruction', '领导批示', 'Leadership instruction'),
    e('petition', '信访举报', 'Petition / report'),
    e('public_opinion', '舆情反映', 'Public opinion'),
    e('inspection', '督察', 'Inspection'),
    e('other', '其他', 'Other'),
  ],
  departments: [
    { ...e('natural_resources', '自然资源', 'Natural resources'), organ: '自然资源部' },
    { ...e('water', '水利', 'Water resources'), organ: '水利部' },
    { ...e('agriculture', '农业农村', 'Agriculture and rural affairs'), organ: '农业农村部' },
    { ...e('forestry', '林草', 'Forestry and grassland'), organ: '国家林业和草原局' },
    { ...e('coast_guard', '中国海警局', 'China Coast Guard'), organ: '中国海警局' },
  ],
  rejectionReasons: [
    { ...e('phenology', '季节/物候差异', 'Season / phenology'), humanActivity: false },
    { ...e('cloud_shadow', '云/阴影', 'Cloud / shadow'), humanActivity: false },
    { ...e('misregistration', '配准误差', 'Misregistration'), humanActivity: false },
    { ...e('approved_project', '已批准项目', 'Approved project'), humanActivity: true },
    { ...e('agriculture', '农业活动', 'Agricultural activity'), humanActivity: true },
    { ...e('existing_facility', '既有设施', 'Existing facility'), humanActivity: true },
    { ...e('other', '其他', 'Other'), humanActivity: false },
  ],
  verificationResults: [
    e('substantiated', '属实', 'Substantiated'),
    e('unsubstantiated', '不属实', 'Not substantiated'),
    e('partly_substantiated', '部分属实', 'Partly substantiated'),
  ],
  referralKinds: [
    e('damage_compensation', '生态环境损害赔偿', 'Eco-environmental damage compensation'),
    e('discipline', '纪检监察', 'Discipline inspection'),
    // The rules send accountability clues to 纪检监察机关 "或者组织（人事）部门".
    e('organization_personnel', '组织（人事）部门', 'Organisation (personnel) department'),
  ],
  escalationMeasures: [
    e('letter', '函告', 'Formal letter'),
    e('notice', '通报', 'Public notice'),
    e('interview', '约谈', 'Summons interview'),
    e('special_inspection', '专项督察', 'Special inspection'),
    // "突出问题线索纳入中央生态环境保护督察范畴".
    e('central_inspection', '纳入中央督察', 'Referred to central inspection'),
  ],
  evidenceKinds: [e('photo', '照片', 'Photo'), e('document', '文件', 'Document')],
  changeDirections: [
    e('vegetation_loss', '植被减少', 'Vegetation loss'),
    e('new_bare_built', '新增裸地/建设', 'New bare / built-up'),
    e('new_water', '新增水面', 'New water'),
    e('other_change', '其他变化', 'Other change'),
  ],
};

/** Per-table edits a project makes to the default catalog (stored in the project settings). */
export interface TableOverride {
  /** New entries (open tables only). Extra fields such as `annexClass` follow the table's entry type. */
  readonly add?: readonly (CodeEntry & Record<string, unknown>)[];
  readonly relabel?: Readonly<Record<string, { readonly zh?: string; readonly en?: string }>>;
  readonly retire?: readonly string[];
}
export type CatalogOverrides = Partial<Record<CatalogTable, TableOverride>>;

/** Raised for an override that would break the catalog (duplicate code, adding to a fixed table…). */
export class CatalogError extends Error {
  override name = 'CatalogError';
}

/** The project's catalog: defaults plus its overrides. Pure; throws CatalogError on an invalid override. */
export function applyOverrides(base: Catalog, overrides: CatalogOverrides = {}): Catalog {
  const out: Record<string, readonly CodeEntry[]> = { ...base };
  for (const [table, edit] of Object.entries(overrides) as [CatalogTable, TableOverride][]) {
    const entries: readonly CodeEntry[] = base[table];
    if (!entries) throw new CatalogError(`unknown code table: ${table}`);
    const fixed = FIXED_TABLES.includes(table);
    if (fixed && ((edit.add?.length ?? 0) > 0 || (edit.retire?.length ?? 0) > 0))
      throw new CatalogError(`table ${table} drives the workflow: relabel only`);
    const seen = new Set(entries.map((x) => x.code));
    for (const added of edit.add ?? []) {
      if (seen.has(added.code)) throw new CatalogError(`duplicate code ${added.code} in ${table}`);
      seen.add(added.code);
    }
    for (const code of [...Object.keys(edit.relabel ?? {}), ...(edit.retire ?? [])])
      if (!seen.has(code)) throw new CatalogError(`unknown code ${code} in ${table}`);
    const retired = new Set(edit.retire ?? []);
    out[table] = [...entries, ...(edit.add ?? [])].map((entry) => ({
      ...entry,
      ...(edit.relabel?.[entry.code] ?? {}),
      ...(retired.has(entry.code) ? { retired: true } : {}),
    }));
  }
  return out as unknown as Catalog;
}

/** The entry of `code` in `table`, or undefined. */
export function findEntry<T extends CatalogTable>(
  catalog: Catalog,
  table: T,
  code: string,
): Catalog[T][number] | undefined {
  return (catalog[table] as readonly CodeEntry[]).find((x) => x.code === code) as
    Catalog[T][number] | undefined;
}

/** Whether `code` may be used in a new event (exists and is not retired). */
export function isActiveCode(catalog: Catalog, table: CatalogTable, code: string): boolean {
  const entry = findEntry(catalog, table, code);
  return entry !== undefined && entry.retired !== true;
}

/** Label of a code; unknown codes are shown as themselves so old data never disappears. */
export function labelOf(catalog: Catalog, table: CatalogTable, code: string, lang: Lang = 'zh'): string {
  return findEntry(catalog, table, code)?.[lang] ?? code;
}

/** Entries offered for new events (not retired). */
export function activeEntries<T extends CatalogTable>(catalog: Catalog, table: T): Catalog[T] {
  return (catalog[table] as readonly CodeEntry[]).filter((x) => !x.retired) as unknown as Catalog[T];
}
