import { GeoJsonLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { Feature, Polygon, Position } from 'geojson';
import type { Areal } from '../core/geo/rings.ts';
import type { OutlineVertex } from '../core/geo/outline-edit.ts';

type Rgba = [number, number, number, number];

/** Drag callbacks of the vertex handles; `stop` keeps the map from panning while a handle is dragged. */
export interface HandleDrag {
  start(index: number): void;
  move(lon: number, lat: number): void;
  end(): void;
}

interface StoppableEvent {
  stopImmediatePropagation?: () => void;
}

const stop = (event: unknown): true => {
  (event as StoppableEvent).stopImmediatePropagation?.();
  return true;
};

function outlineLayer(id: string, geometry: Areal, line: Rgba, fill: Rgba): GeoJsonLayer {
  return new GeoJsonLayer({
    id,
    data: [{ type: 'Feature', properties: {}, geometry }],
    stroked: true,
    filled: true,
    getFillColor: fill,
    getLineColor: line,
    getLineWidth: 2,
    lineWidthUnits: 'pixels',
  });
}

/** The outline being edited and its vertex handles (the selected one larger and red); handles are draggable. */
export function vertexEditLayers(
  geometry: Areal,
  vertices: OutlineVertex[],
  selected: number | null,
  drag: HandleDrag,
): Layer[] {
  return [
    outlineLayer('outline-edit-shape', geometry, [250, 204, 21, 255], [250, 204, 21, 50]),
    new ScatterplotLayer<OutlineVertex>({
      id: 'outline-edit-handles',
      data: vertices,
      pickable: true,
      getPosition: (v) => v.position,
      getRadius: (_v, { index }) => (index === selected ? 8 : 6),
      radiusUnits: 'pixels',
      getFillColor: (_v, { index }) => (index === selected ? [220, 38, 38, 255] : [250, 204, 21, 255]),
      getLineColor: [30, 30, 30, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      updateTriggers: { getRadius: selected, getFillColor: selected },
      onDragStart: (info: PickingInfo<OutlineVertex>, event: unknown) => {
        drag.start(info.index);
        return stop(event);
      },
      onDrag: (info: PickingInfo<OutlineVertex>, event: unknown) => {
        const [lon, lat] = info.coordinate ?? [];
        if (lon !== undefined && lat !== undefined) drag.move(lon, lat);
        return stop(event);
      },
      onDragEnd: (_info: PickingInfo<OutlineVertex>, event: unknown) => {
        drag.end();
        return stop(event);
      },
    }),
  ];
}

const PART_COLOURS: Rgba[] = [
  [14, 165, 233, 90],
  [236, 72, 153, 90],
  [34, 197, 94, 90],
  [249, 115, 22, 90],
];

/** The split line being drawn and, when it cuts, the parts it would make (each its own colour). */
export function splitLayers(line: Position[], parts: Polygon[]): Layer[] {
  const features: Feature<Polygon, { i: number }>[] = parts.map((geometry, i) => ({
    type: 'Feature',
    properties: { i },
    geometry,
  }));
  return [
    new GeoJsonLayer<{ i: number }>({
      id: 'outline-split-parts',
      data: features,
      stroked: true,
      filled: true,
      getFillColor: (f) => PART_COLOURS[f.properties.i % PART_COLOURS.length] ?? [14, 165, 233, 90],
      getLineColor: [255, 255, 255, 255],
      getLineWidth: 1.5,
      lineWidthUnits: 'pixels',
    }),
    new PathLayer<{ path: Position[] }>({
      id: 'outline-split-line',
      data: [{ path: line }],
      getPath: (d) => d.path as [number, number][],
      getColor: [220, 38, 38, 255],
      getWidth: 3,
      widthUnits: 'pixels',
    }),
    new ScatterplotLayer<Position>({
      id: 'outline-split-points',
      data: line,
      getPosition: (d) => d as [number, number],
      getRadius: 4,
      radiusUnits: 'pixels',
      getFillColor: [220, 38, 38, 255],
    }),
  ];
}

/** The other patch of a merge and the merged outline. */
export function mergeLayers(other: Areal | null, merged: Areal | null): Layer[] {
  const layers: Layer[] = [];
  if (other) layers.push(outlineLayer('outline-merge-other', other, [14, 165, 233, 255], [14, 165, 233, 60]));
  if (merged) layers.push(outlineLayer('outline-merge-result', merged, [220, 38, 38, 255], [0, 0, 0, 0]));
  return layers;
}
