import { WebMercatorViewport } from '@deck.gl/core';
import type { Polygon } from 'geojson';
import type { CaseId } from '../core/ids.ts';
import type { CaseState } from '../core/model.ts';
import { allowedEventTypes } from '../core/case/workflow.ts';
import { geodesicAreaM2, M2_PER_HA } from '../core/geo/area.ts';
import {
  deleteVertex,
  insertVertexAfter,
  moveVertex,
  OutlineEditError,
  outlineVertices,
  type OutlineErrorCode,
} from '../core/geo/outline-edit.ts';
import { mergeOutlines, splitByLine } from '../core/geo/outline-split.ts';
import { pointInAreal, type Areal } from '../core/geo/rings.ts';
import { mergeLayers, splitLayers, vertexEditLayers } from '../map/outline-layers.ts';
import { cases } from './cases.svelte.ts';
import { ledger } from './ledger.svelte.ts';
import { mapState } from './map.svelte.ts';

export type OutlineMode = 'idle' | 'vertices' | 'split' | 'merge';

const OVERLAY = 'outline-edit';
/** A click this close to a vertex (screen pixels) selects it rather than moving the selected one. */
const PICK_PIXELS = 12;

/** Can this case's outline be edited (geometry_edited) / split or merged (superseded)? */
export function outlineAbilities(state: CaseState | null): { edit: boolean; replace: boolean } {
  if (!state?.patch.geometry) return { edit: false, replace: false };
  const allowed = allowedEventTypes(state.stage);
  return { edit: allowed.includes('geometry_edited'), replace: allowed.includes('superseded') };
}

const haOf = (geometry: Areal | null): number => (geometry ? geodesicAreaM2(geometry) / M2_PER_HA : 0);

/**
 * The outline-editing session of the current case: vertex handles on the map (drag, or click to select and
 * click to move), a split line, or a merge partner. Nothing is written until save / split / merge; cancel
 * leaves nothing behind.
 */
class OutlineEditState {
  mode = $state<OutlineMode>('idle');
  caseId = $state<CaseId | null>(null);
  /** The outline as edited so far (vertex mode). */
  draft = $state.raw<Areal | null>(null);
  selected = $state<number | null>(null);
  /** Earlier drafts, for “undo step”. */
  history = $state.raw<Areal[]>([]);
  line = $state.raw<[number, number][]>([]);
  parts = $state.raw<Polygon[]>([]);
  mergeWith = $state<CaseId | null>(null);
  allowMulti = $state(false);
  merged = $state.raw<Areal | null>(null);
  error = $state<OutlineErrorCode | 'same' | 'stage' | null>(null);
  busy = $state(false);
  #dragBase: Areal | null = null;

  get target(): CaseState | null {
    return this.caseId ? (ledger.folds.get(this.caseId)?.state ?? null) : null;
  }

  get vertexCount(): number {
    return this.draft ? outlineVertices(this.draft).length : 0;
  }

  get draftHa(): number {
    return haOf(this.draft);
  }

  get mergedHa(): number {
    return haOf(this.merged);
  }

  /** Cases the current one may be merged with: other splittable cases with a geometry. */
  get mergeCandidates(): CaseState[] {
    const here = this.target?.patch;
    if (!here) return [];
    const d2 = (c: CaseState): number => (c.patch.cx - here.cx) ** 2 + (c.patch.cy - here.cy) ** 2;
    return (
      ledger.cases
        .filter((c) => c.id !== this.caseId && outlineAbilities(c).replace)
        .sort((a, b) => d2(a) - d2(b))
        // The nearest 50, and the one chosen on the map wherever it lies.
        .filter((c, i) => i < 50 || c.id === this.mergeWith)
    );
  }

  #begin(mode: OutlineMode): CaseState | null {
    this.cancel();
    const state = cases.current;
    if (!state?.patch.geometry) return null;
    this.mode = mode;
    this.caseId = state.id;
    mapState.clickHandler = (lon, lat) => this.#click(lon, lat);
    return state;
  }

  startVertices(): void {
    const state = this.#begin('vertices');
    if (!state?.patch.geometry) return;
    this.draft = state.patch.geometry;
    this.#show();
  }

  startSplit(): void {
    this.#begin('split');
    this.#show();
  }

  startMerge(): void {
    this.#begin('merge');
    this.#show();
  }

  cancel(): void {
    this.mode = 'idle';
    this.caseId = null;
    this.draft = null;
    this.selected = null;
    this.history = [];
    this.line = [];
    this.parts = [];
    this.mergeWith = null;
    this.allowMulti = false;
    this.merged = null;
    this.error = null;
    this.#dragBase = null;
    mapState.clickHandler = null;
    mapState.removeOverlay(OVERLAY);
  }

  #click(lon: number, lat: number): void {
    // A click on another patch also selects it through the patches layer: keep the edited case current.
    if (this.caseId && cases.currentId !== this.caseId) cases.select(this.caseId, false);
    if (this.mode === 'vertices') this.#vertexClick(lon, lat);
    else if (this.mode === 'split') this.addLinePoint(lon, lat);
    else if (this.mode === 'merge') this.#mergeClick(lon, lat);
  }

  #vertexClick(lon: number, lat: number): void {
    if (!this.draft) return;
    const near = this.#nearestVertex(lon, lat);
    if (near !== null) {
      this.selected = near === this.selected ? null : near;
      this.error = null;
    } else if (this.selected !== null) this.moveSelected(lon, lat);
    this.#show();
  }

  /** Index of the vertex within PICK_PIXELS of the point on screen, else null. */
  #nearestVertex(lon: number, lat: number): number | null {
    if (!this.draft) return null;
    const { width, height } = mapState.size;
    const viewport = new WebMercatorViewport({
      ...mapState.view,
      width: Math.max(width, 1),
      height: Math.max(height, 1),
    });
    const [px = 0, py = 0] = viewport.project([lon, lat]);
    let best: number | null = null;
    let bestDistance = PICK_PIXELS;
    outlineVertices(this.draft).forEach((v, i) => {
      const [x = 0, y = 0] = viewport.project(v.position);
      const distance = Math.hypot(x - px, y - py);
      if (distance <= bestDistance) [best, bestDistance] = [i, distance];
    });
    return best;
  }

  /** Moves the selected vertex (refused moves set `error` and change nothing). */
  moveSelected(lon: number, lat: number): void {
    if (!this.draft || this.selected === null) return;
    const next = this.#tryMove(this.draft, this.selected, lon, lat);
    if (next) {
      this.history = [...this.history, this.draft];
      this.draft = next;
    }
    this.#show();
  }

  /** Adds a vertex halfway to the next one and selects it, ready to be moved. */
  insertAfterSelected(): void {
    const vertex = this.draft && this.selected !== null ? outlineVertices(this.draft)[this.selected] : null;
    if (!this.draft || !vertex || this.selected === null) return;
    const { geometry } = insertVertexAfter(this.draft, vertex);
    this.history = [...this.history, this.draft];
    this.draft = geometry;
    // The new vertex follows the selected one in the same ring, so in the flat list too.
    this.selected += 1;
    this.error = null;
    this.#show();
  }

  /** Deletes the selected vertex (a refusal sets `error` and changes nothing). */
  deleteSelected(): void {
    const vertex = this.draft && this.selected !== null ? outlineVertices(this.draft)[this.selected] : null;
    if (!this.draft || !vertex) return;
    try {
      const next = deleteVertex(this.draft, vertex);
      this.history = [...this.history, this.draft];
      this.draft = next;
      this.selected = null;
      this.error = null;
    } catch (error) {
      if (error instanceof OutlineEditError) this.error = error.code;
      else throw error;
    }
    this.#show();
  }

  #tryMove(base: Areal, index: number, lon: number, lat: number): Areal | null {
    const vertex = outlineVertices(base)[index];
    if (!vertex) return null;
    try {
      const next = moveVertex(base, vertex, [lon, lat]);
      this.error = null;
      return next;
    } catch (error) {
      if (error instanceof OutlineEditError) this.error = error.code;
      else throw error;
      return null;
    }
  }

  undoStep(): void {
    const previous = this.history.at(-1);
    if (!previous) return;
    this.draft = previous;
    this.history = this.history.slice(0, -1);
    this.error = null;
    this.#show();
  }

  addLinePoint(lon: number, lat: number): void {
    this.line = [...this.line, [lon, lat]];
    this.#previewSplit();
    this.#show();
  }

  clearLine(): void {
    this.line = [];
    this.parts = [];
    this.error = null;
    this.#show();
  }

  #previewSplit(): void {
    const geometry = this.target?.patch.geometry;
    this.parts = [];
    this.error = null;
    if (!geometry || this.line.length < 2) return;
    try {
      this.parts = splitByLine(geometry, this.line);
    } catch (error) {
      if (error instanceof OutlineEditError) this.error = error.code;
      else throw error;
    }
  }

  #mergeClick(lon: number, lat: number): void {
    const hit = ledger.cases.find(
      (c) =>
        c.id !== this.caseId &&
        outlineAbilities(c).replace &&
        c.patch.geometry &&
        pointInAreal(lon, lat, c.patch.geometry) !== 'outside',
    );
    if (hit) this.chooseMerge(hit.id);
  }

  chooseMerge(id: CaseId | null): void {
    this.mergeWith = id;
    this.#previewMerge();
    this.#show();
  }

  setAllowMulti(allow: boolean): void {
    this.allowMulti = allow;
    this.#previewMerge();
    this.#show();
  }

  #previewMerge(): void {
    this.merged = null;
    this.error = null;
    const first = this.target?.patch.geometry;
    const other = this.mergeWith ? ledger.folds.get(this.mergeWith)?.state : null;
    if (!first || !other?.patch.geometry) return;
    if (other.id === this.caseId) this.error = 'same';
    else if (!outlineAbilities(other).replace) this.error = 'stage';
    else
      try {
        this.merged = mergeOutlines(first, other.patch.geometry, this.allowMulti);
      } catch (error) {
        if (error instanceof OutlineEditError) this.error = error.code;
        else throw error;
      }
  }

  /** Show `work` (a commit of this edit) running; when it succeeds, close the editor and show the cases. */
  async busyWith<T>(work: () => Promise<T>): Promise<T> {
    this.busy = true;
    try {
      const result = await work();
      this.cancel();
      cases.publish();
      return result;
    } finally {
      this.busy = false;
    }
  }

  #show(): void {
    if (this.mode === 'vertices' && this.draft) {
      const drag = {
        start: (index: number) => {
          this.selected = index;
          this.#dragBase = this.draft;
          this.#show();
        },
        move: (lon: number, lat: number) => {
          const base = this.#dragBase;
          if (!base || this.selected === null) return;
          const next = this.#tryMove(base, this.selected, lon, lat);
          if (next) this.draft = next;
          this.#show();
        },
        end: () => {
          if (this.#dragBase && this.#dragBase !== this.draft)
            this.history = [...this.history, this.#dragBase];
          this.#dragBase = null;
        },
      };
      mapState.setOverlay(
        OVERLAY,
        vertexEditLayers(this.draft, outlineVertices(this.draft), this.selected, drag),
      );
    } else if (this.mode === 'split') mapState.setOverlay(OVERLAY, splitLayers(this.line, this.parts));
    else if (this.mode === 'merge') {
      const other = this.mergeWith ? (ledger.folds.get(this.mergeWith)?.state?.patch.geometry ?? null) : null;
      mapState.setOverlay(OVERLAY, mergeLayers(other, this.merged));
    } else mapState.removeOverlay(OVERLAY);
  }
}

export const outlineEdit = new OutlineEditState();
