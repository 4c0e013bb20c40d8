import type { CaseRow } from '../core/case/ledger.ts';
import { transaction } from './client.ts';

const COLUMNS = [
  'case_id',
  'stage',
  'province',
  'city',
  'county',
  'township',
  'location',
  'area_ha',
  'redline_ha',
  'cx',
  'cy',
  'activity_type',
  'problem_type',
  'clue_source',
  'opened_on',
  'due_milestone',
  'due_date',
  'overdue',
  'days_overdue',
  'handover_recipient',
  'verification_result',
  'rejection_reason',
  'photo_count',
  'updated_at',
  'updated_by',
] as const satisfies readonly (keyof CaseRow)[];

/** Replace the rows of these cases (and mirror their stage into `patch.status`), in one transaction. */
export async function putCaseRows(rows: readonly CaseRow[]): Promise<void> {
  if (rows.length === 0) return;
  const placeholders = `(${COLUMNS.map(() => '?').join(', ')})`;
  const statements: { sql: string; params?: readonly unknown[] }[] = [];
  for (const row of rows) {
    statements.push({ sql: 'DELETE FROM case_state WHERE case_id = ?', params: [row.case_id] });
    statements.push({
      sql: `INSERT INTO case_state (${COLUMNS.join(', ')}) VALUES ${placeholders}`,
      params: COLUMNS.map((column) => row[column]),
    });
    statements.push({ sql: 'UPDATE patch SET status = ? WHERE id = ?', params: [row.stage, row.case_id] });
  }
  await transaction(statements);
}
