import { GeoJsonLayer } from '@deck.gl/layers';
import type { MultiPolygon, Polygon } from 'geojson';

/** Patches of a running detection, drawn as soon as each tile finishes. */
export function drawingPreview(patches: readonly { geometry: Polygon | MultiPolygon }[]): GeoJsonLayer[] {
  return [
    new GeoJsonLayer({
      id: 'detection-preview',
      data: patches.map((patch) => ({ type: 'Feature' as const, geometry: patch.geometry, properties: {} })),
      stroked: true,
      filled: true,
      getFillColor: [0, 200, 255, 60],
      getLineColor: [0, 200, 255, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
    }),
  ];
}
