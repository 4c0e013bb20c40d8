/**
 * Open the two dates of a detection as a `DetectInput`: bands mapped to blue, green, red, nir; the grid is
 * T2's, and T1 is resampled onto it (nearest neighbour) when their grids or CRSs differ; `toLonLat` comes
 * from the CRS named by T2's GeoKeys (resolved by core/geo/crs).
 */
import type { DetectInput, RasterSource } from '../core/detect/types.ts';
import { resampledSource } from '../core/detect/align.ts';
import { resolveCrs, type ResolvedCrs } from '../core/geo/crs.ts';
import type { GeoKeys } from '../core/geo/crs.ts';
import { fromLonLatTransformer, toLonLatTransformer, type PointTransform } from '../core/geo/reproject.ts';
import type { Geotransform } from '../core/raster/types.ts';
import {
  GeoTiffReadError,
  openGeoTiff,
  type GeoTiffInput,
  type GeoTiffRaster,
  type OpenOptions,
} from './geotiff-read.ts';

/** 0-based file bands holding blue, green, red, nir. */
export type BandOrder = readonly [number, number, number, number];

export interface OpenedPair {
  input: DetectInput;
  t1: GeoTiffRaster;
  t2: GeoTiffRaster;
  crs: ResolvedCrs;
  /** lon/lat → map coordinates of the detection grid (null when the grid is lon/lat). */
  fromLonLat: PointTransform | null;
  close(): Promise<void>;
}

/** A raster as a detection source with the given band order. */
export function rasterSource(raster: GeoTiffRaster, bands: BandOrder): RasterSource {
  for (const b of bands)
    if (b < 0 || b >= raster.meta.bands)
      throw new GeoTiffReadError(`band ${b + 1} not in a ${raster.meta.bands}-band file`);
  return {
    width: raster.meta.width,
    height: raster.meta.height,
    nodata: raster.meta.nodata,
    readWindow: (window, signal, into) =>
      raster.readWindow(window, { bands, ...(signal ? { signal } : {}), ...(into ? { into } : {}) }),
  };
}

function crsOf(raster: GeoTiffRaster, label: string): ResolvedCrs {
  const { geoKeys, epsg } = raster.meta;
  try {
    if (geoKeys) return resolveCrs({ geoKeys: geoKeys as GeoKeys });
    if (epsg) return resolveCrs(epsg);
  } catch (error) {
    throw new GeoTiffReadError(`${label}: unsupported CRS`, { cause: error });
  }
  throw new GeoTiffReadError(`${label}: the file has no CRS`);
}

function sameGrid(a: GeoTiffRaster, b: GeoTiffRaster): boolean {
  const ga = a.meta.geotransform!;
  const gb = b.meta.geotransform!;
  const tol = 1e-6 * Math.max(Math.abs(gb[1]), Math.abs(gb[5]));
  return (
    a.meta.width === b.meta.width &&
    a.meta.height === b.meta.height &&
    ga.every((v, i) => Math.abs(v - gb[i]!) <= tol)
  );
}

/** Open T1 and T2 (paths in Node, ArrayBuffers or Blobs anywhere). */
export async function openPair(
  t1Input: GeoTiffInput,
  t2Input: GeoTiffInput,
  options: OpenOptions & { bands?: BandOrder } = {},
): Promise<OpenedPair> {
  const bands = options.bands ?? [0, 1, 2, 3];
  const [t1, t2] = await Promise.all([openGeoTiff(t1Input, options), openGeoTiff(t2Input, options)]);
  for (const [r, label] of [
    [t1, 'T1'],
    [t2, 'T2'],
  ] as const)
    if (!r.meta.geotransform) throw new GeoTiffReadError(`${label}: the file has no georeferencing`);
  const crs2 = crsOf(t2, 'T2');
  const crs1 = crsOf(t1, 'T1');
  const gt2 = t2.meta.geotransform as Geotransform;
  const toLonLat2 = toLonLatTransformer(crs2);
  let source1 = rasterSource(t1, bands);
  const sameCrs = crs1.proj4 === crs2.proj4;
  if (!sameCrs || !sameGrid(t1, t2)) {
    const fromLonLat1 = fromLonLatTransformer(crs1);
    const map = sameCrs
      ? undefined
      : (x: number, y: number): [number, number] => {
          const [lon, lat] = toLonLat2 ? toLonLat2(x, y) : [x, y];
          return fromLonLat1 ? fromLonLat1(lon, lat) : [lon, lat];
        };
    source1 = resampledSource(
      source1,
      t1.meta.geotransform as Geotransform,
      { width: t2.meta.width, height: t2.meta.height, geotransform: gt2 },
      map,
    );
  }
  const input: DetectInput = { t1: source1, t2: rasterSource(t2, bands), geotransform: gt2 };
  if (toLonLat2) input.toLonLat = toLonLat2;
  return {
    input,
    t1,
    t2,
    crs: crs2,
    fromLonLat: fromLonLatTransformer(crs2),
    close: async () => {
      await Promise.all([t1.close(), t2.close()]);
    },
  };
}
