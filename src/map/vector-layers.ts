import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, Geometry } from 'geojson';

type Rgba = [number, number, number, number];

/** How each kind of layer is drawn: red lines red, reserves green, control zones orange, admin grey. */
export const KIND_STYLE: Record<string, { fill: Rgba; line: Rgba; width: number }> = {
  redline: { fill: [220, 38, 38, 50], line: [200, 20, 30, 230], width: 2 },
  control_zone: { fill: [245, 158, 11, 40], line: [217, 119, 6, 220], width: 1.5 },
  reserve: { fill: [22, 163, 74, 45], line: [21, 128, 61, 230], width: 2 },
  admin: { fill: [0, 0, 0, 0], line: [71, 85, 105, 220], width: 1.2 },
  other: { fill: [37, 99, 235, 40], line: [29, 78, 216, 220], width: 1.5 },
};

/** A vector layer of the project on the map. */
export function vectorLayer(
  id: string,
  kind: string,
  features: Feature<Geometry, Record<string, unknown>>[],
): GeoJsonLayer {
  const style = KIND_STYLE[kind] ??
    KIND_STYLE.other ?? { fill: [0, 0, 0, 0], line: [0, 0, 0, 255], width: 1 };
  return new GeoJsonLayer({
    id: `vector-${id}`,
    data: features,
    stroked: true,
    filled: true,
    getFillColor: style.fill,
    getLineColor: style.line,
    lineWidthUnits: 'pixels',
    getLineWidth: style.width,
    getPointRadius: 4,
    pointRadiusUnits: 'pixels',
    pickable: true,
    updateTriggers: { getFillColor: kind, getLineColor: kind },
  });
}
