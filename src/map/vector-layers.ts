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

/**
 * From this many features a layer is drawn as fills only. Measured with software WebGL (SwiftShader, what a
 * laptop without a usable GPU gets): the outlines of 200,000 small polygons froze the page for ~110 s per frame,
 * their fills alone took ~4 s. At the zoom where so many features fit the view, outlines are noise anyway.
 */
export const OUTLINE_LIMIT = 20_000;

/** How a layer of `count` features is drawn: outlined, or (large layers) filled in its line colour. */
export function vectorStyle(
  kind: string,
  count: number,
): { stroked: boolean; fill: Rgba; line: Rgba; width: number } {
  const style = KIND_STYLE[kind] ??
    KIND_STYLE.other ?? { fill: [0, 0, 0, 0], line: [0, 0, 0, 255], width: 1 };
  if (count < OUTLINE_LIMIT) return { ...style, stroked: true };
  // Without outlines, the fill carries the layer: in the line colour, strong enough to read (admin fills are empty).
  return { ...style, stroked: false, fill: [style.line[0], style.line[1], style.line[2], 110] };
}

/** A vector layer of the project on the map. */
export function vectorLayer(
  id: string,
  kind: string,
  features: Feature<Geometry, Record<string, unknown>>[],
): GeoJsonLayer {
  const style = vectorStyle(kind, features.length);
  return new GeoJsonLayer({
    id: `vector-${id}`,
    data: features,
    stroked: style.stroked,
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
