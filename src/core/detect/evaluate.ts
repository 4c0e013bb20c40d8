/**
 * Honest measurement against a truth raster (1 = change): the output POLYGONS are rasterised back onto the
 * truth grid (pixel centres), then compared pixel by pixel and object by object.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { labelComponents } from '../raster/label.ts';
import { rasterizePolygon } from '../raster/rasterize.ts';
import type { Geotransform } from '../raster/types.ts';
import { mapToPixel, type FromLonLat } from './mask.ts';

/** The truth grid. */
export interface TruthGrid {
  width: number;
  height: number;
  geotransform: Geotransform;
  /** lon/lat → map coordinates of the truth grid (omit for lon/lat grids). */
  fromLonLat?: FromLonLat;
}

export interface Metrics {
  tp: number;
  fp: number;
  fn: number;
  pixelPrecision: number;
  pixelRecall: number;
  pixelF1: number;
  /** Patches overlapping truth / patches. */
  objectPrecision: number;
  /** Truth regions (8-connected) hit by at least one patch / truth regions. */
  objectRecall: number;
  patches: number;
  truthObjects: number;
}

/** Pixel-space rings of a lon/lat geometry on a grid, one entry per polygon. */
export function geometryToPixelRings(g: Polygon | MultiPolygon, grid: TruthGrid): number[][][] {
  const toPixel = mapToPixel(grid.geotransform);
  const polys: Position[][][] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.map((rings) =>
    rings.map((ring) =>
      ring.flatMap((p) => {
        const [x, y] = grid.fromLonLat ? grid.fromLonLat(p[0]!, p[1]!) : [p[0]!, p[1]!];
        return toPixel(x, y);
      }),
    ),
  );
}

/** Rasterise geometries onto the grid; returns the mask and, per geometry, whether it has any pixel on truth. */
export function rasterizeGeometries(
  geometries: readonly (Polygon | MultiPolygon)[],
  grid: TruthGrid,
  truth?: Uint8Array,
): { mask: Uint8Array; hitsTruth: boolean[] } {
  const mask = new Uint8Array(grid.width * grid.height);
  const hitsTruth: boolean[] = [];
  for (const g of geometries) {
    const parts = geometryToPixelRings(g, grid);
    let hit = false;
    for (const rings of parts) {
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (const r of rings)
        for (let i = 0; i < r.length; i += 2) {
          x0 = Math.min(x0, r[i]!);
          x1 = Math.max(x1, r[i]!);
          y0 = Math.min(y0, r[i + 1]!);
          y1 = Math.max(y1, r[i + 1]!);
        }
      const w = {
        x0: Math.max(0, Math.floor(x0)),
        y0: Math.max(0, Math.floor(y0)),
        x1: Math.min(grid.width, Math.ceil(x1)),
        y1: Math.min(grid.height, Math.ceil(y1)),
      };
      if (w.x1 <= w.x0 || w.y1 <= w.y0) continue;
      const local = new Uint8Array((w.x1 - w.x0) * (w.y1 - w.y0));
      rasterizePolygon(rings, w, local);
      const lw = w.x1 - w.x0;
      for (let i = 0; i < local.length; i += 1) {
        if (!local[i]) continue;
        const p = (w.y0 + Math.floor(i / lw)) * grid.width + w.x0 + (i % lw);
        mask[p] = 1;
        if (truth?.[p] === 1) hit = true;
      }
    }
    hitsTruth.push(hit);
  }
  return { mask, hitsTruth };
}

/** Compare patches with a truth mask (1 = change; other values = no change). */
export function evaluatePatches(
  geometries: readonly (Polygon | MultiPolygon)[],
  truth: Uint8Array,
  grid: TruthGrid,
): Metrics {
  const { mask, hitsTruth } = rasterizeGeometries(geometries, grid, truth);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < truth.length; i += 1) {
    const t = truth[i] === 1;
    if (mask[i] && t) tp += 1;
    else if (mask[i]) fp += 1;
    else if (t) fn += 1;
  }
  const truthMask = Uint8Array.from(truth, (v) => (v === 1 ? 1 : 0));
  const { labels, count } = labelComponents(truthMask, grid.width, grid.height, 8);
  const hit = new Uint8Array(count + 1);
  for (let i = 0; i < labels.length; i += 1) if (labels[i] && mask[i]) hit[labels[i]!] = 1;
  let regionsHit = 0;
  for (let l = 1; l <= count; l += 1) regionsHit += hit[l]!;
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  return {
    tp,
    fp,
    fn,
    pixelPrecision: precision,
    pixelRecall: recall,
    pixelF1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    objectPrecision: geometries.length > 0 ? hitsTruth.filter(Boolean).length / geometries.length : 0,
    objectRecall: count > 0 ? regionsHit / count : 0,
    patches: geometries.length,
    truthObjects: count,
  };
}

/** Pooled pixel F1 over several evaluations (TP/FP/FN summed). */
export function pooledF1(metrics: readonly Pick<Metrics, 'tp' | 'fp' | 'fn'>[]): {
  precision: number;
  recall: number;
  f1: number;
} {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const m of metrics) {
    tp += m.tp;
    fp += m.fp;
    fn += m.fn;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  return {
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
  };
}
