/** The boxes of the project's red-line features (lon/lat): what choosing a period's scene compares cover with. */
import { bboxOf, type BBox } from '../core/geo/rings.ts';
import { layers } from './layers.svelte.ts';

export function redlineBoxes(): BBox[] {
  const boxes: BBox[] = [];
  for (const layer of layers.list) {
    if (layer.kind !== 'redline') continue;
    for (const feature of layers.features(layer.id)) {
      const geometry = feature.geometry;
      if (geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon') boxes.push(bboxOf(geometry));
    }
  }
  return boxes;
}
