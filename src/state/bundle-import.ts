/**
 * Applying a verified case bundle to the open project: the events the preview found new (union by id, so a
 * second import adds nothing), and — when asked — the bundle's project settings, reference layers, detection
 * runs and photo files. Verification and planning happened in the export worker before any of this runs.
 */
import type { LedgerEvent } from '../core/model.ts';
import { putRecord, listRecords } from '../store/records.ts';
import { hasProjectFile, writeProjectFile } from '../store/opfs.ts';
import type { BundleAccepted } from '../../workers/export-api.ts';
import { ledger } from './ledger.svelte.ts';
import { layers } from './layers.svelte.ts';
import { cases } from './cases.svelte.ts';
import { notebook } from './notebook.svelte.ts';
import { allEvents, photoPath } from './export-inputs.ts';
import type { RunRecord } from './detection.svelte.ts';

export interface ApplyOptions {
  /** Take over the bundle's project settings (province, review mode, contact, catalog…). */
  settings: boolean;
  /** Add the bundle's reference layers that the project does not have yet (same kind and name). */
  layers: boolean;
  /** Add the bundle's notebooks (as they are: nothing runs). */
  notebooks: boolean;
}

export interface ApplyResult {
  events: number;
  settings: boolean;
  layers: number;
  runs: number;
  photos: number;
  notebooks: number;
}

/** A bundle could not be applied (a failure of this browser's storage, not of the bundle). */
export class BundleApplyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BundleApplyError';
  }
}

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
    await layers.confirm(layer.kind, layer.name);
    added += 1;
  }
  return added;
}

/**
 * Apply an accepted bundle. Settings are saved first so the cases fold and their due dates use them; if writing
 * the events fails, the previous settings are put back, so the project is as before.
 */
export async function applyBundle(accepted: BundleAccepted, options: ApplyOptions): Promise<ApplyResult> {
  const projectId = ledger.projectId;
  if (!projectId) throw new BundleApplyError('no_project: no project is open');
  const present = new Set<string>(allEvents().map((e) => e.id));
  // The user may have acted (or imported) since the preview: adopt only what is still missing.
  const fresh = accepted.plan.added.filter((e) => !present.has(e.id));
  const previous = ledger.settings;
  if (options.settings) await ledger.saveSettings(accepted.project.settings);
  try {
    await ledger.adopt(fresh);
  } catch (error) {
    if (options.settings) await ledger.saveSettings(previous).catch(() => undefined);
    throw new BundleApplyError('events_not_written', { cause: error });
  }
  const result: ApplyResult = {
    events: fresh.length,
    settings: options.settings,
    layers: options.layers ? await addLayers(projectId, accepted) : 0,
    runs: await addRuns(projectId, accepted.runs),
    photos: await addPhotos(projectId, fresh, accepted),
    notebooks: options.notebooks ? await notebook.adopt(projectId, accepted.notebooks) : 0,
  };
  cases.publish();
  return result;
}
