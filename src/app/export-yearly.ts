/**
 * Export the yearly supervision report of a year as one export job; a report made is recorded as that year's
 * duty done (the yearly calendar reads it).
 */
import type { ExportedFile } from '../../workers/export-api.ts';
import { localDate } from '../core/case/due-dates.ts';
import { t } from '../i18n/i18n.svelte.ts';
import { exportsState } from '../state/exports.svelte.ts';
import { yearlyCycle } from '../state/yearly-cycle.svelte.ts';
import { exportPorts } from './export-actions.ts';
import { runExport } from './export.ts';

export async function exportYearlyReport(year: number): Promise<ExportedFile[]> {
  const today = localDate();
  const files = await runExport(exportPorts, exportsState, t('yearly.export'), async () => ({
    kind: 'yearly-report',
    year,
    today,
  }));
  if (files.length > 0) await yearlyCycle.mark(year, 'yearly_report', today);
  return files;
}
