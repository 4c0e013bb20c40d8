/** Strings of the assessment's 管理 dimension, entered indicators and scoring table, zh first. */

export const ASSESSMENT_MESSAGES = {
  'assess.section': { zh: '管理与定性指标评分', en: 'Management and qualitative indicators' },
  'assess.hint': {
    zh: '各省填报的管理、定性指标（注明来源与日期），以及本省可调整的评分表。同一指标以最新一次填报为准，历史保留。',
    en: 'Figures the province reports for management and qualitative indicators (with source and date), and its own scoring table. The latest entry per indicator counts; earlier ones are kept.',
  },
  'assess.ind.institution': { zh: '制度落实（%）', en: 'Rules implemented (%)' },
  'assess.ind.satisfaction': { zh: '公众满意度（%）', en: 'Public satisfaction (%)' },
  'assess.ind.damage_events': { zh: '生态破坏事件（起）', en: 'Ecological damage events (count)' },
  'assess.ind.pollution_events': { zh: '环境污染事件（起）', en: 'Environmental pollution events (count)' },
  'assess.ind.rectification_rate': { zh: '问题整改完成率（%）', en: 'Problems rectified (%)' },
  'assess.dim.management': { zh: '管理', en: 'Management' },
  'assess.dim.qualitative': { zh: '定性', en: 'Qualitative' },
  'assess.indicator': { zh: '指标', en: 'Indicator' },
  'assess.value': { zh: '数值', en: 'Value' },
  'assess.source': { zh: '来源', en: 'Source' },
  'assess.date': { zh: '日期', en: 'Date' },
  'assess.add': { zh: '填报', en: 'Record' },
  'assess.none': { zh: '未填报', en: 'Not reported' },
  'assess.history': { zh: '历史 {n} 条', en: '{n:entry|entries} in history' },
  'assess.problem.value': {
    zh: '数值无法识别：请填写数字。未写入任何记录。',
    en: 'The value is not a number. Nothing was recorded.',
  },
  'assess.problem.range': {
    zh: '数值超出范围：百分比须在 0–100 之间，事件数须为不小于 0 的整数。未写入任何记录。',
    en: 'The value is out of range: percentages are 0–100, counts are whole numbers from 0. Nothing was recorded.',
  },
  'assess.problem.source': {
    zh: '请填写来源（如调查报告、部门通报）。未写入任何记录。',
    en: 'Give the source (a survey, a department report …). Nothing was recorded.',
  },
  'assess.problem.date': {
    zh: '日期无效，请按 年-月-日 填写。未写入任何记录。',
    en: 'The date is not valid (year-month-day). Nothing was recorded.',
  },
  'assess.table': { zh: '评分表', en: 'Scoring table' },
  'assess.weight': { zh: '权重', en: 'Weight' },
  'assess.rule': { zh: '评分规则', en: 'Scoring rule' },
  'assess.points': { zh: '得分', en: 'Points' },
  'assess.saveTable': { zh: '保存评分表', en: 'Save the table' },
  'assess.tableSaved': { zh: '评分表已保存（第 {n} 版）。', en: 'Scoring table saved (version {n}).' },
  'assess.badWeight': {
    zh: '权重须为不小于 0 的数字。评分表未保存。',
    en: 'A weight must be a number from 0. The table was not saved.',
  },
  'assess.rule.linear': {
    zh: '线性：{zero} 得 0 分，{full} 得 100 分，其间按比例，超出按端点计',
    en: 'Linear: {zero} scores 0, {full} scores 100, in proportion between, capped outside',
  },
  'assess.rule.atLeast': { zh: '≥ {bound} 得 {points} 分', en: '≥ {bound}: {points} points' },
  'assess.rule.atMost': { zh: '≤ {bound} 得 {points} 分', en: '≤ {bound}: {points} points' },
  'assess.rule.otherwise': { zh: '否则 {points} 分', en: 'otherwise {points} points' },
  'assess.total': { zh: '总分：{score}', en: 'Total score: {score}' },
  'assess.totalMissing': {
    zh: '总分暂缺：{missing} 未填报（已填指标的加权平均为 {partial}，不作总分）',
    en: 'No total yet: {missing} not reported (weighted mean of the reported ones: {partial}, not a total)',
  },
  'assess.formula': {
    zh: '总分 = Σ（权重 × 得分）÷ Σ 权重 = {terms} ÷ {weights}',
    en: 'Total = Σ (weight × points) ÷ Σ weights = {terms} ÷ {weights}',
  },
} as const;

export type AssessmentMessageKey = keyof typeof ASSESSMENT_MESSAGES;
