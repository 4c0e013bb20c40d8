/**
 * The use-cases' ports bound to the page's own stores and clients: what the screen passes in. Tests pass fakes
 * instead, so each use-case's write order and rollback are checked without a browser.
 */
import { deleteProjectFile, writeProjectFile } from '../store/opfs.ts';
import { ledger } from '../state/ledger.svelte.ts';
import type { EvidencePorts } from './attach-evidence.ts';

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
