import { describe, expect, it } from 'vitest';
import { classifyPatch } from '../../../src/core/detect/classify.ts';
import { evaluatePatches, pooledF1 } from '../../../src/core/detect/evaluate.ts';
import type { PatchFeatures } from '../../../src/core/detect/types.ts';
import type { Geotransform } from '../../../src/core/raster/types.ts';

const base: PatchFeatures = {
  pixelCount: 100,
  areaM2: 10_000,
  meanZ: 4,
  maxZ: 6,
  ndviT1: 0.1,
  ndviT2: 0.1,
  ndwiT1: -0.3,
  ndwiT2: -0.3,
  brightnessT1: 0.15,
  brightnessT2: 0.2,
  elongation: 1.5,
  fill: 0.8,
};
const f = (over: Partial<PatchFeatures>): PatchFeatures => ({ ...base, ...over });

describe('classifyPatch (rule tables)', () => {
  it('maps spectral directions and shapes to activity and problem types', () => {
    expect(classifyPatch(f({ ndwiT1: -0.2, ndwiT2: 0.5, elongation: 1.2, areaM2: 5000 }), 2)).toMatchObject({
      direction: 'new_water',
      activity: 'aquaculture',
      rule: 'pond',
    });
    expect(classifyPatch(f({ ndviT1: 0.6, ndviT2: 0.2 }), 2)).toMatchObject({
      direction: 'vegetation_loss',
      activity: 'other',
      problem: 'vegetation_damage',
      rule: 'clearing',
    });
    expect(classifyPatch(f({ elongation: 8 }), 2)).toMatchObject({
      direction: 'new_bare_built',
      activity: 'transport',
    });
    expect(classifyPatch(f({ ndwiT1: 0.5 }), 2)).toMatchObject({
      rule: 'reclamation',
      problem: 'occupy_space',
    });
    expect(classifyPatch(f({ brightnessT2: 0.8, ndviT2: 0.05, areaM2: 30_000 }), 2)).toMatchObject({
      activity: 'mining',
    });
    expect(
      classifyPatch(f({ brightnessT2: 0.08, ndviT2: 0.05, areaM2: 30_000, fill: 0.9 }), 2),
    ).toMatchObject({
      activity: 'energy',
    });
    expect(classifyPatch(f({ areaM2: 50_000 }), 2)).toMatchObject({
      activity: 'industry',
      rule: 'large_site',
    });
    expect(classifyPatch(f({ ndviT2: 0.5, ndviT1: 0.45 }), 2)).toMatchObject({
      direction: 'other_change',
      problem: 'other',
    });
  });
  it('scales the confidence with the change strength', () => {
    const weak = classifyPatch(f({ meanZ: 2 }), 2).confidence;
    const strong = classifyPatch(f({ meanZ: 6 }), 2).confidence;
    expect(weak).toBeLessThan(strong);
    expect(strong).toBeLessThanOrEqual(1);
  });
});

describe('evaluatePatches', () => {
  // 10×10 grid of 1° pixels from (0, 10) down to (10, 0); truth: a 4×4 square at columns 2–5, rows 2–5.
  const gt: Geotransform = [0, 1, 0, 10, 0, -1];
  const truth = new Uint8Array(100);
  for (let r = 2; r < 6; r += 1) for (let c = 2; c < 6; c += 1) truth[r * 10 + c] = 1;
  truth[99] = 1; // a second, one-pixel truth object at the corner
  const square = (c0: number, r0: number, c1: number, r1: number) => ({
    type: 'Polygon' as const,
    coordinates: [
      [
        [c0, 10 - r0],
        [c1, 10 - r0],
        [c1, 10 - r1],
        [c0, 10 - r1],
        [c0, 10 - r0],
      ],
    ],
  });
  it('rasterises polygons at pixel centres and counts pixels and objects', () => {
    // Columns 4–7, rows 2–5: 8 pixels on truth, 8 off; plus a patch far from any truth.
    const m = evaluatePatches([square(4, 2, 8, 6), square(0, 8, 1, 9)], truth, {
      width: 10,
      height: 10,
      geotransform: gt,
    });
    expect([m.tp, m.fp, m.fn]).toEqual([8, 9, 9]);
    expect(m.pixelPrecision).toBeCloseTo(8 / 17, 9);
    expect(m.pixelRecall).toBeCloseTo(8 / 17, 9);
    expect(m.objectPrecision).toBe(0.5);
    expect(m.objectRecall).toBe(0.5);
    expect(pooledF1([m, m]).f1).toBeCloseTo(m.pixelF1, 9);
  });
});
