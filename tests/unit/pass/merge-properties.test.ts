import { describe, expect, it } from 'vitest';
import type { PatchProperties } from '../../../src/core/detect/types.ts';
import { mergedProperties } from '../../../src/core/pass/merge-properties.ts';
import { coreMask, windowedSource } from '../../../src/core/pass/tile-input.ts';

const part = (pixels: number, score: number, extra: Partial<PatchProperties> = {}): PatchProperties => ({
  score,
  max_score: score + 1,
  direction: 'vegetation_loss',
  activity_type: 'other',
  activity_conf: 0.5,
  problem_type: 'vegetation_damage',
  rule: 'r',
  pixel_count: pixels,
  area_m2: pixels * 100,
  ndvi_t1: 0.6,
  ndvi_t2: 0.2,
  ndwi_t1: Number.NaN,
  ndwi_t2: Number.NaN,
  brightness_t1: 0.3,
  brightness_t2: 0.5,
  elongation: 1.5,
  ...extra,
});

describe('properties of a patch merged across a seam', () => {
  it('adds counts and areas, weights means by pixels, keeps the strongest score and the largest part’s type', () => {
    const m = mergedProperties([
      part(100, 2, { direction: 'new_bare_built', ndvi_t2: 0.1 }),
      part(300, 4, { max_score: 9, ndvi_t2: 0.3 }),
    ]);
    expect(m.pixel_count).toBe(400);
    expect(m.area_m2).toBe(40_000);
    expect(m.score).toBe(3.5);
    expect(m.max_score).toBe(9);
    expect(m.ndvi_t2).toBe(0.25);
    expect(m.direction).toBe('vegetation_loss');
    expect(Number.isNaN(m.ndwi_t1)).toBe(true);
  });

  it('leaves a single part as it is', () => {
    const p = part(10, 1, { flag: 'harvest_like' });
    expect(mergedProperties([p])).toEqual(p);
  });
});

describe('a tile as a detection input', () => {
  it('reads its window of the source and searches only its own pixels', async () => {
    const source = {
      width: 10,
      height: 10,
      nodata: null,
      readWindow: (w: { x0: number; y0: number; x1: number; y1: number }) =>
        Promise.resolve([
          Float32Array.from({ length: (w.x1 - w.x0) * (w.y1 - w.y0) }, (_, i) => {
            const c = w.x0 + (i % (w.x1 - w.x0));
            const r = w.y0 + Math.floor(i / (w.x1 - w.x0));
            return r * 10 + c;
          }),
        ]),
    };
    const win = windowedSource(source, { x0: 2, y0: 3, x1: 8, y1: 9 });
    expect(win.width).toBe(6);
    const [band] = await win.readWindow({ x0: 1, y0: 1, x1: 3, y1: 2 });
    expect(Array.from(band!)).toEqual([43, 44]);
    const mask = coreMask({ x0: 1, y0: 1, x1: 3, y1: 3 })({ x0: 0, y0: 0, x1: 4, y1: 4 })!;
    expect(Array.from(mask)).toEqual([0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
  });
});
