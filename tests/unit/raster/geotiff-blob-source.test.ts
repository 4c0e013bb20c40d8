import './geotiff-env.ts';
import { readFileSync } from 'node:fs';
import { fromFile } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { openGeoTiff } from '../../../src/io/geotiff-read.ts';

// The real Sentinel-2 sample (tiled DEFLATE, 4 bands), read as a picked file is: a Blob.
const FILE = 'sample-data/beihai/t1.tif';

/** A signal that counts the abort listeners still attached to it. */
function countingSignal(): { signal: AbortSignal; controller: AbortController; attached: () => number } {
  const controller = new AbortController();
  const { signal } = controller;
  let attached = 0;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => {
    attached += 1;
    add(...args);
  }) as AbortSignal['addEventListener'];
  signal.removeEventListener = ((...args: Parameters<AbortSignal['removeEventListener']>) => {
    attached -= 1;
    remove(...args);
  }) as AbortSignal['removeEventListener'];
  return { signal, controller, attached: () => attached };
}

describe('GeoTIFF from a Blob', () => {
  it('reads the same pixels as geotiff.js from the file', async () => {
    const raster = await openGeoTiff(new Blob([readFileSync(FILE)]), { cacheBytes: 0 });
    const image = await (await fromFile(FILE)).getImage();
    const window = { x0: 100, y0: 200, x1: 420, y1: 333 };
    const ours = await raster.readWindow(window, { bands: [2, 3] });
    const ref = (await image.readRasters({
      window: [100, 200, 420, 333],
      samples: [2, 3],
    })) as unknown as Uint16Array[];
    expect(ours[0]).toEqual(ref[0]);
    expect(ours[1]).toEqual(ref[1]);
    await raster.close();
  });

  it('leaves no listener on a run’s signal, however many tiles it reads', async () => {
    // One signal for a whole detection run: a listener per read kept every read tile's bytes alive.
    const raster = await openGeoTiff(new Blob([readFileSync(FILE)]), { cacheBytes: 0 });
    const { signal, attached } = countingSignal();
    for (let y = 0; y + 64 <= raster.meta.height; y += 64)
      for (let x = 0; x + 64 <= raster.meta.width; x += 64)
        await raster.readWindow({ x0: x, y0: y, x1: x + 64, y1: y + 64 }, { signal });
    expect(attached()).toBeLessThanOrEqual(1);
    await raster.close();
  });

  it('stops reading once the signal is aborted', async () => {
    const raster = await openGeoTiff(new Blob([readFileSync(FILE)]), { cacheBytes: 0 });
    const { signal, controller } = countingSignal();
    controller.abort();
    await expect(raster.readWindow({ x0: 0, y0: 0, x1: 64, y1: 64 }, { signal })).rejects.toThrow();
    await raster.close();
  });
});
