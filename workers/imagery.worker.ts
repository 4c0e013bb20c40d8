import * as Comlink from 'comlink';
import type { GeoTIFF, GeoTIFFImage } from 'geotiff';
import { useFastInflate } from '../src/io/geotiff-inflate-web.ts';
import { geoTiffFromBlob } from '../src/io/geotiff-blob-source.ts';
import { bandPercentiles, stretchToRgba, type BandArray } from '../src/core/display/stretch.ts';
import { imageTooLarge } from '../src/core/display/image-limits.ts';
import { CrsError, resolveCrs, type GeoKeys, type ResolvedCrs } from '../src/core/geo/crs.ts';
import { sceneDate } from '../src/core/display/scene-dates.ts';
import type { ImageInfo, ImageryApi, ImageryErrorCode, RenderRequest, RenderResult } from './imagery-api.ts';

// DEFLATE through fflate rather than geotiff.js's pako (measured faster; see geotiff-inflate-web.ts).
useFastInflate();

const open = new Map<string, { tiff: GeoTIFF; info: ImageInfo }>();
const running = new Map<number, AbortController>();

/** Thrown when a file is not a GeoTIFF we can display; `code` selects the user message. */
class ImageryError extends Error {
  constructor(
    readonly code: ImageryErrorCode,
    detail: string,
    cause?: unknown,
  ) {
    super(`${code}: ${detail}`, { cause });
    this.name = 'ImageryError';
  }
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Past the header, a read that fails means the pixel data or a later directory is broken (a truncated file,
 * corrupt compressed tiles): say so, naming the step, instead of passing the decoder's own words on.
 */
async function damaged<T>(step: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new ImageryError('image_damaged', `${step}: ${reason(error)}`, error);
  }
}

function sampleFormat(image: GeoTIFFImage): ImageInfo['sampleFormat'] {
  const format = image.getSampleFormat(0);
  return format === 3 ? 'float' : format === 2 ? 'int' : 'uint';
}

function strings(record: Record<string, unknown> | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record ?? {}))
    if (typeof value === 'string' || typeof value === 'number') out[key] = String(value).trim();
  return out;
}

/** Dataset metadata, the TIFF DateTime tag and PhotometricInterpretation: what role and date guesses read. */
async function headerFields(
  image: GeoTIFFImage,
): Promise<{ metadata: Record<string, string>; tiffDateTime: string | null; photometric: number | null }> {
  const metadata = strings(await image.getGDALMetadata().catch(() => null));
  const tag: unknown = await image.fileDirectory.loadValue('DateTime').catch(() => undefined);
  const photometric: unknown = image.fileDirectory.getValue('PhotometricInterpretation');
  return {
    metadata,
    tiffDateTime: typeof tag === 'string' ? tag : null,
    photometric: typeof photometric === 'number' ? photometric : null,
  };
}

async function bandFields(
  image: GeoTIFFImage,
  count: number,
): Promise<{ names: string[]; metadata: string[] }> {
  const names: string[] = [];
  const metadata: string[] = [];
  for (let band = 0; band < count; band += 1) {
    const items = strings(await image.getGDALMetadata(band).catch(() => null));
    names.push(items.DESCRIPTION ?? '');
    metadata.push(
      Object.entries(items)
        .filter(([key]) => key !== 'DESCRIPTION')
        .map(([key, value]) => `${key}=${value}`)
        .join('\n'),
    );
  }
  return { names, metadata };
}

const api: ImageryApi = {
  async open(id, file) {
    let tiff: GeoTIFF;
    let image: GeoTIFFImage;
    try {
      tiff = await geoTiffFromBlob(file);
      image = await tiff.getImage(0);
    } catch (error) {
      throw new ImageryError('not_tiff', error instanceof Error ? error.message : String(error), error);
    }
    let origin: number[];
    let resolution: number[];
    try {
      origin = image.getOrigin();
      resolution = image.getResolution();
    } catch (error) {
      throw new ImageryError(
        'no_georef',
        'the file has no georeferencing (no geotransform / tie points)',
        error,
      );
    }
    let crs: ResolvedCrs;
    try {
      crs = resolveCrs({ geoKeys: (image.getGeoKeys() ?? {}) as GeoKeys });
    } catch (error) {
      if (error instanceof CrsError && error.code === 'crs_missing') {
        throw new ImageryError('no_georef', 'the file has no CRS (no GeoKeys)', error);
      }
      const name = error instanceof CrsError ? error.crsName : String(error);
      throw new ImageryError('unsupported_crs', name, error);
    }
    const bands = image.getSamplesPerPixel();
    const count = await damaged('overview directory', () => tiff.getImageCount());
    // The smallest overview is enough for a stable stretch and costs one small read.
    const smallest = await damaged('overview directory', () => tiff.getImage(count - 1));
    const tooLarge = imageTooLarge({
      width: image.getWidth(),
      height: image.getHeight(),
      bands,
      overview: { width: smallest.getWidth(), height: smallest.getHeight() },
    });
    if (tooLarge) throw new ImageryError('image_too_large', tooLarge);
    const raw = (await damaged('overview pixels', () =>
      smallest.readRasters({ interleave: false }),
    )) as unknown as BandArray[];
    const noDataValue = image.getGDALNoData();
    const nodata = noDataValue ?? (sampleFormat(image) === 'uint' ? 0 : null);
    const p2: number[] = [];
    const p98: number[] = [];
    let min = Infinity;
    let max = -Infinity;
    for (const band of raw) {
      const [low, high, least, most] = bandPercentiles(band, nodata, [2, 98, 0, 100]);
      p2.push(low ?? 0);
      p98.push(high ?? 1);
      min = Math.min(min, least ?? 0);
      max = Math.max(max, most ?? 0);
    }
    const header = await damaged('header metadata', () => headerFields(image));
    const perBand = await damaged('band metadata', () => bandFields(image, bands));
    const dated = sceneDate({ metadata: header.metadata, tiffDateTime: header.tiffDateTime, fileName: '' });
    const info: ImageInfo = {
      id,
      width: image.getWidth(),
      height: image.getHeight(),
      bands,
      bitsPerSample: image.getBitsPerSample(0),
      sampleFormat: sampleFormat(image),
      nodata,
      transform: { x0: origin[0] ?? 0, y0: origin[1] ?? 0, dx: resolution[0] ?? 1, dy: resolution[1] ?? -1 },
      crs,
      overviews: count - 1,
      bandNames: perBand.names,
      date: dated?.date ?? null,
      metadata: header.metadata,
      bandMetadata: perBand.metadata,
      photometric: header.photometric,
      tiffDateTime: header.tiffDateTime,
      valueRange: { min: Number.isFinite(min) ? min : 0, max: Number.isFinite(max) ? max : 0 },
      stretch: { p2, p98 },
    };
    open.set(id, { tiff, info });
    return info;
  },

  async render(request: RenderRequest): Promise<RenderResult | null> {
    const entry = open.get(request.imageId);
    if (!entry) return null;
    const controller = new AbortController();
    running.set(request.requestId, controller);
    try {
      const rasters = (await entry.tiff.readRasters({
        window: request.window,
        width: request.width,
        height: request.height,
        samples: [...request.rgb],
        interleave: false,
        resampleMethod: 'nearest',
        signal: controller.signal,
      })) as unknown as BandArray[];
      if (controller.signal.aborted) return null;
      const [r, g, b] = rasters;
      if (!r || !g || !b) return null;
      const rgba = stretchToRgba([r, g, b], request.min, request.max, entry.info.nodata);
      const bitmap = await createImageBitmap(new ImageData(rgba, request.width, request.height));
      return Comlink.transfer({ requestId: request.requestId, window: request.window, bitmap }, [bitmap]);
    } catch (error) {
      if (controller.signal.aborted) return null;
      throw new ImageryError('image_damaged', `window ${request.window.join(',')}: ${reason(error)}`, error);
    } finally {
      running.delete(request.requestId);
    }
  },

  cancel(requestId) {
    running.get(requestId)?.abort();
  },

  close(id) {
    open.delete(id);
  },
};

Comlink.expose(api);
