import './geotiff-env.ts';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateFiles } from '../../../src/io/geotiff-evaluate.ts';
import { useNodeInflate } from '../../../src/io/geotiff-inflate-node.ts';

// Real labelled change (OSCD, Beihai 2016-12 → 2018-03): the whole pipeline with the global defaults,
// polygons rasterised back onto the truth grid. Reached 0.44 when written; the floor leaves room for noise.
const DIR = '/work/shared/data/oscd/beihai';

describe.skipIf(!existsSync(`${DIR}/truth.tif`))('OSCD Beihai end to end', () => {
  it('reaches a minimum pixel F1 with the default parameters', async () => {
    useNodeInflate();
    const { metrics, result } = await evaluateFiles(`${DIR}/t1.tif`, `${DIR}/t2.tif`, `${DIR}/truth.tif`);
    expect(metrics.pixelF1).toBeGreaterThan(0.38);
    expect(metrics.objectRecall).toBeGreaterThan(0.4);
    expect(result.patches.length).toBeGreaterThan(30);
    for (const p of result.patches) expect(p.properties.area_m2).toBeGreaterThanOrEqual(3000);
  });
});
