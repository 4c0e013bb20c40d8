import type { PeriodFields } from '../core/imagery/periods.ts';
import { openStore, type ProjectScopedRecord } from './database.ts';

/** The imagery periods of a project. */
export async function listPeriods(projectId: string): Promise<PeriodFields[]> {
  return (await openStore()).getAllFromIndex('periods', 'byProject', projectId);
}

/** Write one period; resolves when committed. */
export async function putPeriod(period: PeriodFields): Promise<void> {
  const db = await openStore();
  const tx = db.transaction('periods', 'readwrite');
  await tx.store.put(period);
  await tx.done;
}

export async function deletePeriod(id: string): Promise<void> {
  const db = await openStore();
  const tx = db.transaction('periods', 'readwrite');
  await tx.store.delete(id);
  await tx.done;
}

/** A new scene's record and, when the scene made it, its new period: both saved or neither. */
export async function putSceneWithPeriod(
  scene: ProjectScopedRecord,
  period: PeriodFields | null,
): Promise<void> {
  const db = await openStore();
  const tx = db.transaction(['scenes', 'periods'], 'readwrite');
  await Promise.all([
    tx.objectStore('scenes').put(scene),
    ...(period ? [tx.objectStore('periods').put(period)] : []),
    tx.done,
  ]);
}
