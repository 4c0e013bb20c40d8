/**
 * The stored result of an assessment (an indicator cell's output, the XLSX sheet, the choropleth): the table,
 * the FVC end members of each scene, and the inputs used, so every figure can be traced back.
 */
import type { FvcSummary } from './fvc.ts';
import type { IndicatorRow, IndicatorTable } from './indicators.ts';

export const REPORT_VERSION = 1;

/** FVC of one scene as the report keeps it. */
export interface SceneFvc {
  sceneId: string;
  label: string;
  date: string | null;
  summary: FvcSummary;
  width: number;
  height: number;
  crs: string;
  seconds: number;
}

/** A layer used as input: which one, and how many features it held. */
export interface LayerUse {
  id: string;
  name: string;
  features: number;
}

export interface AssessmentReport {
  version: typeof REPORT_VERSION;
  computedAt: string;
  table: IndicatorTable;
  counties: { code: string; name: string }[];
  fvc: { t1: SceneFvc | null; t2: SceneFvc | null } | null;
  landCover: {
    source: 'vector' | 'raster';
    name: string;
    /** Attribute (vector) or band number, 1-based (raster). */
    field: string;
    natural: string[];
  } | null;
  inputs: {
    redlines: LayerUse[];
    baseline: LayerUse | null;
    counties: LayerUse[];
    patches: { rule: 'not_rejected' | 'confirmed'; count: number };
  };
}

/** Whether a stored value looks like a report this version can show (outputs are validated loosely). */
export function isAssessmentReport(value: unknown): value is AssessmentReport {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<AssessmentReport>;
  return (
    r.version === REPORT_VERSION &&
    typeof r.table === 'object' &&
    r.table !== null &&
    Array.isArray(r.table.rows) &&
    typeof r.table.total === 'object'
  );
}

/** Value of a metric of a row (for the choropleth and charts). */
export function metricValue(row: IndicatorRow, metric: keyof IndicatorRow): number | null {
  const value = row[metric];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
