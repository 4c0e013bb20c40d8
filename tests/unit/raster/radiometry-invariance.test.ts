// The same scene as 8-bit and as 12-bit DN (per-band linear stretch, each date its own), and with its bands
// reordered plus an extra band (roles declared), gives the same patches as the original 16-bit run: the engine
// normalises each scene itself and reads bands by role, never by position or scale.
import './geotiff-env.ts';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BandRole } from '../../../src/core/display/band-roles.ts';
import { rasterizeGeometries } from '../../../src/core/detect/evaluate.ts';
import { detectChanges, type DetectResult } from '../../../src/core/detect/pipeline.ts';
import type { Geotransform } from '../../../src/core/raster/types.ts';
import { useNodeInflate } from '../../../src/io/geotiff-inflate-node.ts';
import { openPair, type PairRoles } from '../../../src/io/geotiff-pair.ts';
import { openGeoTiff } from '../../../src/io/geotiff-read.ts';
import { writeGeoTiff } from './tiff-write.ts';

const SAMPLE = 'sample-data/beihai';
const CROP = { x0: 100, y0: 150, x1: 600, y1: 650 };

interface Scene {
  t1: Uint16Array[];
  t2: Uint16Array[];
  gt: Geotransform;
  width: number;
  height: number;
}

async function readCrop(): Promise<Scene> {
  const out: Uint16Array[][] = [];
  let gt: Geotransform | null = null;
  for (const name of ['t1', 't2']) {
    const raster = await openGeoTiff(`${SAMPLE}/${name}.tif`);
    out.push((await raster.readWindow(CROP)) as Uint16Array[]);
    const g = raster.meta.geotransform!;
    gt = [g[0] + CROP.x0 * g[1], g[1], 0, g[3] + CROP.y0 * g[5], 0, g[5]];
    await raster.close();
  }
  return { t1: out[0]!, t2: out[1]!, gt: gt!, width: CROP.x1 - CROP.x0, height: CROP.y1 - CROP.y0 };
}

/** Per-band linear stretch of one date onto 0…top between the band's 0.1 and 99.9 % values (clipped). */
function stretch(bands: Uint16Array[], top: number, to8: boolean): (Uint8Array | Uint16Array)[] {
  return bands.map((band) => {
    const sorted = Float64Array.from(band).sort();
    const lo = sorted[Math.floor(0.001 * (sorted.length - 1))]!;
    const hi = sorted[Math.floor(0.999 * (sorted.length - 1))]!;
    const out = to8 ? new Uint8Array(band.length) : new Uint16Array(band.length);
    for (let p = 0; p < band.length; p += 1)
      out[p] = Math.max(0, Math.min(top, Math.round(((band[p]! - lo) / (hi - lo)) * top)));
    return out;
  });
}

async function run(s: Scene, t1: ArrayBuffer, t2: ArrayBuffer, roles?: PairRoles): Promise<DetectResult> {
  const pair = await openPair(t1, t2, roles ? { roles } : {});
  try {
    return await detectChanges(pair.input, {});
  } finally {
    await pair.close();
  }
}

const tiff = (s: Scene, bands: (Uint8Array | Uint16Array)[]): ArrayBuffer =>
  writeGeoTiff({ width: s.width, height: s.height, bands, geotransform: s.gt, epsg: 4326 })
    .buffer as ArrayBuffer;

function iou(s: Scene, a: DetectResult, b: DetectResult): number {
  const grid = { width: s.width, height: s.height, geotransform: s.gt };
  const ma = rasterizeGeometries(
    a.patches.map((p) => p.geometry),
    grid,
  ).mask;
  const mb = rasterizeGeometries(
    b.patches.map((p) => p.geometry),
    grid,
  ).mask;
  let both = 0;
  let either = 0;
  for (let p = 0; p < ma.length; p += 1) {
    both += ma[p]! & mb[p]!;
    either += ma[p]! | mb[p]!;
  }
  return either === 0 ? 1 : both / either;
}

describe.skipIf(!existsSync(`${SAMPLE}/t1.tif`))('radiometry and band-order invariance', () => {
  it(
    'gives the same patches from 8-bit, 12-bit and reordered copies (pixel IoU ≥ 0.9)',
    { timeout: 120_000 },
    async () => {
      useNodeInflate();
      const s = await readCrop();
      const original = await run(s, tiff(s, s.t1), tiff(s, s.t2));
      expect(original.patches.length).toBeGreaterThan(3);
      expect(original.provenance.dataType).toBe('uint16');

      const eight = await run(s, tiff(s, stretch(s.t1, 255, true)), tiff(s, stretch(s.t2, 255, true)));
      expect(eight.provenance.dataType).toBe('uint8');
      expect(eight.provenance.bitDepth).toBe(8);
      expect(iou(s, original, eight)).toBeGreaterThanOrEqual(0.9);

      const twelve = await run(s, tiff(s, stretch(s.t1, 4095, false)), tiff(s, stretch(s.t2, 4095, false)));
      expect(twelve.provenance.bitDepth).toBe(12);
      expect(iou(s, original, twelve)).toBeGreaterThanOrEqual(0.9);

      // nir, red, an extra constant band, blue, green — declared, so read by role.
      const order = [3, 2, -1, 0, 1];
      const roles: BandRole[] = ['nir', 'red', 'other', 'blue', 'green'];
      const shuffle = (bands: Uint16Array[]): Uint16Array[] =>
        order.map((i) => (i < 0 ? new Uint16Array(bands[0]!.length).fill(500) : bands[i]!));
      const reordered = await run(s, tiff(s, shuffle(s.t1)), tiff(s, shuffle(s.t2)), {
        t1: roles,
        t2: roles,
      });
      expect(reordered.provenance.bands.t1).toEqual([3, 4, 1, 0]);
      expect(iou(s, original, reordered)).toBeGreaterThanOrEqual(0.9);
    },
  );
});
