/**
 * The notebooks of the open project: list, the open one, edits (saved to IndexedDB), the cells running and
 * stale marks. Running cells is the use-case in src/app/run-notebook.ts.
 * Opening a notebook shows its cached outputs and runs nothing until asked.
 */
import { listRecords, putRecord, deleteRecord } from '../store/records.ts';
import type { ProjectScopedRecord } from '../store/database.ts';
import {
  addCell,
  deleteCell,
  moveCell,
  renameNotebook,
  setOutput,
  updateCell,
} from '../core/notebook/edit.ts';
import { migrateNotebook, parseNotebookFile, serializeNotebook } from '../core/notebook/file.ts';
import {
  newCell,
  newNotebook,
  type Cell,
  type CellKind,
  type CellOutput,
  type Notebook,
} from '../core/notebook/model.ts';
import { cellStatuses, type CellStatus } from '../core/notebook/stale.ts';
import { nt } from '../i18n/i18n.svelte.ts';
import { notices } from './notices.svelte.ts';
import { project } from './project.svelte.ts';
import { dataFingerprint } from './notebook-data.ts';
import type { AssessLabels } from './notebook-assess.ts';
import { loadStarterNotebook } from './notebook-starter.ts';

const now = (): string => new Date().toISOString();
const newId = (prefix: string): string => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

/** Whether a stored record is a notebook (the store also holds the monitoring plan). */
function isNotebookRecord(record: ProjectScopedRecord): boolean {
  return record.recordType === undefined;
}

class NotebookState {
  /** Notebooks of the open project, by name. */
  list = $state.raw<Notebook[]>([]);
  currentId = $state<string | null>(null);
  /** Fingerprint of the project's data; null until first computed. */
  dataKey = $state<string | null>(null);
  /** Cells running now (or waiting in a "run all"). */
  running = $state.raw<ReadonlySet<string>>(new Set());
  loadedFor = $state<string | null>(null);
  #saveTimer: ReturnType<typeof setTimeout> | null = null;
  #pendingSave: Notebook | null = null;
  /** Labels for the assessment's extra rows, set by the UI in its language. */
  assessLabels: AssessLabels = { total: '合计', outside: '县级区划以外' };

  get current(): Notebook | null {
    return this.list.find((n) => n.id === this.currentId) ?? null;
  }

  /** Status of each cell of the open notebook. */
  get statuses(): Map<string, CellStatus> {
    const nb = this.current;
    return nb ? cellStatuses(nb, this.dataKey) : new Map();
  }

  /** Load the notebooks of a project (a sample project gets its starter notebook the first time). */
  async load(projectId: string | null): Promise<void> {
    if (projectId === this.loadedFor) return;
    await this.flush();
    this.loadedFor = projectId;
    this.list = [];
    this.currentId = null;
    this.dataKey = null;
    if (!projectId) return;
    const records = await listRecords<ProjectScopedRecord>('notebooks', projectId);
    const loaded: Notebook[] = [];
    for (const record of records.filter(isNotebookRecord)) {
      try {
        loaded.push(migrateNotebook(record));
      } catch (error) {
        notices.push('warning', nt('nb.unreadable', { id: record.id }), String(error));
      }
    }
    if (loaded.length === 0 && project.current?.id === projectId && project.current.sample) {
      const starter = await loadStarterNotebook(project.current.sample, projectId).catch(() => null);
      if (starter) {
        await putRecord('notebooks', starter);
        loaded.push(starter);
      }
    }
    if (this.loadedFor !== projectId) return; // another project was opened meanwhile
    this.list = loaded.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    this.currentId = this.list[0]?.id ?? null;
    void this.refreshDataKey();
  }

  /** Recompute the data fingerprint (after imports, detections, reviews). */
  async refreshDataKey(): Promise<void> {
    try {
      this.dataKey = await dataFingerprint();
    } catch {
      // DuckDB not ready yet: outputs are simply not compared with the data for now.
    }
  }

  select(id: string): void {
    this.currentId = id;
  }

  async create(name: string): Promise<Notebook> {
    const projectId = project.current?.id;
    if (!projectId) throw new Error('open a project first');
    const nb = newNotebook(newId('nb'), projectId, name, now());
    await putRecord('notebooks', nb);
    this.list = [...this.list, nb];
    this.currentId = nb.id;
    return nb;
  }

  async remove(id: string): Promise<void> {
    await deleteRecord('notebooks', id);
    this.list = this.list.filter((n) => n.id !== id);
    if (this.currentId === id) this.currentId = this.list[0]?.id ?? null;
  }

  async rename(id: string, name: string): Promise<void> {
    const nb = this.list.find((n) => n.id === id);
    if (nb) await this.#commit(renameNotebook(nb, name, now()), true);
  }

  /** Replace the open notebook in memory and save it (at once, or debounced for typing). */
  async #commit(nb: Notebook, immediate: boolean): Promise<void> {
    this.list = this.list.map((n) => (n.id === nb.id ? nb : n));
    this.#pendingSave = nb;
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    if (immediate) await this.flush();
    else this.#saveTimer = setTimeout(() => void this.flush(), 400);
  }

  /** Write any pending change now. */
  async flush(): Promise<void> {
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    const nb = this.#pendingSave;
    this.#pendingSave = null;
    if (nb) await putRecord('notebooks', nb);
  }

  #open(): Notebook {
    const nb = this.current;
    if (!nb) throw new Error('no notebook open');
    return nb;
  }

  async addCell(kind: CellKind, index?: number): Promise<Cell> {
    const cell = newCell(kind, newId('c'));
    await this.#commit(addCell(this.#open(), cell, now(), index), true);
    return cell;
  }

  /** Change a cell; typing is saved after a short pause. */
  editCell(cell: Cell, immediate = false): void {
    void this.#commit(updateCell(this.#open(), cell, now()), immediate);
  }

  async moveCell(id: string, delta: -1 | 1): Promise<void> {
    await this.#commit(moveCell(this.#open(), id, delta, now()), true);
  }

  async deleteCell(id: string): Promise<void> {
    await this.#commit(deleteCell(this.#open(), id, now()), true);
  }

  /** Store a cell's output on the open notebook (saved after a short pause, like typing). */
  async storeOutput(id: string, output: CellOutput): Promise<void> {
    await this.#commit(setOutput(this.#open(), id, output, now()), false);
  }

  /** The `.rnb.json` text of a notebook. */
  exportText(id: string): string {
    const nb = this.list.find((n) => n.id === id);
    if (!nb) throw new Error(`no notebook ${id}`);
    return serializeNotebook(nb);
  }

  /**
   * Add notebooks carried by a case bundle to a project, as they are (outputs kept, nothing runs). One already
   * here unchanged is skipped (importing twice adds nothing); one with the same id but other content comes in
   * as a copy. Returns how many were added.
   */
  async adopt(projectId: string, incoming: readonly Notebook[]): Promise<number> {
    const here = (await listRecords<ProjectScopedRecord>('notebooks', projectId)).filter(isNotebookRecord);
    let added = 0;
    for (const raw of incoming) {
      const nb: Notebook = { ...raw, projectId };
      const same = here.find((r) => r.id === nb.id);
      if (same && serializeNotebook(migrateNotebook(same)) === serializeNotebook(nb)) continue;
      const fresh = same ? { ...nb, id: newId('nb'), name: `${nb.name} (2)` } : nb;
      await putRecord('notebooks', fresh);
      here.push(fresh);
      if (this.loadedFor === projectId) this.list = [...this.list, fresh];
      added += 1;
    }
    return added;
  }

  /** Import a `.rnb.json` file; a notebook whose id already exists here comes in as a copy. */
  async importText(text: string): Promise<Notebook> {
    const projectId = project.current?.id;
    if (!projectId) throw new Error('open a project first');
    let nb = parseNotebookFile(text, projectId);
    if (this.list.some((n) => n.id === nb.id)) nb = { ...nb, id: newId('nb'), name: `${nb.name} (2)` };
    await putRecord('notebooks', nb);
    this.list = [...this.list, nb];
    this.currentId = nb.id;
    return nb;
  }
}

export const notebook = new NotebookState();
