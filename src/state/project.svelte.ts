import type { ProjectRecord } from '../store/database.ts';
import {
  createProject,
  deleteProject,
  getProject,
  lastProjectId,
  listProjects,
  rememberLastProject,
  markSampleReady,
  renameProject,
} from '../store/projects.ts';
import { deleteProjectFiles, projectFolderUsage, type ProjectFolderUsage } from '../store/opfs.ts';
import { estimate, requestPersistence, type StorageStatus } from '../store/storage.ts';
import { clearProjectTables } from '../db/layers.ts';
import { layers } from './layers.svelte.ts';
import { scenes } from './scenes.svelte.ts';
import { ledger } from './ledger.svelte.ts';
import { cases } from './cases.svelte.ts';
import { jobs } from './jobs.svelte.ts';
import { DETECTION_JOB, recoverRuns } from './run-recovery.ts';

/** Which project is open, the project list, and the storage status. */
class ProjectState {
  current = $state<ProjectRecord | null>(null);
  all = $state<ProjectRecord[]>([]);
  storage = $state<StorageStatus | null>(null);
  error = $state<string | null>(null);
  /** True while a project's layers and imagery are being loaded into DuckDB and the map. */
  loading = $state(false);

  /** Load the list and reopen the project that was open before the reload. */
  init(): Promise<void> {
    return this.#track(
      (async () => {
        this.all = await listProjects();
        this.storage = await requestPersistence();
        const last = await lastProjectId();
        if (last && (await getProject(last))) await this.#open(last);
      })(),
    );
  }

  create(name: string, sample?: string): Promise<ProjectRecord> {
    return this.#track(
      (async () => {
        const record = await createProject(name, sample);
        await this.#open(record.id);
        return record;
      })(),
    );
  }

  /** Settles when the project being opened is mirrored into DuckDB and the map (at once if none is opening). */
  #opening: Promise<void> = Promise.resolve();

  /**
   * Wait until the open project is mounted. An import that starts while the project is still mounting must wait:
   * the mount clears and reloads the layer and scene lists, which would drop a scene added in the meantime.
   */
  async mounted(): Promise<void> {
    // A newer open may start while we wait; wait for the latest one.
    let current: Promise<void>;
    do {
      current = this.#opening;
      await current.catch(() => undefined);
    } while (current !== this.#opening);
  }

  open(id: string): Promise<void> {
    return this.#track(this.#open(id));
  }

  /**
   * Remember `work` (reopening at start, creating, opening) as the mount in progress, before its first await
   * completes: an import started right after the click sees it. Without this, a file picked just after 新建项目
   * found no project yet and was put into a second one.
   */
  #track<T>(work: Promise<T>): Promise<T> {
    // Settles either way: a failed open is reported by its caller, an import then goes on without it.
    this.#opening = work.then(
      () => undefined,
      () => undefined,
    );
    return work;
  }

  async #open(id: string): Promise<void> {
    const record = await getProject(id);
    if (!record) throw new Error(`project ${id} not found`);
    await rememberLastProject(id);
    this.current = record;
    this.all = await listProjects();
    await this.#mount(id);
  }

  /** Mirror one project into DuckDB and the map: DuckDB holds exactly the open project. */
  async #mount(id: string): Promise<void> {
    this.loading = true;
    try {
      layers.clear();
      scenes.clear();
      ledger.clear();
      cases.select(null, false);
      const step = async (name: string, work: () => Promise<void>): Promise<void> => {
        // Each step shows in DevTools → Performance, for anyone asking why a project opens slowly.
        const start = performance.now();
        await work();
        performance.measure(`mount:${name}`, { start, end: performance.now() });
      };
      await step('tables', () => clearProjectTables());
      await step('layers', () => layers.load(id));
      await step('scenes', () => scenes.load(id));
      await step('ledger', () => ledger.load(id));
      // A detection of this project still running in this tab is not interrupted (reopening mid-run).
      await recoverRuns(id, () => jobs.running.some((job) => job.kind === DETECTION_JOB));
      cases.publish();
    } finally {
      this.loading = false;
    }
  }

  /** OPFS usage per project folder (the storage panel). */
  folderUsage(): Promise<ProjectFolderUsage[]> {
    return projectFolderUsage();
  }

  /** Remove the files of a folder whose project no longer exists. */
  async removeLeftoverFiles(projectId: string): Promise<void> {
    if (this.all.some((p) => p.id === projectId))
      throw new Error('not a leftover folder: the project exists');
    await deleteProjectFiles(projectId);
    await this.refreshStorage();
  }

  /** Re-read usage and quota (after imports, deletions). */
  async refreshStorage(): Promise<void> {
    if (this.storage) this.storage = { ...this.storage, ...(await estimate()) };
  }

  async rename(id: string, name: string): Promise<void> {
    const record = await renameProject(id, name);
    if (this.current?.id === id) this.current = record;
    this.all = await listProjects();
  }

  async markSampleReady(id: string): Promise<void> {
    await markSampleReady(id);
    if (this.current?.id === id) this.current = { ...this.current, sampleReady: true };
    this.all = await listProjects();
  }

  async remove(id: string): Promise<void> {
    await deleteProject(id);
    await deleteProjectFiles(id).catch(() => undefined);
    if (this.current?.id === id) {
      this.current = null;
      layers.clear();
      scenes.clear();
      ledger.clear();
      cases.select(null, false);
      await clearProjectTables();
    }
    this.all = await listProjects();
    await this.refreshStorage();
  }
}

export const project = new ProjectState();
