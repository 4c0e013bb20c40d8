/**
 * Notebooks in a case bundle: one entry per notebook, `notebooks/NN.rnb.json`, in the `.rnb.json` format of
 * the notebook's own export. Read back they are checked against the notebook schema and kept as they are:
 * an import adds them without running anything.
 */
import { parseNotebookFile } from '../notebook/file.ts';
import type { Notebook } from '../notebook/model.ts';
import { BundleError } from './manifest.ts';
import type { VerifiedBundle } from './verify.ts';

/** Entry path of the project's i-th notebook (0-based). */
export const notebookPath = (index: number): string =>
  `notebooks/${String(index + 1).padStart(2, '0')}.rnb.json`;

export const isNotebookPath = (path: string): boolean => /^notebooks\/\d+\.rnb\.json$/.test(path);

/** Every notebook entry of a verified bundle, for project `projectId`; an invalid one refuses the bundle. */
export async function readBundleNotebooks(bundle: VerifiedBundle, projectId: string): Promise<Notebook[]> {
  const out: Notebook[] = [];
  for (const entry of bundle.entries) {
    if (!isNotebookPath(entry.path)) continue;
    try {
      out.push(parseNotebookFile(await bundle.readText(entry.path), projectId));
    } catch (error) {
      throw new BundleError('bad_entry', `${entry.path}: ${String(error)}`, { cause: error });
    }
  }
  return out;
}
