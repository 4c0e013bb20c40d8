/**
 * The content of the yearly supervision report (生态保护红线监管工作报告) for year Y, counted from the ledger:
 *   found        — cases opened in Y that were not rejected (problems and those still under review), and their area;
 *   by stage     — every case opened in Y, rejected ones included, by current stage;
 *   by county / by activity type — the found cases;
 *   overdue      — cases (opened in any year) past their current due date on the report's day;
 *   closed       — cases closed (销号) with a closing day in Y; rectified area = those of them whose problem was
 *                  substantiated (a case closed as unsubstantiated rectified nothing);
 *   major        — cases marked 重大 (still marked) with a marking day in Y.
 * Areas are the patches' current areas in hectares.
 */
import { labelOf, type Catalog } from '../catalog.ts';
import type { CaseState, ProjectSettings } from '../model.ts';
import { isOverdue } from './due-dates.ts';

export interface CountRow {
  key: string;
  label: string;
  count: number;
  areaHa: number;
}

export interface YearlyReport {
  year: number;
  /** The day the counts are taken on (the year's last day, or today within the year). */
  asOf: string;
  title: string;
  unit: string;
  found: { count: number; areaHa: number };
  opened: number;
  rejected: number;
  overdue: number;
  closed: { count: number; rectifiedCount: number; rectifiedHa: number };
  major: number;
  byStage: CountRow[];
  byCounty: CountRow[];
  byActivity: CountRow[];
}

function tally(
  cases: readonly CaseState[],
  keyOf: (c: CaseState) => string,
  labelFor: (k: string) => string,
): CountRow[] {
  const rows = new Map<string, CountRow>();
  for (const c of cases) {
    const key = keyOf(c);
    const row = rows.get(key) ?? { key, label: labelFor(key), count: 0, areaHa: 0 };
    row.count += 1;
    row.areaHa += c.patch.areaHa;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

const sumHa = (cases: readonly CaseState[]): number => cases.reduce((s, c) => s + c.patch.areaHa, 0);

export function buildYearlyReport(
  year: number,
  cases: readonly CaseState[],
  settings: ProjectSettings,
  catalog: Catalog,
  today: string,
): YearlyReport {
  const inYear = (date: string | undefined): boolean => date?.startsWith(`${year}-`) ?? false;
  const yearEnd = `${year}-12-31`;
  const asOf = today < yearEnd ? today : yearEnd;
  const opened = cases.filter((c) => inYear(c.openedOn));
  const found = opened.filter((c) => c.stage !== 'rejected');
  const closed = cases.filter((c) => c.stage === 'closed' && inYear(c.closure?.closedOn));
  const rectified = closed.filter((c) => c.verification?.result !== 'unsubstantiated');
  const unit = settings.province.name;
  return {
    year,
    asOf,
    title: `${unit}${year}年生态保护红线监管工作报告`,
    unit,
    found: { count: found.length, areaHa: sumHa(found) },
    opened: opened.length,
    rejected: opened.length - found.length,
    overdue: cases.filter((c) => isOverdue(c, asOf, settings)).length,
    closed: { count: closed.length, rectifiedCount: rectified.length, rectifiedHa: sumHa(rectified) },
    major: cases.filter((c) => c.major && inYear(c.major.flag.flaggedOn)).length,
    byStage: tally(
      opened,
      (c) => c.stage,
      (k) => labelOf(catalog, 'stages', k),
    ),
    byCounty: tally(
      found,
      (c) => c.patch.county || '—',
      (k) => k,
    ),
    byActivity: tally(
      found,
      (c) => c.patch.activityType ?? '',
      (k) => (k ? labelOf(catalog, 'activityTypes', k) : '—'),
    ),
  };
}
