/**
 * Deterministic synthetic image pairs for pipeline tests: T1 is vegetation/soil texture with noise; T2 is T1
 * under a different gain/offset (another sun and haze) with noise, plus "construction" blobs that turn
 * vegetated ground into bright bare soil.
 */
import type { RasterSource } from '../../../src/core/detect/types.ts';
import type { PixelWindow } from '../../../src/core/raster/types.ts';

export function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export interface Blob {
  cx: number;
  cy: number;
  r: number;
}

export interface SyntheticPair {
  width: number;
  height: number;
  t1: Uint16Array[];
  t2: Uint16Array[];
  blobs: Blob[];
  /** 1 inside a change blob. */
  truth: Uint8Array;
}

/** A pair of 4-band uint16 images with `blobCount` round change blobs. */
export function syntheticPair(width: number, height: number, blobCount: number, seed = 7): SyntheticPair {
  const rnd = prng(seed);
  const n = width * height;
  const t1 = Array.from({ length: 4 }, () => new Uint16Array(n));
  const t2 = Array.from({ length: 4 }, () => new Uint16Array(n));
  const blobs: Blob[] = [];
  for (let k = 0; k < blobCount; k += 1)
    blobs.push({ cx: rnd() * width, cy: rnd() * height, r: 3 + rnd() * 6 });
  const truth = new Uint8Array(n);
  const veg = [400, 700, 500, 3000];
  const soil = [1200, 1400, 1600, 2000];
  const bare = [2600, 2800, 3000, 3200];
  const gain = [1.15, 1.1, 1.05, 0.95];
  const offset = [120, 80, 40, 60];
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) {
      const p = y * width + x;
      const mix = 0.5 + 0.5 * Math.sin(x / 9) * Math.cos(y / 11);
      const changed = blobs.some((b) => (x + 0.5 - b.cx) ** 2 + (y + 0.5 - b.cy) ** 2 <= b.r * b.r);
      truth[p] = changed ? 1 : 0;
      for (let b = 0; b < 4; b += 1) {
        const base = veg[b]! * mix + soil[b]! * (1 - mix) + (rnd() - 0.5) * 60;
        t1[b]![p] = Math.max(1, Math.round(base));
        const after = changed ? bare[b]! + (rnd() - 0.5) * 60 : base;
        t2[b]![p] = Math.max(1, Math.round(gain[b]! * after + offset[b]! + (rnd() - 0.5) * 60));
      }
    }
  return { width, height, t1, t2, blobs, truth };
}

/** An in-memory RasterSource over full-image band arrays; counts reads. */
export function memorySource(
  bands: Uint16Array[],
  width: number,
  height: number,
): RasterSource & { reads: number } {
  const source = {
    width,
    height,
    nodata: null,
    reads: 0,
    readWindow(w: PixelWindow): Promise<Uint16Array[]> {
      source.reads += 1;
      const ww = w.x1 - w.x0;
      return Promise.resolve(
        bands.map((band) => {
          const out = new Uint16Array(ww * (w.y1 - w.y0));
          for (let y = w.y0; y < w.y1; y += 1)
            out.set(band.subarray(y * width + w.x0, y * width + w.x1), (y - w.y0) * ww);
          return out;
        }),
      );
    },
  };
  return source;
}
