import type { Geotransform, PixelWindow } from '../src/core/display/view-window.ts';
import type { ResolvedCrs } from '../src/core/geo/crs.ts';

/** What the app knows about an opened image, read from its header only. */
/** Why the imagery worker refuses a file; each code has a zh/en sentence (src/i18n/app-errors.ts). */
export const IMAGERY_ERROR_CODES = [
  'not_tiff',
  'no_georef',
  'unsupported_crs',
  'image_too_large',
  'image_damaged',
] as const;
export type ImageryErrorCode = (typeof IMAGERY_ERROR_CODES)[number];

export interface ImageInfo {
  id: string;
  width: number;
  height: number;
  bands: number;
  bitsPerSample: number;
  sampleFormat: 'uint' | 'int' | 'float';
  nodata: number | null;
  transform: Geotransform;
  /** The CRS from the GeoKeys, resolved against the bundled table (unknown CRSs are refused at open). */
  crs: ResolvedCrs;
  overviews: number;
  /** Band descriptions from GDAL metadata, when present. */
  bandNames: string[];
  /** Acquisition date (YYYY-MM-DD) from TIFF/GDAL metadata, when present. */
  date: string | null;
  /** Dataset-level GDAL metadata items (sensor names, dates), strings only. */
  metadata: Record<string, string>;
  /** Per-band GDAL metadata other than the description, as "NAME=value" lines. */
  bandMetadata: string[];
  /** TIFF PhotometricInterpretation (2 = RGB), null when absent. */
  photometric: number | null;
  /** TIFF DateTime tag as written, null when absent. */
  tiffDateTime: string | null;
  /** Smallest and largest value found over all bands of the smallest overview (nodata left out). */
  valueRange: { min: number; max: number };
  /** Per-band 2 % / 98 % values from the smallest overview, for the default contrast stretch. */
  stretch: { p2: number[]; p98: number[] };
}

export interface RenderRequest {
  requestId: number;
  imageId: string;
  window: PixelWindow;
  width: number;
  height: number;
  /** Zero-based band indexes shown as red, green, blue. */
  rgb: [number, number, number];
  min: [number, number, number];
  max: [number, number, number];
}

export interface RenderResult {
  requestId: number;
  window: PixelWindow;
  bitmap: ImageBitmap;
}

/** The imagery display worker (workers/imagery.worker.ts). */
export interface ImageryApi {
  open(id: string, file: Blob): Promise<ImageInfo>;
  render(request: RenderRequest): Promise<RenderResult | null>;
  cancel(requestId: number): void;
  close(id: string): void;
}
