/**
 * Metadata of a GeoTIFF image read from its header: size, bands, sample type, nodata, geotransform, the EPSG
 * code named by its GeoKeys (resolving codes to CRS definitions is core/geo/crs's job) and overviews.
 */
import type { GeoTIFF, GeoTIFFImage } from 'geotiff';
import type { Geotransform } from '../core/raster/types.ts';

/** Sample type of the pixels. */
export type RasterDtype = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

export interface RasterMeta {
  width: number;
  height: number;
  bands: number;
  dtype: RasterDtype;
  nodata: number | null;
  /** GDAL-style geotransform (pixel corners); null when the file has no georeferencing. */
  geotransform: Geotransform | null;
  /** EPSG code from ProjectedCSTypeGeoKey or GeographicTypeGeoKey; null when user-defined or absent. */
  epsg: number | null;
  /** GeoKeys as geotiff.js parses them (for core/geo/crs when `epsg` is null). */
  geoKeys: Record<string, unknown> | null;
  /** Sizes of the reduced-resolution images (overviews), largest first. */
  overviews: { width: number; height: number }[];
  /** Internal block size (tile, or strip width × rows per strip). */
  blockWidth: number;
  blockHeight: number;
  tiled: boolean;
  /** 1 = samples interleaved per pixel, 2 = one plane per band. */
  planar: 1 | 2;
  compression: number;
}

/**
 * Why a GeoTIFF cannot be read, as the imagery codes that have a sentence for the user (src/i18n/app-errors.ts):
 * not a TIFF at all, no georeferencing, or pixels (or a layout) that cannot be decoded.
 */
export const GEOTIFF_ERROR_CODES = ['not_tiff', 'no_georef', 'image_damaged'] as const;
export type GeoTiffErrorCode = (typeof GEOTIFF_ERROR_CODES)[number];

/** Thrown when a file cannot be read as a GeoTIFF raster; every GeoTIFF reader of the app throws this one. */
export class GeoTiffReadError extends Error {
  readonly code: GeoTiffErrorCode;
  constructor(message: string, options?: { cause?: unknown; code?: GeoTiffErrorCode }) {
    super(message, options);
    this.name = 'GeoTiffReadError';
    this.code = options?.code ?? 'image_damaged';
  }
}

/** Data type of an image's samples. */
export function dtypeOf(image: GeoTIFFImage): RasterDtype {
  const format = image.getSampleFormat(0);
  const bits = image.getBitsPerSample(0);
  if (format === 3) return bits === 64 ? 'float64' : 'float32';
  const signed = format === 2;
  if (bits === 8) return signed ? 'int8' : 'uint8';
  if (bits === 16) return signed ? 'int16' : 'uint16';
  if (bits === 32) return signed ? 'int32' : 'uint32';
  throw new GeoTiffReadError(`unsupported sample format ${format} with ${bits} bits`);
}

function numbers(value: unknown): number[] | null {
  if (Array.isArray(value)) return value.map(Number);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<number>, Number);
  return null;
}

/** Geotransform from ModelTransformation, or from a tie point and pixel scale; null when neither. */
export function geotransformOf(image: GeoTIFFImage): Geotransform | null {
  const dir = image.fileDirectory;
  const matrix = numbers(dir.getValue('ModelTransformation'));
  let gt: [number, number, number, number, number, number];
  if (matrix && matrix.length >= 16) {
    gt = [matrix[3]!, matrix[0]!, matrix[1]!, matrix[7]!, matrix[4]!, matrix[5]!];
  } else {
    const tie = numbers(dir.getValue('ModelTiepoint'));
    const scale = numbers(dir.getValue('ModelPixelScale'));
    if (!tie || tie.length < 6 || !scale || scale.length < 2) return null;
    const [i, j, , x, y] = tie as [number, number, number, number, number];
    const [sx, sy] = scale as [number, number];
    gt = [x - i * sx, sx, 0, y + j * sy, 0, -sy];
  }
  // PixelIsPoint: the tie point names a pixel centre; shift to the corner like GDAL does.
  const keys = image.getGeoKeys();
  if (keys && keys.GTRasterTypeGeoKey === 2) {
    gt = [gt[0] - 0.5 * gt[1] - 0.5 * gt[2], gt[1], gt[2], gt[3] - 0.5 * gt[4] - 0.5 * gt[5], gt[4], gt[5]];
  }
  return gt;
}

/** EPSG code named by the GeoKeys (32767 = user-defined → null). */
export function epsgOf(image: GeoTIFFImage): number | null {
  const keys = image.getGeoKeys();
  if (!keys) return null;
  for (const name of ['ProjectedCSTypeGeoKey', 'GeographicTypeGeoKey'] as const) {
    const v = keys[name];
    if (typeof v === 'number' && v > 0 && v !== 32767) return v;
  }
  return null;
}

/** Read the metadata of a GeoTIFF's first image and list its overviews. */
export async function readMeta(tiff: GeoTIFF): Promise<RasterMeta> {
  const image = await tiff.getImage(0);
  const count = await tiff.getImageCount();
  const overviews: { width: number; height: number }[] = [];
  for (let i = 1; i < count; i += 1) {
    const o = await tiff.getImage(i);
    // Masks and other subfiles share the file; overviews are reduced-resolution copies with the same bands.
    if (o.getSamplesPerPixel() === image.getSamplesPerPixel() && o.getWidth() < image.getWidth())
      overviews.push({ width: o.getWidth(), height: o.getHeight() });
  }
  const dir = image.fileDirectory;
  const planar = Number(dir.getValue('PlanarConfiguration') ?? 1) === 2 ? 2 : 1;
  return {
    width: image.getWidth(),
    height: image.getHeight(),
    bands: image.getSamplesPerPixel(),
    dtype: dtypeOf(image),
    nodata: image.getGDALNoData(),
    geotransform: geotransformOf(image),
    epsg: epsgOf(image),
    geoKeys: (image.getGeoKeys() as Record<string, unknown> | null) ?? null,
    overviews,
    blockWidth: image.getTileWidth(),
    blockHeight: image.getTileHeight(),
    tiled: image.isTiled,
    planar,
    compression: Number(dir.getValue('Compression') ?? 1),
  };
}
