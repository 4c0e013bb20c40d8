import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Geotransform } from '../display/view-window.ts';
import { RunLabeller } from './label-runs.ts';
import { fillRings, polygonsInPixels } from './rasterize.ts';

/** Pixel and object agreement between predicted polygons and a truth raster. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  /** Share of patches that overlap truth. */
  objectPrecision: number;
  /** Share of 8-connected truth regions hit by at least one patch. */
  objectRecall: number;
  patches: number;
}

/**
 * Rasterises the polygons (pixel centre inside, holes respected) onto the truth grid and compares with the
 * truth (non-zero = change).
 */
export function scoreAgainstTruth(
  geometries: readonly (Polygon | MultiPolygon)[],
  truth: ArrayLike<number>,
  width: number,
  height: number,
  transform: Geotransform,
): Counts {
  const toPixel = (p: Position): [number, number] => [
    ((p[0] as number) - transform.x0) / transform.dx,
    ((p[1] as number) - transform.y0) / transform.dy,
  ];
  const predicted = new Uint8Array(width * height);
  let hitPatches = 0;
  for (const geometry of geometries) {
    const own = new Uint8Array(width * height);
    for (const rings of polygonsInPixels([geometry], toPixel)) fillRings(rings, width, 0, height, own, 1);
    let hit = false;
    for (let i = 0; i < own.length; i++) {
      if (own[i] === 0) continue;
      predicted[i] = 1;
      if ((truth[i] as number) !== 0) hit = true;
    }
    if (hit) hitPatches++;
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const truthMask = new Uint8Array(width * height);
  for (let i = 0; i < predicted.length; i++) {
    const t = (truth[i] as number) !== 0;
    truthMask[i] = t ? 1 : 0;
    if (predicted[i] === 1 && t) tp++;
    else if (predicted[i] === 1) fp++;
    else if (t) fn++;
  }
  const labeller = new RunLabeller(width);
  const regions = [...labeller.addRows(truthMask, height, 0), ...labeller.finish()];
  let hitRegions = 0;
  for (const region of regions) {
    const hit = region.runs.some((run) =>
      predicted.subarray(run.y * width + run.x0, run.y * width + run.x1).includes(1),
    );
    if (hit) hitRegions++;
  }
  return {
    tp,
    fp,
    fn,
    precision: tp / Math.max(1, tp + fp),
    recall: tp / Math.max(1, tp + fn),
    objectPrecision: hitPatches / Math.max(1, geometries.length),
    objectRecall: hitRegions / Math.max(1, regions.length),
    patches: geometries.length,
  };
}
