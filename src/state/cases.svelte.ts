import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { CaseId } from '../core/ids.ts';
import type { CaseState } from '../core/model.ts';
import { currentDue, isOverdue, localDate, overdueTracks } from '../core/case/due-dates.ts';
import { byDueDate } from '../core/case/case-sort.ts';
import { bboxOf } from '../core/geo/rings.ts';
import { confirmDrafts, rejectDrafts } from '../core/case/review-drafts.ts';
import { patchesLayer, type PatchFeatureProps } from '../map/patch-layers.ts';
import { ledger } from './ledger.svelte.ts';
import { mapState } from './map.svelte.ts';

export type SortKey = 'score' | 'area' | 'due' | 'id';

/** Which cases the list and the review queue show. */
export interface CaseFilter {
  stages: string[];
  county: string;
  activityType: string;
  runId: string;
  minScore: number;
  /** 'major' = marked 重大问题; 'department_overdue' = a department's feedback is past due. */
  watch?: WatchFilter;
}
export type WatchFilter = '' | 'major' | 'department_overdue';

/** Does the case pass the watch filter on `today`? */
function watched(c: CaseState, watch: WatchFilter | undefined, today: string): boolean {
  if (watch === 'major') return c.major !== undefined;
  if (watch === 'department_overdue')
    return overdueTracks(c, today, ledger.settings).some((d) => d.track === 'department');
  return true;
}

const REVIEWABLE = ['auto', 'clue', 'suspected'];

/** The case list, the review queue and the current case; publishes the patches layer to the map. */
class CasesState {
  filter = $state<CaseFilter>({ stages: [], county: '', activityType: '', runId: '', minScore: 0 });
  sort = $state<SortKey>('score');
  currentId = $state<CaseId | null>(null);
  /** Review mode: the queue is the reviewable cases of the list, keyboard shortcuts are active. */
  reviewing = $state(false);

  get list(): CaseState[] {
    const { stages, county, activityType, runId, minScore, watch } = this.filter;
    const wanted = this.reviewing ? REVIEWABLE : stages;
    const today = localDate();
    const cases = ledger.cases.filter(
      (c) =>
        (wanted.length === 0 || wanted.includes(c.stage)) &&
        (!county || c.patch.county === county) &&
        (!activityType || c.patch.activityType === activityType) &&
        (!runId || c.patch.runId === runId) &&
        (c.patch.score ?? 1) >= minScore &&
        (this.reviewing || watched(c, watch, today)),
    );
    const by: Record<SortKey, (a: CaseState, b: CaseState) => number> = {
      score: (a, b) => (b.patch.score ?? 0) - (a.patch.score ?? 0) || a.id.localeCompare(b.id),
      area: (a, b) => b.patch.areaHa - a.patch.areaHa,
      due: byDueDate((c) => currentDue(c, ledger.settings)?.dueDate),
      id: (a, b) => a.id.localeCompare(b.id),
    };
    return cases.sort(by[this.sort]);
  }

  get current(): CaseState | null {
    return this.currentId ? (ledger.folds.get(this.currentId)?.state ?? null) : null;
  }

  get counties(): string[] {
    return [...new Set(ledger.cases.map((c) => c.patch.county).filter(Boolean))].sort();
  }

  select(id: CaseId | null, zoom = true): void {
    this.currentId = id;
    const state = this.current;
    if (zoom && state?.patch.geometry) {
      const bbox = bboxOf(state.patch.geometry);
      const pad = Math.max(bbox[2] - bbox[0], bbox[3] - bbox[1], 0.002) * 1.5;
      mapState.zoomTo([bbox[0] - pad, bbox[1] - pad, bbox[2] + pad, bbox[3] + pad]);
    }
    this.publish();
  }

  /** Move through the queue (J/K). */
  step(delta: 1 | -1): void {
    const list = this.list;
    if (list.length === 0) return;
    const index = list.findIndex((c) => c.id === this.currentId);
    const next = list[Math.min(list.length - 1, Math.max(0, index + delta))] ?? list[0];
    if (next) this.select(next.id);
  }

  /** The case an action applies to: the one given (captured at key press), else the current one. */
  #target(id?: CaseId | null): CaseState | null {
    const target = id ?? this.currentId;
    return target ? (ledger.folds.get(target)?.state ?? null) : null;
  }

  /** Confirm; `note` is recorded with the decision (e.g. that suggested types were accepted as they were). */
  async confirm(id?: CaseId | null, note?: string): Promise<void> {
    const state = this.#target(id);
    if (!state) return;
    const reviewer = await ledger.ensureActor();
    await ledger.act(state.id, confirmDrafts(state, reviewer, ledger.settings.reviewMode, note));
    this.#advanceIfGone(state.id);
  }

  async reject(reasonCode: string, note?: string, id?: CaseId | null): Promise<void> {
    const state = this.#target(id);
    if (!state) return;
    const reviewer = await ledger.ensureActor();
    await ledger.act(state.id, rejectDrafts(state, reviewer, ledger.settings.reviewMode, reasonCode, note));
    this.#advanceIfGone(state.id);
  }

  async setField(
    field: 'activityType' | 'problemType' | 'remark' | 'description',
    value: string,
    id?: CaseId | null,
  ): Promise<void> {
    const state = this.#target(id);
    if (!state) return;
    await ledger.act(state.id, [
      { caseId: state.id, type: 'fields_set', payload: { fields: { [field]: value } } },
    ]);
    this.publish();
  }

  async note(text: string, id?: CaseId | null): Promise<void> {
    const state = this.#target(id);
    if (!state || !text.trim()) return;
    await ledger.act(state.id, [{ caseId: state.id, type: 'note_added', payload: { text: text.trim() } }]);
  }

  async undo(id?: CaseId | null): Promise<void> {
    const target = id ?? this.currentId;
    if (target) await ledger.undo(target);
    this.publish();
  }

  /** U in a review session: undo the last decision recorded (any patch), and show that patch again. */
  async undoLastDecision(): Promise<CaseId> {
    const id = await ledger.undoLastDecision();
    this.select(id);
    return id;
  }

  /** In review mode a decided case leaves the queue: go to the next one. */
  #advanceIfGone(id: CaseId): void {
    if (this.reviewing && !this.list.some((c) => c.id === id)) {
      const next = this.list[0];
      this.select(next?.id ?? null);
    } else this.publish();
  }

  /** Draw every case with a geometry on the map. */
  publish(): void {
    const today = localDate();
    const features: Feature<Polygon | MultiPolygon, PatchFeatureProps>[] = [];
    for (const state of ledger.cases) {
      // A split or merged patch lives on in its successors: drawing it too would hide them under clicks.
      if (!state.patch.geometry || (state.supersededBy?.length ?? 0) > 0) continue;
      features.push({
        type: 'Feature',
        geometry: state.patch.geometry,
        properties: {
          id: state.id,
          stage: state.stage,
          overdue:
            isOverdue(state, today, ledger.settings) ||
            overdueTracks(state, today, ledger.settings).length > 0,
        },
      });
    }
    mapState.setOverlay('patches', [
      patchesLayer(features, this.currentId, (id) => this.select(id as CaseId, false)),
    ]);
  }
}

export const cases = new CasesState();
