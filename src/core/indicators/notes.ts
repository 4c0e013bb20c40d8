/**
 * Method notes shown beside the assessment's numbers (and written under the XLSX sheet): each indicator's
 * formula, with the values this run used filled in, so a reader can trace every figure to its inputs.
 */
import type { AssessmentReport } from './report.ts';

export interface MethodNote {
  id: 'area' | 'nature' | 'natural' | 'fvc' | 'season' | 'inputs';
  title: string;
  formula: string;
  detail: string;
}

type Lang = 'zh' | 'en';

const f4 = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : v.toFixed(4));

function fvcDetail(report: AssessmentReport, lang: Lang): string {
  const parts: string[] = [];
  for (const scene of [report.fvc?.t1, report.fvc?.t2]) {
    if (!scene) continue;
    const s = scene.summary;
    parts.push(
      lang === 'zh'
        ? `${scene.label}（${scene.date ?? '日期未知'}）：红线内 ${s.pixels} 个像元，NDVI_soil = P${s.soilPercent} = ${f4(s.ndviSoil)}，NDVI_veg = P${s.vegPercent} = ${f4(s.ndviVeg)}，平均 FVC = ${f4(s.meanFvc)}`
        : `${scene.label} (${scene.date ?? 'date unknown'}): ${s.pixels} pixels in red lines, NDVI_soil = P${s.soilPercent} = ${f4(s.ndviSoil)}, NDVI_veg = P${s.vegPercent} = ${f4(s.ndviVeg)}, mean FVC = ${f4(s.meanFvc)}`,
    );
  }
  return parts.join(lang === 'zh' ? '；' : '; ');
}

export type Season = 'spring' | 'summer' | 'autumn' | 'winter';
const SEASON_NAMES: Record<Season, Record<Lang, string>> = {
  spring: { zh: '春季', en: 'spring' },
  summer: { zh: '夏季', en: 'summer' },
  autumn: { zh: '秋季', en: 'autumn' },
  winter: { zh: '冬季', en: 'winter' },
};

/** Season of a `YYYY-MM-DD` date (northern hemisphere: Mar–May spring … Dec–Feb winter); null when unknown. */
export function seasonOf(date: string | null | undefined): Season | null {
  const month = date ? Number(/^\d{4}-(\d{2})/.exec(date)?.[1]) : NaN;
  if (!(month >= 1 && month <= 12)) return null;
  return month >= 3 && month <= 5
    ? 'spring'
    : month >= 6 && month <= 8
      ? 'summer'
      : month >= 9 && month <= 11
        ? 'autumn'
        : 'winter';
}

/**
 * Why ΔFVC may not mean what it seems: T1 and T2 from different seasons (vegetation follows the season, so a
 * drop from summer to winter is not damage), or a date unknown. Null when both dates share a season.
 */
export function seasonNote(report: AssessmentReport, lang: Lang): MethodNote | null {
  const t1 = report.fvc?.t1;
  const t2 = report.fvc?.t2;
  if (!t1 || !t2) return null;
  const zh = lang === 'zh';
  const s1 = seasonOf(t1.date);
  const s2 = seasonOf(t2.date);
  const title = zh ? '季相差异' : 'Seasons differ';
  if (!s1 || !s2)
    return {
      id: 'season',
      title: zh ? '季相未知' : 'Season unknown',
      formula: '',
      detail: zh
        ? `${!s1 ? t1.label : t2.label} 的成像日期未知，无法确认两期影像处于同一季节；ΔFVC 与「功能不降低」的判断可能反映季节变化，需人工核对。`
        : `The acquisition date of ${!s1 ? t1.label : t2.label} is unknown, so the two scenes may be from different seasons; ΔFVC and "function kept" may reflect the season and need a person's check.`,
    };
  if (s1 === s2) return null;
  const name = (s: Season) => SEASON_NAMES[s][lang];
  return {
    id: 'season',
    title,
    formula: '',
    detail: zh
      ? `${t1.label} 成像于 ${t1.date}（${name(s1)}），${t2.label} 成像于 ${t2.date}（${name(s2)}）。植被覆盖度随季节变化，ΔFVC 与「功能不降低」（✓/✗）可能反映季相差异而非生态破坏；宜用同一季节的两期影像复核。`
      : `${t1.label} was taken on ${t1.date} (${name(s1)}), ${t2.label} on ${t2.date} (${name(s2)}). Vegetation cover follows the season, so ΔFVC and "function kept" (✓/✗) may reflect the seasons rather than damage; check with two scenes of the same season.`,
  };
}

/** The notes of a report in one language. */
export function methodNotes(report: AssessmentReport, lang: Lang): MethodNote[] {
  const zh = lang === 'zh';
  const inputs = report.inputs;
  const rule =
    inputs.patches.rule === 'confirmed'
      ? zh
        ? '会商确认及之后阶段的图斑'
        : 'patches confirmed in review or later'
      : zh
        ? '除已排除外的全部图斑'
        : 'all patches except rejected ones';
  const notes: MethodNote[] = [
    {
      id: 'area',
      title: zh ? '面积不减少' : 'Area not reduced',
      formula: 'S = Σ area(红线 ∩ 县)；ΔS = S − S_基准；红线面积比例 = S / A_县 × 100%',
      detail: zh
        ? `面积按 CGCS2000 椭球计算（公顷）。${inputs.baseline ? `基准图层：${inputs.baseline.name}（${inputs.baseline.features} 个要素）。` : '未选择基准图层，不计算面积变化。'}红线图层相互不重叠时各县面积之和等于合计。`
        : `Areas on the CGCS2000 ellipsoid (ha). ${inputs.baseline ? `Baseline layer: ${inputs.baseline.name} (${inputs.baseline.features} features).` : 'No baseline layer: no area change.'} County rows add up to the total when red-line polygons do not overlap.`,
    },
    {
      id: 'nature',
      title: zh ? '性质不改变（人类活动）' : 'Nature unchanged (human activity)',
      formula: 'A_t = Σ redline_ha(类型 t 的图斑)；占比 = Σ_t A_t / S × 100%',
      detail: zh
        ? `计入${rule}，共 ${inputs.patches.count} 个；图斑按其代表点所在县归属，面积取其位于红线内的面积。`
        : `Counts ${rule} (${inputs.patches.count}); each patch belongs to the county holding its representative point; its area is the part inside red lines.`,
    },
  ];
  if (report.landCover) {
    const lc = report.landCover;
    notes.push({
      id: 'natural',
      title: zh ? '自然生态用地比例' : 'Natural ecological land ratio',
      formula:
        lc.source === 'vector'
          ? 'R = area(自然生态用地 ∩ 红线) / S × 100%'
          : 'R = N_自然像元 / N_红线内像元 × 100%',
      detail: zh
        ? `土地覆盖：${lc.name}（${lc.source === 'vector' ? `字段 ${lc.field}` : `第 ${lc.field} 波段`}），计为自然生态用地的类别：${lc.natural.join('、') || '（未选择）'}。`
        : `Land cover: ${lc.name} (${lc.source === 'vector' ? `field ${lc.field}` : `band ${lc.field}`}); classes counted as natural: ${lc.natural.join(', ') || '(none chosen)'}.`,
    });
  }
  if (report.fvc) {
    notes.push({
      id: 'fvc',
      title: zh ? '功能不降低（植被覆盖度）' : 'Function not reduced (vegetation cover)',
      formula:
        'NDVI = (NIR − Red)/(NIR + Red)；FVC = clip((NDVI − NDVI_soil)/(NDVI_veg − NDVI_soil), 0, 1)；ΔFVC = FVC_T2 − FVC_T1',
      detail: `${zh ? '像元二分模型，端元取红线内 NDVI 累计百分位（NDVI 按 0.0001 量化）。' : 'Pixel-dichotomy model; end members are cumulative percentiles of the NDVI inside red lines (NDVI quantised to 0.0001).'} ${fvcDetail(report, lang)}`,
    });
    const season = seasonNote(report, lang);
    if (season) notes.push(season);
  }
  notes.push({
    id: 'inputs',
    title: zh ? '输入' : 'Inputs',
    formula: '',
    detail: zh
      ? `红线：${inputs.redlines.map((l) => `${l.name}（${l.features}）`).join('、')}；县级区划：${inputs.counties.map((l) => `${l.name}（${l.features}）`).join('、') || '无'}；计算于 ${report.computedAt}。`
      : `Red lines: ${inputs.redlines.map((l) => `${l.name} (${l.features})`).join(', ')}; counties: ${inputs.counties.map((l) => `${l.name} (${l.features})`).join(', ') || 'none'}; computed ${report.computedAt}.`,
  });
  return notes;
}
