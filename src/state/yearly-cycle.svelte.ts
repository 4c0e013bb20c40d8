/**
 * The project's yearly duties: the days duties were marked done or the yearly report exported (one record in
 * the notebooks store, beside the monitoring plan), and the calendar of a chosen year.
 */
import { z } from 'zod';
import { listRecords, putRecord } from '../store/records.ts';
import type { ProjectScopedRecord } from '../store/database.ts';
import { localDate } from '../core/case/due-dates.ts';
import { dutyKey, yearCalendar, type DutyKind, type YearCalendar } from '../core/case/yearly-cycle.ts';
import { ledger } from './ledger.svelte.ts';
import { monitoringPlan } from './notebook-plan.svelte.ts';

const MarksSchema = z.object({
  schemaVersion: z.literal(1),
  id: z.string().min(1),
  projectId: z.string().min(1),
  recordType: z.literal('yearly-duties'),
  done: z.record(z.string(), z.iso.date()),
});
type MarksRecord = z.infer<typeof MarksSchema>;

const emptyMarks = (projectId: string): MarksRecord => ({
  schemaVersion: 1,
  id: `yearly-duties-${projectId}`,
  projectId,
  recordType: 'yearly-duties',
  done: {},
});

class YearlyCycleState {
  record = $state.raw<MarksRecord | null>(null);
  year = $state(Number(localDate().slice(0, 4)));

  get calendar(): YearCalendar {
    return yearCalendar(
      this.year,
      ledger.cases,
      monitoringPlan.statuses,
      this.record?.done ?? {},
      localDate(),
      ledger.settings,
    );
  }

  async load(projectId: string | null): Promise<void> {
    if (!projectId) {
      this.record = null;
      return;
    }
    const records = await listRecords<ProjectScopedRecord>('notebooks', projectId);
    const parsed = MarksSchema.safeParse(records.find((r) => r.recordType === 'yearly-duties'));
    this.record = parsed.success ? parsed.data : emptyMarks(projectId);
  }

  /** Record the day a duty of `year` was done (undefined clears the mark). */
  async mark(year: number, kind: DutyKind, on: string | undefined): Promise<void> {
    if (!this.record) return;
    const done = { ...this.record.done };
    if (on) done[dutyKey(year, kind)] = on;
    else delete done[dutyKey(year, kind)];
    const next = { ...this.record, done };
    await putRecord('notebooks', next);
    this.record = next;
  }
}

export const yearlyCycle = new YearlyCycleState();
