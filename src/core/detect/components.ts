/**
 * Running statistics of connected components across tiles: one row of sums per component id, merged when
 * union-find joins components over tile seams. Ids are shared with the pipeline's UnionFind.
 */
import {
  BRIGHT1 as B1,
  BRIGHT2 as B2,
  NDVI1 as V1,
  NDVI2 as V2,
  NDWI1 as W1,
  NDWI2 as W2,
} from './features.ts';

const COUNT = 0;
const SUM_Z = 1;
const MAX_Z = 2;
const NDVI1 = 3;
const NDVI2 = 4;
const NDWI1 = 5;
const NDWI2 = 6;
const BRIGHT1 = 7;
const BRIGHT2 = 8;
const SX = 9;
const SY = 10;
const SXX = 11;
const SYY = 12;
const SXY = 13;
const MIN_X = 14;
const MIN_Y = 15;
const MAX_X = 16;
const MAX_Y = 17;
const FIELDS = 18;

/** Means and shape of one component. */
export interface ComponentSummary {
  pixelCount: number;
  meanZ: number;
  maxZ: number;
  ndviT1: number;
  ndviT2: number;
  ndwiT1: number;
  ndwiT2: number;
  brightnessT1: number;
  brightnessT2: number;
  /** Centroid in pixel coordinates of the scene (pixel centres at +0.5). */
  cx: number;
  cy: number;
  elongation: number;
  fill: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}

/** Growable table of component sums. */
export class ComponentTable {
  private data = new Float64Array(FIELDS * 256);
  private size = 0;

  /** Add an empty component; returns its id (0, 1, 2, … in order). */
  add(): number {
    if ((this.size + 1) * FIELDS > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const o = this.size * FIELDS;
    this.data.fill(0, o, o + FIELDS);
    this.data[o + MAX_Z] = -Infinity;
    this.data[o + MIN_X] = Infinity;
    this.data[o + MIN_Y] = Infinity;
    this.data[o + MAX_X] = -Infinity;
    this.data[o + MAX_Y] = -Infinity;
    return this.size++;
  }

  /** Add a pixel at scene column `x`, row `y`, with z-score `z` and indices `ix[at…at+5]` (see pixelIndices). */
  addPixel(id: number, x: number, y: number, ix: Float32Array | Float64Array, at: number, z: number): void {
    const d = this.data;
    const o = id * FIELDS;
    d[o + COUNT] = d[o + COUNT]! + 1;
    d[o + SUM_Z] = d[o + SUM_Z]! + z;
    if (z > d[o + MAX_Z]!) d[o + MAX_Z] = z;
    d[o + NDVI1] = d[o + NDVI1]! + ix[at + V1]!;
    d[o + NDVI2] = d[o + NDVI2]! + ix[at + V2]!;
    d[o + NDWI1] = d[o + NDWI1]! + ix[at + W1]!;
    d[o + NDWI2] = d[o + NDWI2]! + ix[at + W2]!;
    d[o + BRIGHT1] = d[o + BRIGHT1]! + ix[at + B1]!;
    d[o + BRIGHT2] = d[o + BRIGHT2]! + ix[at + B2]!;
    d[o + SX] = d[o + SX]! + x;
    d[o + SY] = d[o + SY]! + y;
    d[o + SXX] = d[o + SXX]! + x * x;
    d[o + SYY] = d[o + SYY]! + y * y;
    d[o + SXY] = d[o + SXY]! + x * y;
    if (x < d[o + MIN_X]!) d[o + MIN_X] = x;
    if (y < d[o + MIN_Y]!) d[o + MIN_Y] = y;
    if (x > d[o + MAX_X]!) d[o + MAX_X] = x;
    if (y > d[o + MAX_Y]!) d[o + MAX_Y] = y;
  }

  /** Fold the sums of `from` into `into`. */
  merge(into: number, from: number): void {
    const d = this.data;
    const a = into * FIELDS;
    const b = from * FIELDS;
    for (let k = 0; k < FIELDS; k += 1) {
      if (k === MAX_Z || k === MAX_X || k === MAX_Y) d[a + k] = Math.max(d[a + k]!, d[b + k]!);
      else if (k === MIN_X || k === MIN_Y) d[a + k] = Math.min(d[a + k]!, d[b + k]!);
      else d[a + k] = d[a + k]! + d[b + k]!;
    }
  }

  /** Pixel count of a component. */
  count(id: number): number {
    return this.data[id * FIELDS + COUNT]!;
  }

  /** Means, centroid, bounding box and shape of a component. */
  summary(id: number): ComponentSummary {
    const d = this.data;
    const o = id * FIELDS;
    const n = d[o + COUNT]!;
    const mean = (k: number): number => d[o + k]! / n;
    const mx = mean(SX);
    const my = mean(SY);
    // Pixel-coordinate covariance (+1/12 per axis for the pixel's own extent) → elongation.
    const vxx = mean(SXX) - mx * mx + 1 / 12;
    const vyy = mean(SYY) - my * my + 1 / 12;
    const vxy = mean(SXY) - mx * my;
    const tr = vxx + vyy;
    const disc = Math.sqrt(Math.max(0, (vxx - vyy) ** 2 / 4 + vxy * vxy));
    const l1 = tr / 2 + disc;
    const l2 = Math.max(tr / 2 - disc, 1e-9);
    const bbox = { x0: d[o + MIN_X]!, y0: d[o + MIN_Y]!, x1: d[o + MAX_X]! + 1, y1: d[o + MAX_Y]! + 1 };
    return {
      pixelCount: n,
      meanZ: mean(SUM_Z),
      maxZ: d[o + MAX_Z]!,
      ndviT1: mean(NDVI1),
      ndviT2: mean(NDVI2),
      ndwiT1: mean(NDWI1),
      ndwiT2: mean(NDWI2),
      brightnessT1: mean(BRIGHT1),
      brightnessT2: mean(BRIGHT2),
      cx: mx + 0.5,
      cy: my + 0.5,
      elongation: Math.sqrt(l1 / l2),
      fill: n / ((bbox.x1 - bbox.x0) * (bbox.y1 - bbox.y0)),
      bbox,
    };
  }
}
