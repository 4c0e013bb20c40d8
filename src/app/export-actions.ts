/**
 * The exports of the export tab, bound to the page: each builds its request from the open project (chips,
 * photos, notebooks, runs, layers) and runs as one export job.
 */
import * as Comlink from 'comlink';
import pkg from '../../package.json';
import { localDate } from '../core/case/due-dates.ts';
import { RUNS_PATH, type BundleExtra, type ExportedFile } from '../../workers/export-api.ts';
import { xt } from '../i18n/i18n.svelte.ts';
import { ledger } from '../state/ledger.svelte.ts';
import { jobs } from '../state/jobs.svelte.ts';
import { notices } from '../state/notices.svelte.ts';
import { exportWorker } from '../state/export-client.ts';
import { downloadBlob } from '../state/download.ts';
import { exportsState } from '../state/exports.svelte.ts';
import {
  exportLayers,
  ledgerInput,
  notebookFiles,
  photoFiles,
  runsById,
  sheetRequest,
} from '../state/export-inputs.ts';
import { chipScenes, renderChip } from '../state/export-chips.ts';
import { runExport, type ExportPorts } from './export.ts';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
/** Words for a failed export; a character GBK cannot write is named, with the way out. */
function failureWords(error: unknown): string {
  const code =
    error instanceof Error && error.name === 'GbkUnmappable' ? /U\+([0-9A-F]+)/.exec(error.message) : null;
  if (!code?.[1]) return messageOf(error);
  const character = String.fromCodePoint(parseInt(code[1], 16));
  return xt('exports.gbkUnmappable', { character, code: `U+${code[1]}` });
}

/** The page's jobs, export worker, downloads and notices. */
export const exportPorts: ExportPorts = {
  startJob: (what) => jobs.start(xt('exports.job', { what })),
  ledgerInput,
  build: (jobId, input, request, onProgress) =>
    exportWorker().build(jobId, input, request, Comlink.proxy(onProgress)),
  cancel: (jobId) => void exportWorker().cancel(jobId),
  download: (file) => downloadBlob(file.name, file.blob),
  nothingMade: () => notices.push('info', xt('exports.noLetters')),
  failed: (error) =>
    notices.push('error', xt('exports.failed', { message: failureWords(error) }), String(error)),
};

export function exportList(annex: 1 | 2 | 4, format: 'xlsx' | 'csv'): Promise<ExportedFile[]> {
  return runExport(
    exportPorts,
    exportsState,
    `${xt('exports.annexN', { n: annex })} ${format.toUpperCase()}`,
    async () => ({
      kind: 'list',
      annex,
      format,
    }),
  );
}

/** The list of control-zone findings (生态空间管控区域), kept apart from the red-line annexes. */
export function exportControlZoneList(format: 'xlsx' | 'csv'): Promise<ExportedFile[]> {
  return runExport(
    exportPorts,
    exportsState,
    `${xt('exports.controlZoneList')} ${format.toUpperCase()}`,
    async () => ({ kind: 'control_zone_list', format }),
  );
}

export function exportLetters(annex: 3 | 5): Promise<ExportedFile[]> {
  const { letterDate: date, recipientLevel } = exportsState;
  // Only the addressees the user typed (blank = the default one); plain copies for the worker.
  const addressees = Object.fromEntries(
    Object.entries(exportsState.addressees).filter(([, v]) => v.trim() !== ''),
  );
  const signature = annex === 3 ? exportsState.signature3 : exportsState.signature5;
  return runExport(exportPorts, exportsState, xt('exports.annexN', { n: annex }), async () => ({
    kind: 'letters',
    annex,
    date,
    ...(annex === 3 && recipientLevel ? { recipientLevel } : {}),
    addressees,
    signature,
  }));
}

export async function exportShapefile(): Promise<ExportedFile[]> {
  const { scope, shpEncoding: encoding, shpCrs: crs } = exportsState;
  const files = await runExport(exportPorts, exportsState, 'Shapefile', async () => ({
    kind: 'shapefile',
    scope,
    encoding,
    crs,
  }));
  // Text longer than a DBF field holds was cut: say which fields and how many values.
  const cut = Object.entries(files[0]?.truncated ?? {});
  if (cut.length > 0)
    notices.push(
      'warning',
      xt('exports.shpTruncated', { fields: cut.map(([field, n]) => `${field} (${n})`).join(', ') }),
    );
  return files;
}

export function exportGeo(format: 'geojson' | 'geoparquet'): Promise<ExportedFile[]> {
  const scope = exportsState.scope;
  return runExport(exportPorts, exportsState, format === 'geojson' ? 'GeoJSON' : 'GeoParquet', async () => ({
    kind: 'geo',
    format,
    scope,
  }));
}

export function exportSheets(): Promise<ExportedFile[]> {
  const chosen = ledger.cases.filter((c) => exportsState.selected.includes(c.id));
  return runExport(exportPorts, exportsState, xt('exports.sheets'), async (job) => {
    const runs = await runsById();
    const sheets = [];
    for (const [i, state] of chosen.entries()) {
      if (job.signal.aborted) break;
      job.update(i / (chosen.length + 1), xt('exports.jobChips', { done: i, total: chosen.length }));
      sheets.push(await sheetRequest(state, runs));
    }
    return { kind: 'sheets', date: localDate(), sheets, layers: await exportLayers() };
  });
}

export function exportBundle(): Promise<ExportedFile[]> {
  const { withChips, withLayers } = exportsState;
  return runExport(exportPorts, exportsState, xt('exports.bundle'), async (job) => {
    const extras: BundleExtra[] = [];
    const drawn = ledger.cases.filter((c) => c.patch.geometry);
    const scenesUsed = withChips ? chipScenes() : [];
    for (const [i, state] of drawn.entries()) {
      if (job.signal.aborted || scenesUsed.length === 0) break;
      job.update(0.5 * (i / drawn.length), xt('exports.jobChips', { done: i, total: drawn.length }));
      for (const [k, scene] of scenesUsed.entries()) {
        const chip = state.patch.geometry ? await renderChip(scene, state.patch.geometry) : null;
        if (chip)
          extras.push({
            path: `chips/${state.id}-t${k + 1}.png`,
            blob: new Blob([chip.bytes as BlobPart], { type: 'image/png' }),
            title: chip.caption,
          });
      }
    }
    extras.push(...(await photoFiles(ledger.cases)).map(({ path, blob, title }) => ({ path, blob, title })));
    extras.push(...(await notebookFiles()));
    const runs = [...(await runsById()).values()];
    if (runs.length > 0)
      extras.push({
        path: RUNS_PATH,
        blob: new Blob([JSON.stringify(runs, null, 2)], { type: 'application/json' }),
      });
    return {
      kind: 'bundle',
      appVersion: pkg.version,
      creator: { actor: ledger.actor || '—', device: ledger.device || 'browser' },
      date: localDate(),
      layers: withLayers ? await exportLayers() : [],
      extras,
    };
  });
}
