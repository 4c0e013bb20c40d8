/**
 * The use-cases' ports bound to the page's own stores and clients: what the screen passes in. Tests pass fakes
 * instead, so each use-case's write order and rollback are checked without a browser.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { deleteProjectFile, readProjectFile, writeProjectFile } from '../store/opfs.ts';
import { deleteRecord, putRecord } from '../store/records.ts';
import { deleteLayerRows } from '../db/layers.ts';
import { putRunRow } from '../db/patches.ts';
import { layers } from '../state/layers.svelte.ts';
import { mapState } from '../state/map.svelte.ts';
import { ledger } from '../state/ledger.svelte.ts';
import type { EvidencePorts } from './attach-evidence.ts';
import type { LayerImportPorts } from './import-layer.ts';
import type { OutlineScreenPorts } from './commit-outline.ts';
import type { AddScenePorts } from './add-scene.ts';
import type { RunDetectionPorts } from './run-detection.ts';
import type { DrawnPatchPorts } from './draw-patch.ts';
import type { RemoveLayerPorts } from './remove-layer.ts';
import { scenes, type Scene } from '../state/scenes.svelte.ts';
import { attribute, prepareAttribution } from '../state/attribution.ts';
import { commitPatches, intakePatches } from '../state/patch-intake.ts';
import { DETECTION_JOB } from '../state/run-recovery.ts';
import { drawingPreview } from '../map/detection-layers.ts';
import { cases } from '../state/cases.svelte.ts';
import { jobs } from '../state/jobs.svelte.ts';
import { project } from '../state/project.svelte.ts';
import { t } from '../i18n/i18n.svelte.ts';
import { imt } from '../i18n/imagery-messages.ts';
import { formatPixelSize } from '../core/display/radiometry.ts';
import { notices } from '../state/notices.svelte.ts';

/** The page's ledger and OPFS folder. */
export const evidencePorts: EvidencePorts = {
  projectId: () => ledger.projectId,
  caseState: (caseId) => ledger.folds.get(caseId)?.state,
  caseEvents: (caseId) => ledger.caseEvents(caseId),
  ensureActor: () => ledger.ensureActor(),
  act: (caseId, drafts) => ledger.act(caseId, drafts),
  writeFile: writeProjectFile,
  deleteFile: deleteProjectFile,
};

/** The page's layer queue, stores, DuckDB and map. */
export const layerImportPorts: LayerImportPorts = {
  pending: () => layers.pending,
  frame: (bbox) => mapState.zoomTo(bbox),
  writeFile: writeProjectFile,
  mount: (record, result, ipcLayerId) => layers.mount(record, result, ipcLayerId),
  putRecord: (record) => putRecord('layers', record),
  deleteRows: deleteLayerRows,
  deleteFile: deleteProjectFile,
  unmount: (layerId) => layers.unmount(layerId),
  next: () => layers.next(),
};

/** The geometry worker, serial numbers, ledger and status bar of the page, for outline commits. */
export const outlinePorts: OutlineScreenPorts = {
  async attribute(projectId, inputs) {
    const key = `project-${projectId}`;
    await prepareAttribution(key);
    const result = await attribute(
      projectId,
      key,
      inputs,
      new Date().getFullYear(),
      new AbortController().signal,
      () => undefined,
    );
    return result.patches;
  },
  commitPatches: (projectId, year, drafts, commit) => commitPatches(projectId, year, drafts, commit),
  act: (caseId, drafts) => ledger.act(caseId, drafts),
  actMany: (work) => ledger.actMany(work),
  async job(label, work) {
    const job = jobs.start(t(label), { cancellable: false });
    try {
      const result = await work();
      job.done();
      return result;
    } catch (error) {
      job.fail(error);
      throw error;
    }
  },
  year: () => new Date().getFullYear(),
  projectId: () => project.current?.id ?? null,
  caseState: (id) => ledger.folds.get(id)?.state,
  select: (id) => cases.select(id, false),
};

/** The page's scene list, status bar, OPFS folder and scene records, for adding imagery. */
export const addScenePorts: AddScenePorts<Scene> = {
  show: (projectId, file, fileName, label, acquiredOn, placement) =>
    scenes.show(projectId, file, fileName, label, acquiredOn, placement),
  firstFrame: () => scenes.firstFrame(),
  startJob: (name) => jobs.start(t('job.saveImagery', { name }), { cancellable: false }),
  writeFile: writeProjectFile,
  putRecord: (record) => scenes.save(record),
  deleteFile: deleteProjectFile,
  remove: (id) => scenes.remove(id),
  coarse: (pixelM, name) =>
    notices.push('warning', imt('im.coarseAdded', { name, size: formatPixelSize(pixelM) })),
};

/** The page's stores, ledger, map and status bar, for a detection run. */
export const detectionPorts: RunDetectionPorts = {
  ensureActor: () => ledger.ensureActor(),
  startJob: () => jobs.start(t('job.detection'), { kind: DETECTION_JOB }),
  // A scene read in place has no OPFS copy (empty opfsName): the page already holds its file.
  readFile: async (projectId, scene) =>
    scenes.fileOf(scene.record.id) ?? readProjectFile(projectId, scene.record.opfsName),
  areal: (kind) =>
    layers
      .ofKind(kind)
      .flatMap(({ features }) => features.map((f) => f.geometry))
      .filter((g): g is Polygon | MultiPolygon => g?.type === 'Polygon' || g?.type === 'MultiPolygon'),
  putRun: (run) => putRecord('runs', run),
  putRunRow,
  intake: intakePatches,
  preview: (patches) =>
    patches
      ? mapState.setOverlay('detection-preview', drawingPreview(patches))
      : mapState.removeOverlay('detection-preview'),
  attributionMessage: () => t('job.phase.attributes'),
  now: () => new Date(),
  randomSuffix: () => crypto.randomUUID().slice(0, 4),
};

/** The open project, status bar, intake and case selection, for a hand-drawn patch. */
export const drawnPatchPorts: DrawnPatchPorts = {
  projectId: () => project.current?.id ?? null,
  startJob: () => jobs.start(t('job.drawnPatch'), { cancellable: false }),
  intake: intakePatches,
  select: (id) => cases.select(id, false),
};

/** The page's record store, DuckDB, OPFS folder and layer list, for removing a layer. */
export const removeLayerPorts: RemoveLayerPorts = {
  deleteRecord: (id) => deleteRecord('layers', id),
  deleteRows: deleteLayerRows,
  deleteFile: deleteProjectFile,
  unmount: (id) => layers.unmount(id),
};
