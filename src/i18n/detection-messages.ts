/**
 * Strings of the detection panel: season warning, the run's provenance in words, and one sentence per error
 * code of the detection request and engine, zh default and en. `dt(key)` follows the app's language switch.
 */
import { i18n } from './i18n.svelte.ts';
import { fillTemplate } from './format.ts';

const zh = {
  'dm.season':
    '注意：T1（{d1}，{s1}）与 T2（{d2}，{s2}）不在同一季节，植被物候变化可能被检出为变化图斑，请在会商中甄别。',
  'dm.season.spring': '春季',
  'dm.season.summer': '夏季',
  'dm.season.autumn': '秋季',
  'dm.season.winter': '冬季',
  'dm.plan': '将使用波段：{roles}',
  'dm.planOff': '缺少的波段使以下判别关闭：{off}',
  'dm.prov.title': '本次检测的依据',
  'dm.prov.bands': '使用波段：{bands}',
  'dm.prov.bandsDiffer': '使用波段：T1 {t1}；T2 {t2}',
  'dm.prov.radiometry': '辐射：{dtype}，{kind}，值域 {min}–{max}',
  'dm.prov.normalisation': '归一化：每景每波段按自身 {low}%–{high}% 百分位拉伸到 0–1（不假定反射率尺度）',
  'dm.prov.threshold': '阈值：{method}，按本景分布确定；变化像元约占 {share}',
  'dm.prov.fallback': '（{reason}，改用稳健 z 值）',
  'dm.prov.clouds': '云及云影掩膜：T1 {t1} 公顷，T2 {t2} 公顷',
  'dm.prov.off': '未启用：{off}',
  'dm.prov.allOn': '全部判别均已启用',
  'dm.prov.vegetation': '植被指数：{index}',
  'dm.prov.harvest': '{n} 个图斑疑似收割等季节性植被变化，置信度低，仍列出',
  'dm.prov.pixel': '像元 {size} 米',
  'dm.role.blue': '蓝',
  'dm.role.green': '绿',
  'dm.role.red': '红',
  'dm.role.nir': '近红外',
  'dm.role.swir1': '短波红外1',
  'dm.role.swir2': '短波红外2',
  'dm.band': '{role}（第 {n} 波段）',
  'dm.kind.dn': 'DN 值',
  'dm.kind.reflectance': '反射率',
  'dm.kind.scaled_reflectance': '反射率 × 10000',
  'dm.bits': '{bits} 位',
  'dm.method.kittler_illingworth': 'Kittler–Illingworth 最小误差法',
  'dm.method.robust_z': '稳健 z 值',
  'dm.method.otsu': 'Otsu 法',
  'dm.method.fixed': '固定阈值',
  'dm.fallback.unimodal': '变化与未变化分布未分开',
  'dm.fallback.change_class_too_small': '变化类过小',
  'dm.fallback.change_class_too_large': '变化类过大',
  'dm.feature.ndvi': 'NDVI（缺近红外，改用过绿指数）',
  'dm.feature.ndwi': 'NDWI 水体判别（缺近红外）',
  'dm.feature.swir': '短波红外对比（缺短波红外）',
  'dm.feature.cloud_blue': '云检测中的蓝波段（缺蓝波段，只按亮白判断）',
  'dm.vi.ndvi': 'NDVI',
  'dm.vi.excess_green': '过绿指数（ExG）',
  'dm.prefix': '无法检测：{message}',
  'dm.err.scenes_missing': '需要两期影像：请先导入 T1 和 T2 两期 GeoTIFF，并在上方选择。',
  'dm.err.same_scene': 'T1 和 T2 选择了同一期影像：请选择两期不同的影像。',
  'dm.err.engine_missing': '检测引擎尚未就绪，请稍候再试或刷新页面。',
  'dm.err.no_project': '没有打开的项目：请先打开或新建项目。',
  'dm.err.actor_missing':
    '未填写操作人姓名，未开始检测：检测出的图斑要以操作人的名义登记。请在提示框中填写姓名后再运行。',
  'dm.err.roles_missing':
    '{date} 只设定了 {have} 个可用于检测的波段（至少需要三个，如红、绿、蓝）：请在影像面板中设定波段用途。',
  'dm.err.roles_duplicate': '{date} 有两个波段都设为“{role}”：每种用途只能给一个波段。',
  'dm.err.roles_differ':
    '两期影像的波段用途不一致（T1：{t1}；T2：{t2}）：请在影像面板中让两期设定相同的用途。',
  'dm.err.band_count_differs':
    '两期影像的波段数不同（T1 {t1} 个，T2 {t2} 个），且波段用途无法对应：请在影像面板中为两期设定相同的用途，或换用同一传感器的影像。',
  'dm.err.band_out_of_range':
    '{date} 的第 {band} 波段不存在（文件只有 {count} 个波段）：请重新设定波段用途。',
  'dm.err.no_georef': '影像没有地理参考（缺少地理变换或坐标），无法确定两期的对应位置。',
  'dm.err.no_crs': '影像没有坐标系或坐标系不受支持，无法确定两期的对应位置。',
  'dm.err.no_overlap': 'T1 和 T2 的影像范围不重叠：请检查是否选错了影像或坐标系。',
  'dm.err.grid_mismatch': '两期影像不在同一网格上（T1 {t1}，T2 {t2}），无法逐像元比较。',
  'dm.err.too_few_valid': '两期都有数据的像元太少（不足 1000 个），无法检测：请检查无数据值或影像范围。',
  'dm.err.dates_unrelated':
    '两期影像的波段无法建立对应关系（波段数值恒定或完全相关）：请检查波段用途或影像内容。',
  'dm.err.bad_parameter': '检测参数无效：{detail}',
  'dm.err.internal': '检测内部出错（分块结果不完整），本次结果未保存：请重新运行。',
  'dm.err.cancelled': '检测已取消，未保存任何结果。',
  'dm.err.image_damaged': '影像数据损坏，无法读取：{detail}',
  'dm.err.unknown': '检测未能完成，未保存任何结果：{detail}',
  'dm.controlZones': '同时检测红线外的生态空间管控区域（{n} 个图层）',
  'dm.controlZonesHint':
    '管控区域内、生态保护红线和自然保护地以外发现的图斑单独成册（生态空间管控区域清单），不进入附件1–5。',
} as const;

export type DetectionMessageKey = keyof typeof zh;

const en: Record<DetectionMessageKey, string> = {
  'dm.season':
    'Note: T1 ({d1}, {s1}) and T2 ({d2}, {s2}) are in different seasons; vegetation phenology may show up as change patches. Check them in review.',
  'dm.season.spring': 'spring',
  'dm.season.summer': 'summer',
  'dm.season.autumn': 'autumn',
  'dm.season.winter': 'winter',
  'dm.plan': 'Bands to use: {roles}',
  'dm.planOff': 'Missing bands switch off: {off}',
  'dm.prov.title': 'How this run was made',
  'dm.prov.bands': 'Bands used: {bands}',
  'dm.prov.bandsDiffer': 'Bands used: T1 {t1}; T2 {t2}',
  'dm.prov.radiometry': 'Radiometry: {dtype}, {kind}, values {min}–{max}',
  'dm.prov.normalisation':
    'Normalisation: each band of each scene stretched to 0–1 between its own {low}% and {high}% percentiles (no reflectance scale assumed)',
  'dm.prov.threshold':
    "Threshold: {method}, from the scene's own distribution; about {share} of pixels changed",
  'dm.prov.fallback': ' ({reason}; robust z used instead)',
  'dm.prov.clouds': 'Cloud and shadow masked: T1 {t1} ha, T2 {t2} ha',
  'dm.prov.off': 'Switched off: {off}',
  'dm.prov.allOn': 'All tests switched on',
  'dm.prov.vegetation': 'Vegetation index: {index}',
  'dm.prov.harvest':
    '{n} patches look like harvest or other seasonal vegetation loss: low confidence, still listed',
  'dm.prov.pixel': 'pixel {size} m',
  'dm.role.blue': 'blue',
  'dm.role.green': 'green',
  'dm.role.red': 'red',
  'dm.role.nir': 'NIR',
  'dm.role.swir1': 'SWIR 1',
  'dm.role.swir2': 'SWIR 2',
  'dm.band': '{role} (band {n})',
  'dm.kind.dn': 'digital numbers',
  'dm.kind.reflectance': 'reflectance',
  'dm.kind.scaled_reflectance': 'reflectance × 10000',
  'dm.bits': '{bits}-bit',
  'dm.method.kittler_illingworth': 'Kittler–Illingworth minimum error',
  'dm.method.robust_z': 'robust z',
  'dm.method.otsu': 'Otsu',
  'dm.method.fixed': 'fixed threshold',
  'dm.fallback.unimodal': 'change and no-change did not separate',
  'dm.fallback.change_class_too_small': 'change class too small',
  'dm.fallback.change_class_too_large': 'change class too large',
  'dm.feature.ndvi': 'NDVI (no NIR: excess green used instead)',
  'dm.feature.ndwi': 'NDWI water test (no NIR)',
  'dm.feature.swir': 'SWIR contrast (no SWIR)',
  'dm.feature.cloud_blue': 'blue band in the cloud test (no blue: whiteness only)',
  'dm.vi.ndvi': 'NDVI',
  'dm.vi.excess_green': 'excess green (ExG)',
  'dm.prefix': 'Cannot detect: {message}',
  'dm.err.scenes_missing':
    'Detection needs two dates of imagery: import a T1 and a T2 GeoTIFF and pick them above.',
  'dm.err.same_scene': 'T1 and T2 are the same scene: pick two different scenes.',
  'dm.err.engine_missing': 'The detection engine is not ready yet: wait a moment or reload the page.',
  'dm.err.no_project': 'No project is open: open or create one first.',
  'dm.err.actor_missing':
    'No operator name was given, so detection did not start: detected patches are registered in the name of the person running it. Enter a name in the prompt and run again.',
  'dm.err.roles_missing':
    '{date} has only {have} bands detection can use (it needs at least three, such as red, green and blue): set the band roles in the imagery panel.',
  'dm.err.roles_duplicate': '{date} has two bands set to “{role}”: give each role to one band only.',
  'dm.err.roles_differ':
    'The two dates have different band roles (T1: {t1}; T2: {t2}): set the same roles for both in the imagery panel.',
  'dm.err.band_count_differs':
    'The two dates have different band counts (T1 {t1}, T2 {t2}) and their roles do not match: set the same roles for both in the imagery panel, or use imagery of one sensor.',
  'dm.err.band_out_of_range':
    '{date}: band {band} does not exist (the file has {count} bands): set the band roles again.',
  'dm.err.no_georef':
    'An image has no georeferencing (no geotransform or coordinates), so the two dates cannot be matched.',
  'dm.err.no_crs': 'An image has no or an unsupported coordinate system, so the two dates cannot be matched.',
  'dm.err.no_overlap': 'The T1 and T2 images do not overlap: check the images and their coordinate systems.',
  'dm.err.grid_mismatch': 'The two dates are not on one grid (T1 {t1}, T2 {t2}): pixels cannot be compared.',
  'dm.err.too_few_valid':
    'Too few pixels (under 1,000) have data at both dates: check the nodata value and the footprints.',
  'dm.err.dates_unrelated':
    'The bands of the two dates cannot be related (constant or fully correlated values): check the band roles and the images.',
  'dm.err.bad_parameter': 'A detection parameter is not valid: {detail}',
  'dm.err.internal': 'Detection failed internally (tiles missing); nothing was saved. Run it again.',
  'dm.err.cancelled': 'Detection cancelled; nothing was saved.',
  'dm.err.image_damaged': 'The image data is damaged and cannot be read: {detail}',
  'dm.err.unknown': 'Detection did not finish; nothing was saved: {detail}',
  'dm.controlZones': 'Also search ecological space control zones outside red lines (layers: {n})',
  'dm.controlZonesHint':
    'Patches found in control zones, outside red lines and nature reserves, are listed apart (control-zone list), never in Annexes 1–5.',
};

/** Both tables, for the tests that every key and every error code has words in both languages. */
export const DETECTION_MESSAGES: Record<'zh' | 'en', Record<DetectionMessageKey, string>> = { zh, en };

/** Translate a detection-panel key in the current language. */
export function dt(key: DetectionMessageKey, params?: Record<string, string | number>): string {
  return fillTemplate(DETECTION_MESSAGES[i18n.locale][key], params);
}
