import { drawingLayers } from '../map/patch-layers.ts';
import { mapState } from './map.svelte.ts';

/** Drawing a patch by hand: clicks add vertices; finishing (src/app/draw-patch.ts) opens a case from them. */
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

  #show(): void {
    mapState.setOverlay('drawing', drawingLayers(this.vertices));
  }
}

export const draw = new DrawState();
