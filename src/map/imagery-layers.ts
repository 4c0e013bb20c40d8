import { BitmapLayer } from '@deck.gl/layers';
import { ClipExtension } from '@deck.gl/extensions';

/** A rendered piece of imagery: the bitmap and its corners in lon/lat (south-west … north-west order). */
export interface ImageryTile {
  key: string;
  bitmap: ImageBitmap;
  /** [[w,s],[w,n],[e,n],[e,s]] corners (a quad, so projected images land correctly). */
  corners: [[number, number], [number, number], [number, number], [number, number]];
}

const clip = new ClipExtension();

/**
 * Imagery of one scene as bitmap layers. `clipWest` (a longitude) hides everything west of it: that is the
 * swipe. `view` ties the layer to one side of the side-by-side view.
 */
export function imageryLayers(
  sceneKey: string,
  tiles: readonly ImageryTile[],
  options: { opacity: number; clipWest?: number | undefined; view?: 'left' | 'right' | undefined },
): BitmapLayer[] {
  return tiles.map(
    (tile) =>
      new BitmapLayer({
        // The side-by-side view filters layers by this id prefix (see sideOfLayer).
        id: `imagery-${options.view ?? 'both'}-${sceneKey}-${tile.key}`,
        image: tile.bitmap,
        bounds: tile.corners,
        opacity: options.opacity,
        pickable: false,
        ...(options.clipWest !== undefined
          ? { extensions: [clip], clipBounds: [options.clipWest, -90, 180, 90], clipByInstance: false }
          : {}),
      }),
  );
}

/** Which side of the side-by-side view a layer belongs to ('both' for everything else). */
export function sideOfLayer(layerId: string): 'left' | 'right' | 'both' {
  if (layerId.startsWith('imagery-left-')) return 'left';
  if (layerId.startsWith('imagery-right-')) return 'right';
  return 'both';
}
