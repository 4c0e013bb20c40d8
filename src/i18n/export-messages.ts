/** Strings of the export and exchange tab (lists, letters, GIS, verification sheets, case bundles), zh first. */

export const EXPORT_MESSAGES = {
  'exports.tab': { zh: '导出与交换', en: 'Export & exchange' },
  'exports.noProject': { zh: '请先打开或新建项目。', en: 'Open or create a project first.' },
  'exports.loading': { zh: '项目加载中…', en: 'Loading the project…' },
  'exports.cases': { zh: '本项目共 {n} 个图斑', en: '{n} patches in this project' },

  'exports.lists': { zh: '清单', en: 'Lists' },
  'exports.annexN': { zh: '附件{n}', en: 'Annex {n}' },
  'exports.annex1': { zh: '附件1 疑似生态破坏问题清单', en: 'Annex 1 suspected problems' },
  'exports.annex2': { zh: '附件2 人类活动清单', en: 'Annex 2 human activities' },
  'exports.annex4': { zh: '附件4 生态破坏问题清单', en: 'Annex 4 problems' },
  'exports.controlZoneList': {
    zh: '生态空间管控区域疑似问题清单（不含红线）',
    en: 'Control-zone findings (outside red lines)',
  },
  'exports.rows': { zh: '{n} 条', en: '{n} {n:row|rows}' },

  'exports.letters': { zh: '函件', en: 'Letters' },
  'exports.letter3': {
    zh: '附件3 建议核实函（按收件单位，{n} 份）',
    en: 'Annex 3 verification-request letters (per addressee, {n})',
  },
  'exports.letter5': {
    zh: '附件5 移交函（按部门，{n} 份）',
    en: 'Annex 5 hand-over letters (per department, {n})',
  },
  'exports.letter5Waiting': {
    zh: '另有 {n} 个已移交部门的问题尚未核实，核实后列入附件5。',
    en: '{n} more cases were handed to a department but are not verified yet; annex 5 lists them once verified.',
  },
  'exports.letterDate': { zh: '成文日期', en: 'Letter date' },
  'exports.recipientLevel': { zh: '建议核实函发往', en: 'Verification requests go to' },
  'exports.recipient.province': { zh: '省级人民政府', en: 'provincial governments' },
  'exports.recipient.city': { zh: '市级人民政府', en: 'city governments' },
  'exports.recipient.county': { zh: '县级人民政府', en: 'county governments' },
  'exports.addressees3': { zh: '附件3 收件单位（可修改）', en: 'Annex 3 addressees (editable)' },
  'exports.addressees5': { zh: '附件5 收件单位（可修改）', en: 'Annex 5 addressees (editable)' },
  'exports.signature3': { zh: '附件3 落款', en: 'Annex 3 signature' },
  'exports.signature5': { zh: '附件5 落款', en: 'Annex 5 signature' },
  'exports.noLetters': { zh: '没有符合条件的问题，未生成函件。', en: 'No case qualifies: no letter made.' },

  'exports.gis': { zh: 'GIS 数据（CGCS2000，EPSG:4490）', en: 'GIS data (CGCS2000, EPSG:4490)' },
  'exports.shapefile': { zh: 'Shapefile（zip）', en: 'Shapefile (zip)' },
  'exports.shpEncoding': { zh: '属性编码', en: 'Attribute encoding' },
  'exports.shpUtf8': { zh: 'UTF-8（附 .cpg）', en: 'UTF-8 (with .cpg)' },
  'exports.shpGbk': { zh: 'GBK（旧版软件）', en: 'GBK (older software)' },
  'exports.shpCrs': { zh: '坐标', en: 'Coordinates' },
  'exports.shpGeographic': { zh: 'CGCS2000 经纬度（EPSG:4490）', en: 'CGCS2000 lon/lat (EPSG:4490)' },
  'exports.shpGk3': {
    zh: 'CGCS2000 3° 高斯-克吕格（按图斑中心选带）',
    en: 'CGCS2000 3° Gauss-Krüger (zone of the patches)',
  },
  'exports.shpGk6': {
    zh: 'CGCS2000 6° 高斯-克吕格（按图斑中心选带）',
    en: 'CGCS2000 6° Gauss-Krüger (zone of the patches)',
  },
  'exports.shpHint': {
    zh: '字段名不超过 10 字节（如 TBBH＝图斑编号），对照表见导出说明；超过 254 字节的文字会被截断，完整内容见 GeoJSON。',
    en: 'Field names are at most 10 bytes (e.g. TBBH = 图斑编号; the table is in the export notes); text over 254 bytes is cut, the full text is in the GeoJSON.',
  },
  'exports.shpTruncated': {
    zh: 'Shapefile 已导出，但以下字段的部分文字超过 254 字节被截断：{fields}。完整内容见 GeoJSON 或 GeoParquet 导出。',
    en: 'Shapefile exported, but some text was cut at 254 bytes in: {fields}. The full text is in the GeoJSON or GeoParquet export.',
  },
  'exports.gbkUnmappable': {
    zh: '字符「{character}」（{code}）无法用 GBK 编码，未生成文件。请改用 UTF-8，或修改含该字符的内容。',
    en: 'The character 「{character}」 ({code}) has no GBK code: no file made. Choose UTF-8, or edit the text that has it.',
  },
  'exports.scopePatches': { zh: '全部图斑', en: 'All patches' },
  'exports.scopeCases': { zh: '会商确认的问题', en: 'Confirmed cases' },

  'exports.sheets': { zh: '图斑核查单', en: 'Verification sheets' },
  'exports.sheetsHint': {
    zh: '每个选中的图斑生成一份 DOCX：前后时相影像、拐点坐标、叠加分析、审核记录与现场核查栏。',
    en: 'One DOCX per selected patch: T1/T2 imagery, vertices, overlaps, review record and a field-check table.',
  },
  'exports.selectAll': { zh: '全选', en: 'All' },
  'exports.selectNone': { zh: '清除', en: 'None' },
  'exports.makeSheets': { zh: '生成核查单（{n} 份）', en: 'Make sheets ({n})' },

  'exports.bundle': { zh: '案卷包', en: 'Case bundle' },
  'exports.bundleHint': {
    zh: '一个 .zip：台账记录、项目设置、清单、函件、图斑、参考图层、影像切片与笔记本，附 SHA-256 校验清单。',
    en: 'One .zip: the ledger, project settings, lists, letters, patches, reference layers, image chips and notebooks, with SHA-256 manifest.',
  },
  'exports.withChips': { zh: '包含影像切片', en: 'Include image chips' },
  'exports.withLayers': { zh: '包含参考图层', en: 'Include reference layers' },
  'exports.makeBundle': { zh: '导出案卷包', en: 'Export bundle' },

  'exports.import': { zh: '导入案卷包', en: 'Import a bundle' },
  'exports.importHint': {
    zh: '先校验每个文件的 SHA-256，再预览将发生的变化；确认后才写入台账。重复导入不会产生重复记录。',
    en: 'Every file’s SHA-256 is checked, then the changes are previewed; nothing is written until you apply. Importing twice adds nothing.',
  },
  'exports.chooseBundle': { zh: '选择 .zip 文件', en: 'Choose a .zip file' },
  'exports.refused': { zh: '案卷包已拒绝导入：{message}', en: 'Bundle refused: {message}' },
  'exports.unchanged': { zh: '项目未作任何修改。', en: 'The project was not changed.' },
  'exports.preview': { zh: '导入预览', en: 'Import preview' },
  'exports.from': {
    zh: '来自“{project}”，{actor} 于 {created} 导出（{entries} 个文件，校验通过）',
    en: 'From “{project}”, exported by {actor} on {created} ({entries} files, all verified)',
  },
  'exports.otherProject': {
    zh: '注意：该案卷包来自另一个项目，记录将合并到当前项目。',
    en: 'Note: the bundle comes from another project; its records will be merged into this one.',
  },
  'exports.counts': {
    zh: '记录 {incoming} 条：新增 {added} 条，已存在 {present} 条',
    en: '{incoming} records: {added} new, {present} already present',
  },
  'exports.collisions': {
    zh: '{n} 条记录编号相同但内容不同（已按确定规则保留其一）',
    en: '{n} records share an id with different content (one kept by a fixed rule)',
  },
  'exports.case': { zh: '图斑', en: 'Patch' },
  'exports.newEvents': { zh: '新增记录', en: 'New records' },
  'exports.stage': { zh: '阶段（导入前 → 导入后）', en: 'Stage (before → after)' },
  'exports.newCase': { zh: '新图斑', en: 'new' },
  'exports.skipped': { zh: '{n} 条无法应用', en: '{n} not applicable' },
  'exports.conflicts': { zh: '冲突（同一字段被并行修改）', en: 'Conflicts (same field edited concurrently)' },
  'exports.field': { zh: '字段', en: 'Field' },
  'exports.sideA': { zh: '取值 A', en: 'Value A' },
  'exports.sideB': { zh: '取值 B', en: 'Value B' },
  'exports.applied': { zh: '生效', en: 'In effect' },
  'exports.by': { zh: '{actor}（{device}，{at}）', en: '{actor} ({device}, {at})' },
  'exports.takeSettings': {
    zh: '采用案卷包的项目设置（省份、审核方式、联系人等）',
    en: 'Take over the bundle’s project settings',
  },
  'exports.takeLayers': {
    zh: '添加本项目没有的参考图层（{n} 个）',
    en: 'Add reference layers this project lacks ({n})',
  },
  'exports.takeNotebooks': {
    zh: '添加案卷包中的笔记本（{n} 个，导入后不自动运行）',
    en: 'Add the bundle’s notebooks ({n}; they are not run on import)',
  },
  'exports.apply': { zh: '确认导入', en: 'Apply' },
  'exports.discard': { zh: '放弃', en: 'Discard' },
  'exports.nothingNew': {
    zh: '案卷包中的记录均已存在，无需导入。',
    en: 'Every record is already here: nothing to import.',
  },
  'exports.imported': {
    zh: '已导入 {events} 条记录、{layers} 个图层、{photos} 张照片、{notebooks} 个笔记本。',
    en: 'Imported {events} {events:record|records}, {layers} {layers:layer|layers}, {photos} {photos:photo|photos}, {notebooks} {notebooks:notebook|notebooks}.',
  },
  'exports.failed': { zh: '导出失败：{message}', en: 'Export failed: {message}' },
  'exports.applyFailed': {
    zh: '导入失败，项目未修改：{message}',
    en: 'Import failed, project unchanged: {message}',
  },
  'exports.job': { zh: '导出 {what}', en: 'Export {what}' },
  'exports.jobVerify': { zh: '校验案卷包 {name}', en: 'Verify bundle {name}' },
  'exports.jobChips': { zh: '影像切片 {done}/{total}', en: 'Image chips {done}/{total}' },
} as const;

export type ExportMessageKey = keyof typeof EXPORT_MESSAGES;

type Bilingual = { readonly zh: string; readonly en: string };
/** Words for the fields of a merge conflict; `conflictFieldLabel` in i18n.svelte.ts reads them. */
export const CONFLICT_FIELDS: Readonly<Record<string, Bilingual>> = {
  opened: { zh: '入库信息', en: 'Opening' },
  stage: { zh: '阶段', en: 'Stage' },
  rejection: { zh: '排除理由', en: 'Rejection reason' },
  supersededBy: { zh: '替代图斑', en: 'Superseded by' },
  handover: { zh: '移交查处', en: 'Hand-over' },
  verification: { zh: '核实反馈', en: 'Verification' },
  recheck: { zh: '复核', en: 'Re-check' },
  geometry: { zh: '图斑边界', en: 'Outline' },
  review: { zh: '审核', en: 'Review' },
  field: { zh: '属性', en: 'Field' },
  due: { zh: '期限', en: 'Due date' },
};
