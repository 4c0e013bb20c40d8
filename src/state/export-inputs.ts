/**
 * What an export needs from the open project, gathered on the main thread and handed to the export worker:
 * the whole event log, the reference layers (their stored GeoJSON files), photos and detection runs.
 */
import type { CaseState, Evidence, LedgerEvent } from '../core/model.ts';
import { listRecords } from '../store/records.ts';
import { readProjectFile } from '../store/opfs.ts';
import type { BundleExtra, ExportLayer, LedgerInput, SheetRequest } from '../../workers/export-api.ts';
import type { SheetImage, SheetRun, SheetScene } from '../io/verification-sheet.ts';
import { ledger } from './ledger.svelte.ts';
import { layers } from './layers.svelte.ts';
import { scenes } from './scenes.svelte.ts';
import { project } from './project.svelte.ts';
import type { RunRecord } from './detection.svelte.ts';
import { renderChips } from './export-chips.ts';
import { localInstant } from '../core/case/due-dates.ts';
import type { ProjectScopedRecord } from '../store/database.ts';
import { migrateNotebook, serializeNotebook } from '../core/notebook/file.ts';
import { notebookPath } from '../core/bundle/notebooks.ts';

/** Every event of the open project (all cases), as plain objects. */
export function allEvents(): LedgerEvent[] {
  return [...ledger.folds.keys()].flatMap((id) => [...ledger.caseEvents(id)]);
}

/** The ledger input of an export; throws when no project is open. */
export function ledgerInput(): LedgerInput {
  const current = project.current;
  if (!current || !ledger.projectId) throw new Error('no_project: no project is open');
  return {
    events: allEvents(),
    catalogEvents: [...ledger.catalogEvents],
    settings: ledger.settings,
    projectId: current.id,
    projectName: current.name,
  };
}

/** The project's reference layers as their stored lon/lat GeoJSON files (read lazily by the worker). */
export async function exportLayers(): Promise<ExportLayer[]> {
  const projectId = ledger.projectId;
  if (!projectId) return [];
  const out: ExportLayer[] = [];
  for (const record of layers.list)
    out.push({
      kind: record.kind,
      name: record.name,
      file: await readProjectFile(projectId, record.opfsName),
    });
  return out;
}

/** Bundle path of a photo file (ASCII only, as bundle entry paths must be). */
export const photoPath = (fileRef: string): string =>
  `photos/${fileRef.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_')}`;

/**
 * The evidence files (photos, and documents unless `photosOnly`) of the cases still in the project; a missing
 * file is left out. Bundles carry both under photos/ (the bundle format's folder for evidence files).
 */
export async function photoFiles(
  states: readonly CaseState[],
  photosOnly = false,
): Promise<(BundleExtra & { evidence: Evidence })[]> {
  const photosOf = (state: CaseState): Evidence[] =>
    state.evidence.filter((e) => !photosOnly || e.kind === 'photo');
  const projectId = ledger.projectId;
  if (!projectId) return [];
  const out: (BundleExtra & { evidence: Evidence })[] = [];
  for (const state of states)
    for (const evidence of photosOf(state)) {
      try {
        const blob = await readProjectFile(projectId, evidence.fileRef);
        out.push({ path: photoPath(evidence.fileRef), blob, title: evidence.indexNo, evidence });
      } catch {
        // The file was never copied into this browser (e.g. recorded elsewhere): the sheet lists no picture.
      }
    }
  return out;
}

/**
 * The project's notebooks as bundle entries (`.rnb.json`, as the notebook's own export writes them), oldest
 * first; the store also holds the monitoring plan, which is not a notebook and stays out.
 */
export async function notebookFiles(): Promise<BundleExtra[]> {
  const projectId = ledger.projectId;
  if (!projectId) return [];
  const records = await listRecords<ProjectScopedRecord>('notebooks', projectId);
  const notebooks = records
    .filter((r) => r.recordType === undefined)
    .flatMap((r) => {
      try {
        return [migrateNotebook(r)];
      } catch {
        return []; // unreadable here too: the notebook panel already warned about it
      }
    })
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return notebooks.map((nb, i) => ({
    path: notebookPath(i),
    title: nb.name,
    blob: new Blob([serializeNotebook(nb)], { type: 'application/json' }),
  }));
}

/** Detection runs of the project by id (for the parameters on the verification sheet). */
export async function runsById(): Promise<Map<string, RunRecord>> {
  const projectId = ledger.projectId;
  if (!projectId) return new Map();
  const records = await listRecords<RunRecord>('runs', projectId);
  return new Map(records.map((r) => [r.id, r]));
}

/** The scene of a run as the sheet names it (label, date, sensor, bands); absent when it was removed since. */
function sheetScene(id: string): SheetScene | undefined {
  const record = scenes.scenes.find((s) => s.record.id === id)?.record;
  return record
    ? {
        label: record.label,
        acquiredOn: record.acquiredOn,
        sensor: record.sensor,
        bands: record.bandRoles,
      }
    : undefined;
}

/** A run as printed on a sheet: what a person needs; the engine's internals stay in the bundle's runs.json. */
export function sheetRun(run: RunRecord): SheetRun {
  const { minAreaM2, sensitivity } = run.params;
  const t1 = sheetScene(run.t1);
  const t2 = sheetScene(run.t2);
  return {
    id: run.id,
    // Printed as the user's clock read it (the record keeps UTC).
    startedAt: localInstant(new Date(run.startedAt)),
    ...(t1 ? { t1 } : {}),
    ...(t2 ? { t2 } : {}),
    ...(typeof minAreaM2 === 'number' ? { minAreaM2 } : {}),
    ...(typeof sensitivity === 'number' || sensitivity === null ? { sensitivity } : {}),
  };
}

async function imageOf(blob: Blob, caption: string): Promise<SheetImage | null> {
  const type: SheetImage['type'] | null =
    blob.type === 'image/png' ? 'png' : /jpe?g/.test(blob.type) ? 'jpg' : null;
  if (!type) return null;
  const bitmap = await createImageBitmap(blob);
  const image = {
    bytes: new Uint8Array(await blob.arrayBuffer()),
    type,
    width: bitmap.width,
    height: bitmap.height,
    caption,
  };
  bitmap.close();
  return image;
}

/** Per case: T1/T2 chips, photos and the run record (what only the main thread can give the worker). */
export async function sheetRequest(state: CaseState, runs: Map<string, RunRecord>): Promise<SheetRequest> {
  const photos: SheetImage[] = [];
  for (const file of await photoFiles([state], true)) {
    const caption = [file.evidence.indexNo, file.evidence.caption, file.evidence.takenOn]
      .filter(Boolean)
      .join(' ');
    const typed = file.blob.type ? file.blob : new Blob([file.blob], { type: file.evidence.mediaType });
    const image = await imageOf(typed, caption);
    if (image) photos.push(image);
  }
  const run = state.patch.runId ? runs.get(state.patch.runId) : undefined;
  return {
    caseId: state.id,
    chips: await renderChips(state.patch.geometry),
    photos,
    ...(run ? { run: sheetRun(run) } : {}),
  };
}
