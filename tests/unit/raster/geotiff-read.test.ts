import './geotiff-env.ts';
import { existsSync } from 'node:fs';
import { fromFile } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { resampledSource } from '../../../src/core/detect/align.ts';
import { useNodeInflate } from '../../../src/io/geotiff-inflate-node.ts';
import { openPair } from '../../../src/io/geotiff-pair.ts';
import { openGeoTiff } from '../../../src/io/geotiff-read.ts';
import { memorySource, prng } from './synthetic.ts';

const FILE = '/work/shared/data/oscd/bordeaux/t1.tif';
const have = existsSync(FILE);

describe.skipIf(!have)('openGeoTiff on a tiled DEFLATE GeoTIFF', () => {
  it('reads metadata: size, bands, dtype, geotransform, EPSG', async () => {
    const r = await openGeoTiff(FILE);
    expect(r.meta).toMatchObject({
      width: 461,
      height: 517,
      bands: 4,
      dtype: 'uint16',
      epsg: 4326,
      tiled: true,
    });
    expect(r.meta.geotransform![0]).toBeCloseTo(-0.600986480713, 9);
    expect(r.meta.geotransform![5]).toBeLessThan(0);
    await r.close();
  });

  it('reads windows equal to geotiff.js readRasters, with native inflate and a band subset', async () => {
    useNodeInflate();
    const r = await openGeoTiff(FILE, { cacheBytes: 2 ** 20 });
    const image = await (await fromFile(FILE)).getImage();
    const rnd = prng(3);
    for (let k = 0; k < 8; k += 1) {
      const x0 = Math.floor(rnd() * 400);
      const y0 = Math.floor(rnd() * 450);
      const w = {
        x0,
        y0,
        x1: Math.min(461, x0 + 1 + Math.floor(rnd() * 300)),
        y1: Math.min(517, y0 + 1 + Math.floor(rnd() * 300)),
      };
      const ours = await r.readWindow(w, { bands: [3, 0] });
      const ref = (await image.readRasters({
        window: [w.x0, w.y0, w.x1, w.y1],
        samples: [3, 0],
      })) as unknown as Uint16Array[];
      expect(ours[0]).toEqual(ref[0]);
      expect(ours[1]).toEqual(ref[1]);
    }
    await expect(r.readWindow({ x0: 0, y0: 0, x1: 462, y1: 10 })).rejects.toThrow(/outside/);
    await r.close();
  });

  it('opens a pair as a DetectInput in lon/lat', async () => {
    const pair = await openPair(FILE, FILE.replace('t1', 't2'));
    expect(pair.input.toLonLat).toBeUndefined();
    expect(pair.crs.geographic).toBe(true);
    const [blue] = await pair.input.t1.readWindow({ x0: 10, y0: 10, x1: 12, y1: 11 });
    expect(blue).toHaveLength(2);
    await pair.close();
  });
});

describe('resampledSource', () => {
  it('puts a shifted, coarser grid onto the target grid by nearest neighbour', async () => {
    // Source: 10×10 pixels of 2 units, origin (100, 200); value = col + 100·row.
    const w = 10;
    const band = Uint16Array.from({ length: 100 }, (_, i) => (i % w) + 100 * Math.floor(i / w));
    const src = memorySource([band, band, band, band], w, w);
    const target = { width: 8, height: 8, geotransform: [103, 1, 0, 197, 0, -1] as const };
    const res = resampledSource(src, [100, 2, 0, 200, 0, -2], target);
    const [b] = await res.readWindow({ x0: 0, y0: 0, x1: 8, y1: 8 });
    // Target pixel (0,0) centre (103.5, 196.5) → source col 1, row 1 → 101.
    expect(b![0]).toBe(101);
    // Target pixel (7,7) centre (110.5, 189.5) → source col 5, row 5 → 505.
    expect(b![63]).toBe(505);
    // Off the source: nodata (0 when the source has none).
    const far = resampledSource(src, [0, 2, 0, 0, 0, -2], target);
    expect((await far.readWindow({ x0: 0, y0: 0, x1: 2, y1: 2 }))[0]).toEqual(new Float32Array(4));
  });
});
