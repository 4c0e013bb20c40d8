import { drawingLayers } from '../map/patch-layers.ts';
import { mapState } from './map.svelte.ts';
import { intakeDrawnPatch } from './patch-intake.ts';
import { project } from './project.svelte.ts';
import { cases } from './cases.svelte.ts';
import type { CaseId } from '../core/ids.ts';

/** Drawing a patch by hand: clicks add vertices, finish attributes it and opens a case with its clue source. */
class DrawState {
  active = $state(false);
  vertices = $state.raw<[number, number][]>([]);
  clueSource = $state('leader_instruction');

  start(): void {
    this.active = true;
    this.vertices = [];
    mapState.clickHandler = (lon, lat) => this.add(lon, lat);
    this.#show();
  }

  add(lon: number, lat: number): void {
    this.vertices = [...this.vertices, [lon, lat]];
    this.#show();
  }

  cancel(): void {
    this.active = false;
    this.vertices = [];
    mapState.clickHandler = null;
    mapState.removeOverlay('drawing');
  }

  /** Finish: needs three vertices; the new case is selected. */
  async finish(): Promise<void> {
    const ring = this.vertices;
    const projectId = project.current?.id;
    const clue = this.clueSource;
    this.cancel();
    if (ring.length < 3 || !projectId) return;
    const id = await intakeDrawnPatch(projectId, ring, clue);
    if (id) cases.select(id as CaseId, false);
  }

  #show(): void {
    mapState.setOverlay('drawing', drawingLayers(this.vertices));
  }
}

export const draw = new DrawState();
