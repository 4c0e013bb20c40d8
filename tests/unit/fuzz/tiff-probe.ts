/**
 * What the imagery worker (workers/imagery.worker.ts `open` + `render`) does with a GeoTIFF, replayed in Node
 * with geotiff.js: open, georeferencing, CRS, the smallest overview for the stretch, metadata, then one
 * rendered window. Errors are wrapped exactly where the worker wraps them (not_tiff / no_georef /
 * unsupported_crs / image_damaged, messages in src/i18n/app-errors.ts); an error the worker lets through raw is
 * `unwrapped`.
 *
 * The worker cannot be imported here (comlink, DOM), so this mirrors it; keep the two in step.
 */
import { CrsError, resolveCrs, type GeoKeys } from '../../../src/core/geo/crs.ts';

export type TiffProbeCode = 'not_tiff' | 'no_georef' | 'unsupported_crs' | 'image_damaged' | 'unwrapped';

export class TiffProbeError extends Error {
  override readonly name = 'TiffProbeError';
  constructor(
    readonly code: TiffProbeCode,
    cause: unknown,
    step = '',
  ) {
    const what =
      cause instanceof Error ? `${cause.name}: ${cause.message}` : `non-Error thrown: ${String(cause)}`;
    super(`${code}${step ? ` in ${step}` : ''}: ${what}`, { cause });
  }
}

/**
 * The worker reads the whole smallest overview. The app sets no limit on its size; this probe refuses to
 * allocate more than this (samples) so a lying header cannot take the test process down, and reports it.
 */
export const PROBE_MAX_SAMPLES = 64 * 1024 * 1024;

type GeoTiffModule = typeof import('geotiff');
let geotiff: Promise<GeoTiffModule> | null = null;

/**
 * geotiff.js pulls in `web-worker`, which mistakes a vitest worker thread for a web worker and throws at
 * import. With a global `Worker` it uses that instead (we never create one: decoding runs in this thread).
 */
export function loadGeoTiff(): Promise<GeoTiffModule> {
  (globalThis as { Worker?: unknown }).Worker ??= class {};
  geotiff ??= import('geotiff');
  return geotiff;
}

export interface TiffProbeResult {
  width: number;
  height: number;
  bands: number;
  /** Set when the probe stopped before a read the app would have made (see PROBE_MAX_SAMPLES). */
  limit?: string;
}

async function wrapped<T>(code: TiffProbeCode, run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new TiffProbeError(code, error);
  }
}

export async function probeGeoTiff(bytes: Uint8Array): Promise<TiffProbeResult> {
  const { fromArrayBuffer } = await loadGeoTiff();
  const buffer = bytes.slice().buffer;
  const tiff = await wrapped('not_tiff', () => fromArrayBuffer(buffer));
  const image = await wrapped('not_tiff', () => tiff.getImage(0));
  await wrapped('no_georef', () => {
    image.getOrigin();
    image.getResolution();
  });
  try {
    resolveCrs({ geoKeys: (image.getGeoKeys() ?? {}) as GeoKeys });
  } catch (error) {
    const crsMissing = error instanceof CrsError && error.code === 'crs_missing';
    throw new TiffProbeError(crsMissing ? 'no_georef' : 'unsupported_crs', error);
  }
  // From here on the worker wraps reads as image_damaged (naming the step); the few synchronous header reads it
  // does not wrap are `unwrapped`.
  const step = <T>(code: TiffProbeCode, name: string, run: () => Promise<T>): Promise<T> =>
    run().catch((error: unknown) => {
      throw new TiffProbeError(code, error, name);
    });
  const bands = image.getSamplesPerPixel();
  const result: TiffProbeResult = { width: image.getWidth(), height: image.getHeight(), bands };
  const smallest = await step('image_damaged', 'overview directory', async () =>
    tiff.getImage((await tiff.getImageCount()) - 1),
  );
  const samples = smallest.getWidth() * smallest.getHeight() * smallest.getSamplesPerPixel();
  if (samples > PROBE_MAX_SAMPLES) return { ...result, limit: `overview of ${samples} samples` };
  await step('image_damaged', 'overview pixels', () => smallest.readRasters({ interleave: false }));
  await step('unwrapped', 'header values', async () => {
    image.getGDALNoData();
    image.getSampleFormat(0);
    image.getBitsPerSample(0);
  });
  await step('image_damaged', 'metadata', async () => {
    await image.getGDALMetadata().catch(() => null);
    await image.fileDirectory.loadValue('DateTime').catch(() => undefined);
    for (let band = 0; band < bands; band += 1) await image.getGDALMetadata(band).catch(() => null);
  });
  const rgb = bands >= 3 ? [2, 1, 0] : [0, 0, 0];
  const window = [0, 0, Math.min(result.width, 512), Math.min(result.height, 512)];
  await step('image_damaged', 'render window', () =>
    tiff.readRasters({
      window,
      width: 64,
      height: 64,
      samples: rgb,
      interleave: false,
      resampleMethod: 'nearest',
    }),
  );
  return result;
}
