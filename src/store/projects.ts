import { openStore, type ProjectRecord } from './database.ts';

const LAST_PROJECT = 'lastProject';

/** Every project, newest first. */
export async function listProjects(): Promise<ProjectRecord[]> {
  const db = await openStore();
  const all = await db.getAll('projects');
  return all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export async function getProject(id: string): Promise<ProjectRecord | undefined> {
  return (await openStore()).get('projects', id);
}

/** Create and persist a project; resolves once the transaction has committed. */
export async function createProject(name: string, sample?: string): Promise<ProjectRecord> {
  const now = new Date().toISOString();
  const record: ProjectRecord = {
    schemaVersion: 1,
    id: crypto.randomUUID(),
    name: name.trim() || 'project',
    createdAt: now,
    updatedAt: now,
    ...(sample ? { sample, sampleReady: false } : {}),
  };
  const db = await openStore();
  await db.put('projects', record);
  return record;
}

/** A sample project's last layer and image are stored. */
export async function markSampleReady(id: string): Promise<void> {
  const db = await openStore();
  const tx = db.transaction('projects', 'readwrite');
  const record = await tx.store.get(id);
  if (record) await tx.store.put({ ...record, sampleReady: true });
  await tx.done;
}

export async function renameProject(id: string, name: string): Promise<ProjectRecord> {
  const db = await openStore();
  const tx = db.transaction('projects', 'readwrite');
  const record = await tx.store.get(id);
  if (!record) throw new Error(`project ${id} not found`);
  const next: ProjectRecord = {
    ...record,
    name: name.trim() || record.name,
    updatedAt: new Date().toISOString(),
  };
  await tx.store.put(next);
  await tx.done;
  return next;
}

/** Delete a project and everything scoped to it, in one transaction. */
export async function deleteProject(id: string): Promise<void> {
  const db = await openStore();
  const scoped = ['layers', 'scenes', 'events', 'notebooks', 'runs', 'patches', 'periods'] as const;
  const tx = db.transaction(['projects', 'settings', ...scoped], 'readwrite');
  await tx.objectStore('projects').delete(id);
  for (const name of scoped) {
    const index = tx.objectStore(name).index('byProject');
    for (let cursor = await index.openCursor(id); cursor; cursor = await cursor.continue())
      await cursor.delete();
  }
  const last = await tx.objectStore('settings').get(LAST_PROJECT);
  if (last?.value === id) await tx.objectStore('settings').delete(LAST_PROJECT);
  await tx.done;
}

export async function rememberLastProject(id: string): Promise<void> {
  await (await openStore()).put('settings', { schemaVersion: 1, key: LAST_PROJECT, value: id });
}

export async function lastProjectId(): Promise<string | undefined> {
  const setting = await (await openStore()).get('settings', LAST_PROJECT);
  return typeof setting?.value === 'string' ? setting.value : undefined;
}
