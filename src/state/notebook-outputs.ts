/** What a notebook output puts on the map or on disk: the choropleth, SQL features, the XLSX sheet. */
import type { Feature } from 'geojson';
import { assessmentWorkbook } from '../io/xlsx-indicators.ts';
import type { AssessmentReport } from '../core/indicators/report.ts';
import type { IndicatorMetric } from '../core/notebook/model.ts';
import { bboxOf } from '../core/geo/rings.ts';
import { choroplethLayer, legendFor, notebookFeaturesLayer, type Legend } from '../map/assessment-layers.ts';
import { countyUnits } from './notebook-assess.ts';
import { mapState, type Bounds } from './map.svelte.ts';
import { safeFileName } from './notebook-files.ts';
import { downloadBlob } from './download.ts';
import { choroplethShown } from './notebook-legend.svelte.ts';

const CHANGE_METRICS: readonly IndicatorMetric[] = ['changePct', 'fvcChange'];

function unitsFor(report: AssessmentReport, metric: IndicatorMetric) {
  const byCode = new Map(report.table.rows.map((row) => [row.code, row]));
  return countyUnits().units.map((unit) => {
    const row = byCode.get(unit.code);
    const value = row ? row[metric] : null;
    return {
      code: unit.code,
      name: unit.name,
      geometry: unit.geometry,
      value: typeof value === 'number' && Number.isFinite(value) ? value : null,
    };
  });
}

/** The legend of one indicator's choropleth (null when no county has a value); no side effects. */
export function choroplethLegend(report: AssessmentReport, metric: IndicatorMetric): Legend | null {
  return legendFor(
    unitsFor(report, metric).map((u) => u.value),
    CHANGE_METRICS.includes(metric),
  );
}

/** Draw the assessment choropleth of one indicator; returns its legend (null when no county has a value). */
export function showChoropleth(
  report: AssessmentReport,
  metric: IndicatorMetric,
  zoom = true,
): Legend | null {
  const units = unitsFor(report, metric);
  const legend = legendFor(
    units.map((u) => u.value),
    CHANGE_METRICS.includes(metric),
  );
  mapState.setOverlay('assessment', [choroplethLayer(units, legend, `${metric}-${report.computedAt}`)]);
  choroplethShown.current = legend ? { metric, legend } : null;
  if (zoom && units.length > 0) {
    const box = units.reduce<Bounds>(
      (acc, u) => {
        const b = bboxOf(u.geometry);
        return [
          Math.min(acc[0], b[0]),
          Math.min(acc[1], b[1]),
          Math.max(acc[2], b[2]),
          Math.max(acc[3], b[3]),
        ];
      },
      [Infinity, Infinity, -Infinity, -Infinity],
    );
    mapState.zoomTo(box);
  }
  return legend;
}

export function hideChoropleth(): void {
  mapState.removeOverlay('assessment');
  choroplethShown.current = null;
}

/** Take every notebook layer off the map (the choropleth and SQL cells' features): the notebook tab is left. */
export function hideNotebookLayers(): void {
  hideChoropleth();
  for (const key of Object.keys(mapState.overlays))
    if (key.startsWith('notebook-')) mapState.removeOverlay(key);
}

/** Show a SQL cell's features on the map (replacing what that cell showed before). */
export function showCellFeatures(cellId: string, features: readonly Feature[]): void {
  if (features.length === 0) return;
  mapState.setOverlay(`notebook-${cellId}`, [notebookFeaturesLayer(cellId, features)]);
}

export function hideCellFeatures(cellId: string): void {
  mapState.removeOverlay(`notebook-${cellId}`);
}

/** Whether a cell's features are on the map now. */
export function cellFeaturesShown(cellId: string): boolean {
  return `notebook-${cellId}` in mapState.overlays;
}

/** Download the assessment as an XLSX workbook. */
export async function downloadAssessmentXlsx(
  report: AssessmentReport,
  lang: 'zh' | 'en',
  title: string,
): Promise<void> {
  const bytes = await assessmentWorkbook(report, lang, title);
  downloadBlob(
    `${safeFileName(title)}.xlsx`,
    new Blob([bytes as BlobPart], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
  );
}
