import type { Layer } from '@deck.gl/core';
import { BitmapLayer, PathLayer, TextLayer } from '@deck.gl/layers';
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

/** A scene's footprint on the map: its box (lon/lat), the words drawn at its centre, and whether it can be read. */
export interface SceneFootprint {
  id: string;
  bounds: [number, number, number, number];
  text: string;
  readable: boolean;
}

/**
 * Every scene's footprint as an outline with its date, so a period of many scenes shows what it covers.
 * Scenes that cannot be read now (permission, file gone) are drawn dashed-grey rather than hidden.
 */
export function footprintLayers(footprints: readonly SceneFootprint[]): Layer[] {
  if (footprints.length === 0) return [];
  const ring = (b: SceneFootprint['bounds']): [number, number][] => [
    [b[0], b[1]],
    [b[2], b[1]],
    [b[2], b[3]],
    [b[0], b[3]],
    [b[0], b[1]],
  ];
  return [
    new PathLayer<SceneFootprint>({
      id: 'scene-footprints',
      data: [...footprints],
      getPath: (d) => ring(d.bounds),
      getColor: (d) => (d.readable ? [255, 196, 0, 230] : [140, 140, 140, 200]),
      getWidth: 2,
      widthUnits: 'pixels',
      pickable: false,
    }),
    new TextLayer<SceneFootprint>({
      id: 'scene-footprint-dates',
      data: [...footprints],
      // At the centre: scenes of one period often share a corner, rarely a centre.
      getPosition: (d) => [(d.bounds[0] + d.bounds[2]) / 2, (d.bounds[1] + d.bounds[3]) / 2],
      getText: (d) => d.text,
      getSize: 12,
      getColor: [40, 30, 0, 255],
      background: true,
      getBackgroundColor: [255, 236, 170, 220],
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
      pickable: false,
    }),
  ];
}
