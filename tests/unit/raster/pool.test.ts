import './geotiff-env.ts';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectChanges } from '../../../src/core/detect/pipeline.ts';
import type { PatchFeature } from '../../../src/core/detect/types.ts';
import { useNodeInflate } from '../../../src/io/geotiff-inflate-node.ts';
import { openPair } from '../../../src/io/geotiff-pair.ts';
import { nodePoolExecutor } from '../../../src/io/geotiff-pool-node.ts';

const DIR = '/work/shared/data/oscd/bordeaux';
const key = (p: PatchFeature): string => JSON.stringify([p.properties, p.geometry]);

describe.skipIf(!existsSync(`${DIR}/t1.tif`))('worker-thread pool', () => {
  it('gives the same patches as the single-thread run, tiles arriving from two workers', async () => {
    useNodeInflate();
    const pair = await openPair(`${DIR}/t1.tif`, `${DIR}/t2.tif`);
    const pool = nodePoolExecutor(`${DIR}/t1.tif`, `${DIR}/t2.tif`, { workers: 2, chunkRows: 1 });
    try {
      const params = { tileSize: 96, minAreaM2: 1000 };
      const local = await detectChanges(pair.input, params);
      const pooled = await detectChanges(pair.input, params, { executor: pool });
      expect(pooled.stats.tiles).toBe(30);
      expect(pooled.patches.length).toBeGreaterThan(20);
      expect(pooled.patches.map(key).sort()).toEqual(local.patches.map(key).sort());
    } finally {
      await pool.close();
      await pair.close();
    }
  });
});
