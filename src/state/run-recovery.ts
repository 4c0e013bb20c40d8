// Detection runs after a reload: a run still marked 'running' belonged to a tab that was closed or crashed
// mid-run. Patches are only written when a run finishes, so such a run left nothing half-done; it is marked
// 'interrupted' (kept in the run list, so the record says it happened) and the user is told to run it again.
import { putRunRow } from '../db/patches.ts';
import { listRecords, putRecord } from '../store/records.ts';
import type { ProjectScopedRecord } from '../store/database.ts';
import { t } from '../i18n/i18n.svelte.ts';
import { notices } from './notices.svelte.ts';
import type { JobKind } from './jobs.svelte.ts';

/**
 * What recovery reads and writes of a stored run: typed here rather than imported from the detection state,
 * which imports the project state that calls recovery (a circle).
 */
type StoredRun = ProjectScopedRecord & Parameters<typeof putRunRow>[0];

/** The job kind of a detection run: how a reopened project knows one is running. */
export const DETECTION_JOB: JobKind = 'detection';

/** Mark the project's unfinished runs interrupted and mirror every run into DuckDB's `run` table. */
export async function recoverRuns(projectId: string, isRunningHere: () => boolean): Promise<StoredRun[]> {
  const runs = await listRecords<StoredRun>('runs', projectId);
  const interrupted: StoredRun[] = [];
  for (const run of runs) {
    if (run.status === 'running' && !isRunningHere()) {
      run.status = 'interrupted';
      await putRecord('runs', run);
      interrupted.push(run);
    }
    await putRunRow(run);
  }
  if (interrupted.length > 0)
    notices.push('warning', t('detect.interrupted', { ids: interrupted.map((r) => r.id).join(', ') }));
  return interrupted;
}
