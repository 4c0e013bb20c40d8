/**
 * The use-cases' ports bound to the page's own stores and clients: what the screen passes in. Tests pass fakes
 * instead, so each use-case's write order and rollback are checked without a browser.
 */
import { deleteProjectFile, writeProjectFile } from '../store/opfs.ts';
import { putRecord } from '../store/records.ts';
import { deleteLayerRows } from '../db/layers.ts';
import { layers } from '../state/layers.svelte.ts';
import { mapState } from '../state/map.svelte.ts';
import { ledger } from '../state/ledger.svelte.ts';
import type { EvidencePorts } from './attach-evidence.ts';
import type { LayerImportPorts } from './import-layer.ts';

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
