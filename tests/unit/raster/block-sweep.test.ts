import './geotiff-env.ts';
import { fromFile, type GeoTIFFImage } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { BlockReader } from '../../../src/io/geotiff-blocks.ts';

// Real Sentinel-2 sample: 772 × 902, 256 × 256 blocks (4 × 4 of them), 4 interleaved uint16 bands.
const FILE = 'sample-data/beihai/t1.tif';
const TILE = 128;
const HALO = 8;

/** Sweep the image as detection does: rows of TILE-sized windows with a halo, left to right, top to bottom. */
async function sweep(reader: BlockReader, image: GeoTIFFImage): Promise<void> {
  const width = image.getWidth();
  const height = image.getHeight();
  for (let y = 0; y < height; y += TILE)
    for (let x = 0; x < width; x += TILE) {
      const window = {
        x0: Math.max(0, x - HALO),
        y0: Math.max(0, y - HALO),
        x1: Math.min(width, x + TILE + HALO),
        y1: Math.min(height, y + TILE + HALO),
      };
      await reader.read(window, [0, 1, 2, 3]);
    }
}

/** Count the blocks the reader decodes. */
async function decodesOfSweep(sweepRows: number): Promise<number> {
  const image = await (await fromFile(FILE)).getImage();
  let decodes = 0;
  const original = image.getTileOrStrip.bind(image);
  image.getTileOrStrip = ((...args: Parameters<GeoTIFFImage['getTileOrStrip']>) => {
    decodes += 1;
    return original(...args);
  }) as GeoTIFFImage['getTileOrStrip'];
  // A cache of two blocks only, unless the sweep asks for more.
  await sweep(new BlockReader(image, 2 * 256 * 256 * 8, sweepRows), image);
  return decodes;
}

describe('BlockReader cache for sweeps of tile rows', () => {
  it('decodes every block once when it knows the sweep height', async () => {
    expect(await decodesOfSweep(TILE + 2 * HALO)).toBe(16);
  });

  it('decodes blocks again without that knowledge (the cache is too small for a sweep)', async () => {
    expect(await decodesOfSweep(0)).toBeGreaterThan(16);
  });
});
