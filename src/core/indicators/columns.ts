/**
 * Columns of the indicator table, shared by the notebook's table and the XLSX sheet: label (zh/en), how a
 * row gives the value, and decimals. Activity-type columns follow the catalog order and appear only when some
 * patch has that type.
 */
import { DEFAULT_CATALOG } from '../catalog.ts';
import type { IndicatorRow, IndicatorTable } from './indicators.ts';

export interface IndicatorColumn {
  key: string;
  zh: string;
  en: string;
  decimals: number | null;
  value: (row: IndicatorRow) => string | number | boolean | null;
  /** Shown only when some row has a value. */
  optional?: boolean;
}

const BASE: IndicatorColumn[] = [
  { key: 'code', zh: '区划代码', en: 'Code', decimals: null, value: (r) => r.code },
  { key: 'name', zh: '县（市、区）', en: 'County', decimals: null, value: (r) => r.name },
  { key: 'countyHa', zh: '县域面积（公顷）', en: 'County area (ha)', decimals: 2, value: (r) => r.countyHa },
  {
    key: 'redlineHa',
    zh: '红线面积（公顷）',
    en: 'Red-line area (ha)',
    decimals: 2,
    value: (r) => r.redlineHa,
  },
  {
    key: 'redlineRatioPct',
    zh: '红线面积比例（%）',
    en: 'Red-line share (%)',
    decimals: 2,
    value: (r) => r.redlineRatioPct,
  },
  {
    key: 'baselineHa',
    zh: '基准红线面积（公顷）',
    en: 'Baseline area (ha)',
    decimals: 2,
    value: (r) => r.baselineHa,
    optional: true,
  },
  {
    key: 'changeHa',
    zh: '面积变化（公顷）',
    en: 'Area change (ha)',
    decimals: 2,
    value: (r) => r.changeHa,
    optional: true,
  },
  {
    key: 'changePct',
    zh: '面积变化率（%）',
    en: 'Area change (%)',
    decimals: 2,
    value: (r) => r.changePct,
    optional: true,
  },
];

const AFTER: IndicatorColumn[] = [
  {
    key: 'activityTotalHa',
    zh: '人类活动面积合计（公顷）',
    en: 'Human activity total (ha)',
    decimals: 2,
    value: (r) => r.activityTotalHa,
  },
  {
    key: 'activitySharePct',
    zh: '人类活动占比（%）',
    en: 'Human activity share (%)',
    decimals: 2,
    value: (r) => r.activitySharePct,
  },
  { key: 'patchCount', zh: '图斑数', en: 'Patches', decimals: 0, value: (r) => r.patchCount },
  {
    key: 'naturalHa',
    zh: '自然生态用地面积（公顷）',
    en: 'Natural land (ha)',
    decimals: 2,
    value: (r) => r.naturalHa,
    optional: true,
  },
  {
    key: 'naturalRatioPct',
    zh: '自然生态用地比例（%）',
    en: 'Natural land ratio (%)',
    decimals: 2,
    value: (r) => r.naturalRatioPct,
    optional: true,
  },
  { key: 'fvcT1', zh: 'FVC（T1）', en: 'FVC (T1)', decimals: 4, value: (r) => r.fvcT1, optional: true },
  { key: 'fvcT2', zh: 'FVC（T2）', en: 'FVC (T2)', decimals: 4, value: (r) => r.fvcT2, optional: true },
  { key: 'fvcChange', zh: 'ΔFVC', en: 'ΔFVC', decimals: 4, value: (r) => r.fvcChange, optional: true },
  {
    key: 'areaKept',
    zh: '面积不减少',
    en: 'Area kept',
    decimals: null,
    value: (r) => r.areaKept,
    optional: true,
  },
  {
    key: 'functionKept',
    zh: '功能不降低',
    en: 'Function kept',
    decimals: null,
    value: (r) => r.functionKept,
    optional: true,
  },
];

/** The columns a table shows: optional ones only when they hold a value, activity types that occur. */
export function indicatorColumns(table: IndicatorTable): IndicatorColumn[] {
  const rows = [...table.rows, table.total];
  const present = new Set(rows.flatMap((r) => Object.keys(r.activityHa)));
  const activity: IndicatorColumn[] = [];
  for (const entry of DEFAULT_CATALOG.activityTypes) {
    if (!present.has(entry.code)) continue;
    activity.push({
      key: `activity:${entry.code}`,
      zh: `${entry.zh}（公顷）`,
      en: `${entry.en} (ha)`,
      decimals: 2,
      value: (r) => r.activityHa[entry.code] ?? 0,
    });
    present.delete(entry.code);
  }
  for (const code of [...present].sort())
    activity.push({
      key: `activity:${code}`,
      zh: code === 'unclassified' ? '未分类（公顷）' : `${code}（公顷）`,
      en: code === 'unclassified' ? 'Unclassified (ha)' : `${code} (ha)`,
      decimals: 2,
      value: (r) => r.activityHa[code] ?? 0,
    });
  const keep = (c: IndicatorColumn): boolean => !c.optional || rows.some((r) => c.value(r) !== null);
  return [...BASE.filter(keep), ...activity, ...AFTER.filter(keep)];
}

/** A value as text for the table (numbers rounded to the column's decimals, ✓/✗ for checks). */
export function formatIndicator(column: IndicatorColumn, row: IndicatorRow): string {
  const value = column.value(row);
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'number')
    return column.decimals === null ? String(value) : value.toFixed(column.decimals);
  return value;
}
