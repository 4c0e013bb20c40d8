import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { detectChanges } from '../../../src/core/change/pipeline.ts';
import type { RasterSource } from '../../../src/core/change/source.ts';
import type { Geotransform } from '../../../src/core/display/view-window.ts';

const D = 1e-4;

/** An in-memory 4-band source whose pixel values come from `value(x, y, band)`. */
function source(
  width: number,
  height: number,
  transform: Geotransform,
  value: (x: number, y: number, band: number) => number,
): RasterSource {
  return {
    width,
    height,
    transform,
    read([c0, r0, c1, r1], bands) {
      return Promise.resolve(
        bands.map((band) => {
          const out = new Uint16Array((c1 - c0) * (r1 - r0));
          for (let y = r0; y < r1; y++)
            for (let x = c0; x < c1; x++) out[(y - r0) * (c1 - c0) + x - c0] = value(x, y, band);
          return out;
        }),
      );
    },
  };
}

const noise = (x: number, y: number, band: number): number =>
  1000 + band * 50 + ((x * 7 + y * 13 + band) % 10) * 10;
// A 20×20 changed square with a 6×6 unchanged hole, crossing the strip seams at rows 16 and 32.
const changed = (x: number, y: number): boolean =>
  x >= 10 && x < 30 && y >= 10 && y < 30 && !(x >= 17 && x < 23 && y >= 17 && y < 23);

// T2 on a 1e-4° grid; T1 on a coarser 2e-4° grid (resampled by nearest neighbour).
const t2 = source(
  40,
  40,
  { x0: 100, y0: 30, dx: D, dy: -D },
  (x, y, b) => noise(x, y, b) + (changed(x, y) ? 2500 : 0),
);
const t1 = source(20, 20, { x0: 100, y0: 30, dx: 2 * D, dy: -2 * D }, (x, y, b) => noise(x, y, b));
const base = { bands1: [0, 1, 2, 3], bands2: [0, 1, 2, 3], stripRows: 16, minAreaM2: 0 };

describe('detectChanges on synthetic rasters', () => {
  it('finds the changed square as one polygon with one hole across strip seams', async () => {
    const previews: number[] = [];
    const result = await detectChanges(t1, t2, base, (_s, _m, patches) => previews.push(patches.length));
    expect(result.patches).toHaveLength(1);
    const [patch] = result.patches;
    expect(patch?.geometry.type).toBe('Polygon');
    expect((patch?.geometry as Polygon).coordinates).toHaveLength(2);
    // Smoothing + a threshold above Otsu trims about one pixel off every edge of the ring.
    const pixelArea = result.params.pixelAreaM2 as number;
    expect((patch?.areaM2 ?? 0) / pixelArea).toBeGreaterThan(364 * 0.65);
    expect((patch?.areaM2 ?? 0) / pixelArea).toBeLessThan(364 * 1.15);
    expect(previews.reduce((a, b) => a + b, 0)).toBe(1);
    expect(result.params.thresholdMode).toBe('otsu');
  });

  it('searches only inside the include polygons', async () => {
    const rightHalf: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [100 + 20 * D, 30],
          [100 + 40 * D, 30],
          [100 + 40 * D, 30 - 40 * D],
          [100 + 20 * D, 30 - 40 * D],
          [100 + 20 * D, 30],
        ],
      ],
    };
    const result = await detectChanges(t1, t2, { ...base, include: [rightHalf] });
    expect(result.patches.length).toBeGreaterThan(0);
    for (const patch of result.patches) {
      for (const ring of (patch.geometry as Polygon).coordinates) {
        for (const [lon] of ring) expect(lon as number).toBeGreaterThanOrEqual(100 + 20 * D - 1e-9);
      }
    }
  });

  it('uses the sensitivity override and stops when aborted', async () => {
    const result = await detectChanges(t1, t2, { ...base, sensitivity: 0.2 });
    expect(result.params.thresholdMode).toBe('sensitivity');
    const controller = new AbortController();
    controller.abort();
    await expect(detectChanges(t1, t2, { ...base, signal: controller.signal })).rejects.toThrow(/cancelled/);
  });
});
