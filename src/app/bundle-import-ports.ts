/**
 * The parts of a bundle import that go beyond the log, bound to the page's stores: detection runs, photo files and
 * reference layers (through the same reader and confirmation as a dropped file).
 */
import type { LedgerEvent } from '../core/model.ts';
import { putRecord, listRecords } from '../store/records.ts';
import { hasProjectFile, writeProjectFile } from '../store/opfs.ts';
import type { BundleAccepted } from '../../workers/export-api.ts';
import { ledger } from '../state/ledger.svelte.ts';
import { layers } from '../state/layers.svelte.ts';
import { cases } from '../state/cases.svelte.ts';
import { notebook } from '../state/notebook.svelte.ts';
import { allEvents, photoPath } from '../state/export-inputs.ts';
import type { RunRecord } from '../state/detection.svelte.ts';
import { BundleApplyError } from '../state/bundle-import.ts';
import { jobs } from '../state/jobs.svelte.ts';
import { notices } from '../state/notices.svelte.ts';
import { t, xt } from '../i18n/i18n.svelte.ts';
import type { BundleImportPorts, ImportReport } from './import-bundle.ts';
import { confirmLayer } from './import-layer.ts';
import { layerImportPorts } from './page-ports.ts';

async function addRuns(projectId: string, runs: readonly Record<string, unknown>[]): Promise<number> {
  const have = new Set((await listRecords('runs', projectId)).map((r) => r.id));
  let added = 0;
  for (const run of runs) {
    if (typeof run.id !== 'string' || have.has(run.id)) continue;
    await putRecord('runs', { ...(run as RunRecord), projectId });
    added += 1;
  }
  return added;
}

async function addPhotos(
  projectId: string,
  events: readonly LedgerEvent[],
  accepted: BundleAccepted,
): Promise<number> {
  const byPath = new Map(accepted.photos.map((p) => [p.path, p.blob]));
  let added = 0;
  for (const event of events) {
    if (event.type !== 'evidence_added') continue;
    const ref = event.payload.evidence.fileRef;
    const blob = byPath.get(photoPath(ref));
    if (!blob || (await hasProjectFile(projectId, ref))) continue;
    await writeProjectFile(projectId, ref, blob);
    added += 1;
  }
  return added;
}

async function addLayers(projectId: string, accepted: BundleAccepted): Promise<number> {
  let added = 0;
  for (const layer of accepted.layers) {
    if (layers.list.some((l) => l.kind === layer.kind && l.name === layer.name)) continue;
    // Layers go through the same reader and confirmation as a dropped file; never confirm someone else's.
    if (layers.queue.length > 0)
      throw new BundleApplyError('layer_queue_busy: confirm the waiting layers first');
    const failed = await layers.read(projectId, [
      { name: `${layer.path.split('/').pop() ?? 'layer.parquet'}`, file: layer.blob },
    ]);
    if (failed.length > 0)
      throw new BundleApplyError(`layer_unreadable: ${layer.path} ${failed[0]?.error.code ?? ''}`);
    await confirmLayer(layerImportPorts, layer.kind, layer.name);
    added += 1;
  }
  return added;
}

/** The open project's ledger, stores and layers. */
export const bundleImportPorts: BundleImportPorts = {
  projectId: () => ledger.projectId,
  eventIds: () => allEvents().map((e) => e.id),
  settings: () => ledger.settings,
  saveSettings: (settings) => ledger.saveSettings(settings),
  adoptEvents: (events) => ledger.adopt(events),
  catalogEventIds: () => ledger.catalogEvents.map((e) => e.id),
  adoptCatalogEvents: (events) => ledger.adoptCatalogEvents(events),
  addLayers,
  addRuns,
  addPhotos,
  adoptNotebooks: (projectId, notebooks) => notebook.adopt(projectId, notebooks),
  publish: () => cases.publish(),
};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** An apply as a status-bar job, with the counts (or the failure) as a notice. */
export const bundleImportReport: ImportReport = {
  start: () => jobs.start(xt('exports.import'), { cancellable: false }),
  imported: ({ events, layers, photos, notebooks, codes }) => {
    notices.push('info', xt('exports.imported', { events, layers, photos, notebooks }));
    if (codes > 0) notices.push('info', t('codes.imported', { n: codes }));
    // The colleague added a code this office has with other labels: say so where it can be resolved.
    const conflicts = ledger.catalogConflicts.length;
    if (codes > 0 && conflicts > 0) notices.push('warning', t('codes.importConflicts', { n: conflicts }));
  },
  failed: (error) =>
    notices.push('error', xt('exports.applyFailed', { message: messageOf(error) }), String(error)),
};
