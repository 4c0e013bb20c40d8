/** The project's monitoring plan (one record in the notebooks store) and its due/overdue list. */
import { listRecords, putRecord } from '../store/records.ts';
import type { ProjectScopedRecord } from '../store/database.ts';
import {
  emptyPlan,
  MonitoringPlanSchema,
  planStatuses,
  ringBox,
  type AreaStatus,
  type Frequency,
  type MonitoringPlan,
  type PlanArea,
} from '../core/notebook/plan.ts';
import { scenes } from './scenes.svelte.ts';

const today = (): string => new Date().toISOString().slice(0, 10);

class PlanState {
  plan = $state.raw<MonitoringPlan | null>(null);

  /** Areas with their status against the project's scenes, overdue first. */
  get statuses(): AreaStatus[] {
    if (!this.plan) return [];
    const coverage = scenes.scenes.map((s) => ({ date: s.record.acquiredOn, bbox: s.bounds }));
    return planStatuses(this.plan, coverage, today());
  }

  async load(projectId: string | null): Promise<void> {
    if (!projectId) {
      this.plan = null;
      return;
    }
    const records = await listRecords<ProjectScopedRecord>('notebooks', projectId);
    const stored = records.find((r) => r.recordType === 'monitoring-plan');
    const parsed = stored ? MonitoringPlanSchema.safeParse(stored) : null;
    this.plan = parsed?.success ? parsed.data : emptyPlan(projectId);
  }

  async #save(plan: MonitoringPlan): Promise<void> {
    await putRecord('notebooks', plan);
    this.plan = plan;
  }

  /** Mark an area by its outline (a box's ring, a drawn polygon or a layer feature's outer ring). */
  async add(area: Omit<PlanArea, 'id' | 'markedOn' | 'bbox'>): Promise<void> {
    if (!this.plan) return;
    const full: PlanArea = {
      ...area,
      bbox: ringBox(area.ring),
      id: crypto.randomUUID().slice(0, 8),
      markedOn: today(),
    };
    await this.#save({ ...this.plan, areas: [...this.plan.areas, full] });
  }

  async setFrequency(id: string, frequency: Frequency): Promise<void> {
    if (!this.plan) return;
    await this.#save({
      ...this.plan,
      areas: this.plan.areas.map((a) => (a.id === id ? { ...a, frequency } : a)),
    });
  }

  async remove(id: string): Promise<void> {
    if (!this.plan) return;
    await this.#save({ ...this.plan, areas: this.plan.areas.filter((a) => a.id !== id) });
  }
}

export const monitoringPlan = new PlanState();
