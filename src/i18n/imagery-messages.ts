/**
 * Strings of the imagery panel (band roles and where they came from, radiometry, pixel size, dates) and of
 * the T1/T2 choice, zh default and en. `imt(key)` follows the app's language switch like `t(key)`.
 */
import { i18n } from './i18n.svelte.ts';
import { fillTemplate } from './format.ts';

const zh = {
  'im.role.blue': '蓝',
  'im.role.green': '绿',
  'im.role.red': '红',
  'im.role.nir': '近红外',
  'im.role.swir1': '短波红外1',
  'im.role.swir2': '短波红外2',
  'im.role.pan': '全色',
  'im.role.other': '不使用',
  'im.source.description': '波段描述',
  'im.source.metadata': 'GDAL 元数据',
  'im.source.photometric': 'TIFF 标记为 RGB',
  'im.source.sensor': '按传感器波段数推断',
  'im.source.order': '按默认顺序',
  'im.source.user': '用户设定',
  'im.band': '波段 {n}',
  'im.bandRole': '波段 {n} 的用途',
  'im.sensor': '识别为 {sensor}',
  'im.rolesHint': '波段用途按文件推断，请核对；修改后随影像保存。',
  'im.rad.dn8': '8 位 DN（值域 {min}–{max}），按景归一化',
  'im.rad.dn10': '10 位 DN（以 16 位存储，值域 {min}–{max}），按景归一化',
  'im.rad.dn12': '12 位 DN（以 16 位存储，值域 {min}–{max}），按景归一化',
  'im.rad.dn16': '16 位 DN（值域 {min}–{max}），按景归一化',
  'im.rad.reflectance10000': '反射率 × 10000（值域 {min}–{max}），按景归一化',
  'im.rad.reflectance': '浮点反射率（值域 {min}–{max}），按景归一化',
  'im.rad.float': '浮点数值（值域 {min}–{max}），按景归一化',
  'im.rad.signed': '有符号整数（{bits} 位，值域 {min}–{max}），按景归一化',
  'im.pixel': '像元 {size} 米',
  'im.coarse':
    '像元 {size} 米，粗于 2 米：监管规则要求使用优于 2 米的影像，小于数个像元的活动可能检测不到。仍可检测。',
  'im.coarseAdded':
    '已添加 {name}，但像元 {size} 米，粗于 2 米：监管规则要求使用优于 2 米的影像，小于数个像元的活动可能检测不到。仍可检测。',
  'im.coarseDetect':
    '{slot} 影像像元 {size} 米，粗于 2 米：监管规则要求使用优于 2 米的影像，检测结果只能作为线索，小于数个像元的活动可能漏检。',
  'im.date.metadata': '日期取自影像元数据',
  'im.date.tiff_datetime': '日期取自 TIFF 时间标记',
  'im.date.file_name': '日期取自文件名',
  'im.date.user': '日期由用户填写',
  'im.date.none': '未读到获取日期，请填写',
  'im.byDate': '已按日期选择 T1 = {t1}（{f1}），T2 = {t2}（{f2}）。',
  'im.byDateMissing': '未能按日期确定前后时相（{reason}）：请在变化检测中选择 T1 和 T2。',
  'im.byDateNoDate': '缺少获取日期',
  'im.byDateSame': '两期日期相同',
} as const;

export type ImageryMessageKey = keyof typeof zh;

const en: Record<ImageryMessageKey, string> = {
  'im.role.blue': 'blue',
  'im.role.green': 'green',
  'im.role.red': 'red',
  'im.role.nir': 'NIR',
  'im.role.swir1': 'SWIR 1',
  'im.role.swir2': 'SWIR 2',
  'im.role.pan': 'pan',
  'im.role.other': 'not used',
  'im.source.description': 'band description',
  'im.source.metadata': 'GDAL metadata',
  'im.source.photometric': 'TIFF says RGB',
  'im.source.sensor': 'sensor band count',
  'im.source.order': 'default order',
  'im.source.user': 'set by you',
  'im.band': 'band {n}',
  'im.bandRole': 'role of band {n}',
  'im.sensor': 'recognised as {sensor}',
  'im.rolesHint': 'Band roles are guessed from the file: check them; changes are saved with the scene.',
  'im.rad.dn8': '8-bit DN (values {min}–{max}), normalised per scene',
  'im.rad.dn10': '10-bit DN in 16-bit words (values {min}–{max}), normalised per scene',
  'im.rad.dn12': '12-bit DN in 16-bit words (values {min}–{max}), normalised per scene',
  'im.rad.dn16': '16-bit DN (values {min}–{max}), normalised per scene',
  'im.rad.reflectance10000': 'reflectance × 10000 (values {min}–{max}), normalised per scene',
  'im.rad.reflectance': 'float reflectance (values {min}–{max}), normalised per scene',
  'im.rad.float': 'float values ({min}–{max}), normalised per scene',
  'im.rad.signed': 'signed {bits}-bit integers (values {min}–{max}), normalised per scene',
  'im.pixel': 'pixel {size} m',
  'im.coarse':
    'Pixels of {size} m are coarser than 2 m: the rules ask for imagery finer than 2 m, and activities a few pixels wide may be missed. Detection still runs.',
  'im.coarseAdded':
    'Added {name}, but its pixels are {size} m, coarser than 2 m: the rules ask for imagery better than 2 m, and activities smaller than a few pixels may be missed. Detection still runs.',
  'im.coarseDetect':
    '{slot} pixels are {size} m, coarser than 2 m: the rules ask for imagery better than 2 m; take the findings as leads only, activities smaller than a few pixels may be missed.',
  'im.date.metadata': 'Date from the image metadata',
  'im.date.tiff_datetime': 'Date from the TIFF DateTime tag',
  'im.date.file_name': 'Date from the file name',
  'im.date.user': 'Date entered by you',
  'im.date.none': 'No acquisition date found: please enter it',
  'im.byDate': 'Chose by date: T1 = {t1} ({f1}), T2 = {t2} ({f2}).',
  'im.byDateMissing': 'Could not order the dates ({reason}): pick T1 and T2 under change detection.',
  'im.byDateNoDate': 'an acquisition date is missing',
  'im.byDateSame': 'both dates are the same',
};

/** Both tables, for the test that every key has words in both languages. */
export const IMAGERY_MESSAGES: Record<'zh' | 'en', Record<ImageryMessageKey, string>> = { zh, en };

/** Translate an imagery-panel key in the current language. */
export function imt(key: ImageryMessageKey, params?: Record<string, string | number>): string {
  return fillTemplate(IMAGERY_MESSAGES[i18n.locale][key], params);
}
