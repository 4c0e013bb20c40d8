import { openStore, type ProjectScopedRecord } from './database.ts';

/** The project-scoped stores that hold plain records. */
export type ScopedStore = 'layers' | 'scenes' | 'notebooks' | 'runs' | 'patches';

/** All records of a project in one store. */
export async function listRecords<T extends ProjectScopedRecord>(
  store: ScopedStore,
  projectId: string,
): Promise<T[]> {
  const db = await openStore();
  return (await db.getAllFromIndex(store, 'byProject', projectId)) as T[];
}

/** Write one record; resolves when the transaction has committed (only then may the UI call it saved). */
export async function putRecord(store: ScopedStore, record: ProjectScopedRecord): Promise<void> {
  const db = await openStore();
  const tx = db.transaction(store, 'readwrite');
  await tx.store.put(record);
  await tx.done;
}

export async function deleteRecord(store: ScopedStore, id: string): Promise<void> {
  const db = await openStore();
  const tx = db.transaction(store, 'readwrite');
  await tx.store.delete(id);
  await tx.done;
}

/** Write many records in one transaction: all are saved or none. */
export async function putRecords(store: ScopedStore, records: readonly ProjectScopedRecord[]): Promise<void> {
  const db = await openStore();
  const tx = db.transaction(store, 'readwrite');
  await Promise.all([...records.map((record) => tx.store.put(record)), tx.done]);
}
