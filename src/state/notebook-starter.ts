/** The starter notebook a bundled sample project ships (`sample-data/<name>/starter-notebook.rnb.json`). */
import { parseNotebookFile } from '../core/notebook/file.ts';
import type { Notebook } from '../core/notebook/model.ts';

/** Fetch and validate a sample's starter notebook for a project; null when the sample has none. */
export async function loadStarterNotebook(sample: string, projectId: string): Promise<Notebook | null> {
  if (!/^[a-z0-9-]+$/.test(sample)) return null;
  const response = await fetch(`./sample-data/${sample}/starter-notebook.rnb.json`);
  if (!response.ok) return null;
  return parseNotebookFile(await response.text(), projectId);
}
