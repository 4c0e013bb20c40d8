import { describe, expect, it } from 'vitest';
import { evaluatePatches } from '../../../src/core/detect/evaluate.ts';
import { localExecutor, type TileExecutor } from '../../../src/core/detect/executor.ts';
import { polygonRegionMask } from '../../../src/core/detect/mask.ts';
import { detectChanges } from '../../../src/core/detect/pipeline.ts';
import { DetectCancelledError, type DetectInput, type PatchFeature } from '../../../src/core/detect/types.ts';
import type { Geotransform } from '../../../src/core/raster/types.ts';
import type { TileResult } from '../../../src/core/detect/tile-work.ts';
import { memorySource, prng, syntheticPair } from './synthetic.ts';

// ~10 m pixels near 21.6°N (Beihai), north-up.
const GT: Geotransform = [109.0, 9e-5, 0, 21.6, 0, -9e-5];
const pair = syntheticPair(160, 120, 14, 3);
const input = (): DetectInput => ({
  t1: memorySource(pair.t1, pair.width, pair.height),
  t2: memorySource(pair.t2, pair.width, pair.height),
  geotransform: GT,
});
const grid = { width: pair.width, height: pair.height, geotransform: GT };
const key = (p: PatchFeature): string =>
  JSON.stringify([p.properties.pixel_count, p.properties.score, p.geometry]);

describe('detectChanges on a synthetic pair', () => {
  it('finds the construction blobs with high pixel F1', async () => {
    const result = await detectChanges(input(), { minAreaM2: 1000 });
    const m = evaluatePatches(
      result.patches.map((p) => p.geometry),
      pair.truth,
      grid,
    );
    // 0.85 with the old absolute gates; scene-relative gates keep the smoothing's rim around blobs in
    // moderately green ground (precision ~0.73, recall ~0.98).
    expect(m.pixelF1).toBeGreaterThan(0.8);
    expect(m.objectRecall).toBeGreaterThan(0.8);
    expect(new Set(result.patches.map((p) => p.properties.direction)).size).toBe(2);
    for (const p of result.patches) {
      // Blobs turn vegetation or soil into bright bare ground: the direction follows the T1 cover.
      const { ndvi_t1: n1, ndvi_t2: n2 } = p.properties;
      expect(p.properties.direction).toBe(n1 >= 0.3 && n1 - n2 >= 0.1 ? 'vegetation_loss' : 'new_bare_built');
      expect(p.properties.brightness_t2).toBeGreaterThan(p.properties.brightness_t1);
      expect(p.properties.area_m2).toBeGreaterThanOrEqual(1000);
    }
  });

  it('gives identical patches whatever the tile size (labelling across seams)', async () => {
    const whole = await detectChanges(input(), { tileSize: 4096, minAreaM2: 500 });
    for (const tileSize of [16, 23, 50]) {
      const tiled = await detectChanges(input(), { tileSize, minAreaM2: 500, openRadius: 0, closeRadius: 0 });
      expect(tiled.stats.tiles).toBeGreaterThan(4);
      expect(tiled.patches.map(key).sort()).toEqual(whole.patches.map(key).sort());
    }
    // With morphology the halo grows; results must still not depend on tiling.
    const wholeM = await detectChanges(input(), {
      tileSize: 4096,
      minAreaM2: 500,
      closeRadius: 1,
      openRadius: 1,
    });
    const tiledM = await detectChanges(input(), {
      tileSize: 20,
      minAreaM2: 500,
      closeRadius: 1,
      openRadius: 1,
    });
    expect(tiledM.patches.map(key).sort()).toEqual(wholeM.patches.map(key).sort());
  });

  it('gives identical patches when tiles arrive in any order (worker pools)', async () => {
    const inOrder = await detectChanges(input(), { tileSize: 20, minAreaM2: 500 });
    const src = input();
    const shuffled: TileExecutor = {
      async run(jobs, calibration, params, deliver, signal) {
        const results: TileResult[] = [];
        await localExecutor(src.t1, src.t2).run(jobs, calibration, params, (r) => results.push(r), signal);
        const rnd = prng(99);
        for (let i = results.length - 1; i > 0; i -= 1) {
          const j = Math.floor(rnd() * (i + 1));
          [results[i], results[j]] = [results[j]!, results[i]!];
        }
        expect(results[0]!.index).not.toBe(0);
        for (const r of results) deliver(r);
      },
    };
    const anyOrder = await detectChanges(src, { tileSize: 20, minAreaM2: 500 }, { executor: shuffled });
    expect(anyOrder.patches.map(key).sort()).toEqual(inOrder.patches.map(key).sort());
  });

  it('applies the minimum mapping unit in m²', async () => {
    const small = await detectChanges(input(), { minAreaM2: 0 });
    const big = await detectChanges(input(), { minAreaM2: 15_000 });
    expect(big.patches.length).toBeLessThan(small.patches.length);
    for (const p of big.patches) expect(p.properties.area_m2).toBeGreaterThanOrEqual(15_000);
  });

  it('restricts patches to red lines minus reserves', async () => {
    // Red line: the left half; reserve: a box in its top-left quarter.
    const lon = (col: number): number => GT[0] + col * GT[1];
    const lat = (row: number): number => GT[3] + row * GT[5];
    const box = (c0: number, r0: number, c1: number, r1: number) => ({
      type: 'Polygon' as const,
      coordinates: [
        [
          [lon(c0), lat(r0)],
          [lon(c1), lat(r0)],
          [lon(c1), lat(r1)],
          [lon(c0), lat(r1)],
          [lon(c0), lat(r0)],
        ],
      ],
    });
    const mask = polygonRegionMask({ include: [box(0, 0, 80, 120)], exclude: [box(0, 0, 40, 60)] }, GT);
    const result = await detectChanges({ ...input(), mask }, { minAreaM2: 0, tileSize: 32 });
    expect(result.patches.length).toBeGreaterThan(0);
    for (const p of result.patches) {
      const ring =
        p.geometry.type === 'Polygon' ? p.geometry.coordinates[0]! : p.geometry.coordinates[0]![0]!;
      for (const [x, y] of ring as [number, number][]) {
        const col = (x - GT[0]) / GT[1];
        const row = (y - GT[3]) / GT[5];
        expect(col).toBeLessThanOrEqual(80 + 1e-6);
        expect(col >= 40 - 1e-6 || row >= 60 - 1e-6).toBe(true);
      }
    }
  });

  it('reports progress per tile and can be cancelled', async () => {
    const seen: string[] = [];
    await detectChanges(
      input(),
      { tileSize: 64 },
      { onProgress: (p) => seen.push(`${p.phase}:${p.done}/${p.total}`) },
    );
    expect(seen).toContain('tiles:6/6');
    expect(seen.at(-1)).toBe('finish:6/6');
    const controller = new AbortController();
    const run = detectChanges(
      input(),
      { tileSize: 16 },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'tiles' && p.done === 3) controller.abort();
        },
      },
    );
    await expect(run).rejects.toBeInstanceOf(DetectCancelledError);
  });

  it('records its parameters and calibration as plain data', async () => {
    const result = await detectChanges(input(), { minAreaM2: 1234 });
    const record = JSON.parse(JSON.stringify({ params: result.params, calibration: result.calibration }));
    expect(record.params.minAreaM2).toBe(1234);
    expect(record.params.threshold).toEqual({ method: 'auto' });
    expect(record.calibration.irmad.rho).toHaveLength(4);
    // The automatic threshold says how it was found: a minimum-error cut, or a robust z of 2 as fallback.
    const prov = result.provenance;
    if (prov.thresholdMethod === 'robust_z') expect(record.calibration.zThreshold).toBeCloseTo(2, 6);
    else expect(prov.thresholdMethod).toBe('kittler_illingworth');
    expect(prov.roles).toEqual(['blue', 'green', 'red', 'nir']);
    expect(prov.dataType).toBe('uint16');
    expect(prov.normalisation).toBe('per_scene_percentile');
    expect(JSON.parse(JSON.stringify(prov))).toEqual(prov);
  });
});
