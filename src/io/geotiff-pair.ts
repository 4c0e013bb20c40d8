/**
 * Open the two dates of a detection as a `DetectInput`: file bands read in canonical role order (from the
 * roles given, or a default by band count); bad input throws a coded DetectInputError. The grid is
 * T2's, and T1 is resampled onto it (nearest neighbour) when their grids or CRSs differ; `toLonLat` comes
 * from the CRS named by T2's GeoKeys (resolved by core/geo/crs).
 */
import type { BandRole } from '../core/display/band-roles.ts';
import { planFromRoles, type DetectPlan } from '../core/detect/app-request.ts';
import { DetectInputError, type DetectInput, type RasterSource } from '../core/detect/types.ts';
import { resampledSource } from '../core/detect/align.ts';
import { resolveCrs, type ResolvedCrs } from '../core/geo/crs.ts';
import type { GeoKeys } from '../core/geo/crs.ts';
import { fromLonLatTransformer, toLonLatTransformer, type PointTransform } from '../core/geo/reproject.ts';
import type { Geotransform } from '../core/raster/types.ts';
import { openGeoTiff, type GeoTiffInput, type GeoTiffRaster, type OpenOptions } from './geotiff-read.ts';

/** 0-based file bands read, in canonical role order. */
export type BandOrder = readonly number[];

/** Band roles per date, one per file band. */
export interface PairRoles {
  t1: readonly BandRole[];
  t2: readonly BandRole[];
}

/**
 * Roles when nobody said: 3 bands red, green, blue (photographs, orthophotos); 6 bands the reflective bands of
 * Landsat TM/ETM+ and similar (blue, green, red, nir, swir1, swir2); otherwise blue, green, red, nir first.
 */
export function defaultRoles(count: number): BandRole[] {
  if (count === 3) return ['red', 'green', 'blue'];
  const order: BandRole[] =
    count === 6 ? ['blue', 'green', 'red', 'nir', 'swir1', 'swir2'] : ['blue', 'green', 'red', 'nir'];
  return Array.from({ length: count }, (_, i) => order[i] ?? 'other');
}

export interface OpenedPair {
  input: DetectInput;
  t1: GeoTiffRaster;
  t2: GeoTiffRaster;
  crs: ResolvedCrs;
  /** lon/lat → map coordinates of the detection grid (null when the grid is lon/lat). */
  fromLonLat: PointTransform | null;
  /** Bands read and roles used. */
  plan: DetectPlan;
  close(): Promise<void>;
}

/** A raster as a detection source with the given band order. */
export function rasterSource(raster: GeoTiffRaster, bands: BandOrder): RasterSource {
  for (const b of bands)
    if (b < 0 || b >= raster.meta.bands)
      throw new DetectInputError('band_out_of_range', { band: b + 1, count: raster.meta.bands });
  return {
    width: raster.meta.width,
    height: raster.meta.height,
    nodata: raster.meta.nodata,
    readWindow: (window, signal, into) =>
      raster.readWindow(window, { bands, ...(signal ? { signal } : {}), ...(into ? { into } : {}) }),
  };
}

function crsOf(raster: GeoTiffRaster, date: 't1' | 't2'): ResolvedCrs {
  const { geoKeys, epsg } = raster.meta;
  try {
    if (geoKeys) return resolveCrs({ geoKeys: geoKeys as GeoKeys });
    if (epsg) return resolveCrs(epsg);
  } catch (error) {
    throw new DetectInputError('no_crs', { date, reason: 'unsupported' }, { cause: error });
  }
  throw new DetectInputError('no_crs', { date, reason: 'missing' });
}

/** True when T1's footprint, mapped into T2's grid, overlaps T2's pixels. */
function footprintsOverlap(
  t1: GeoTiffRaster,
  t2: GeoTiffRaster,
  map: ((x: number, y: number) => [number, number]) | undefined,
): boolean {
  const g1 = t1.meta.geotransform!;
  const g2 = t2.meta.geotransform!;
  const det = g2[1] * g2[5] - g2[2] * g2[4];
  if (det === 0) return false;
  let c0 = Infinity;
  let c1 = -Infinity;
  let r0 = Infinity;
  let r1 = -Infinity;
  const { width: w, height: h } = t1.meta;
  // Corners and edge midpoints of T1 (a reprojected footprint bends; nine points bound it well enough here).
  for (const [fx, fy] of [
    [0, 0],
    [0.5, 0],
    [1, 0],
    [0, 0.5],
    [1, 0.5],
    [0, 1],
    [0.5, 1],
    [1, 1],
    [0.5, 0.5],
  ] as const) {
    const px = fx * w;
    const py = fy * h;
    let x = g1[0] + px * g1[1] + py * g1[2];
    let y = g1[3] + px * g1[4] + py * g1[5];
    if (map) [x, y] = map(x, y);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const dx = x - g2[0];
    const dy = y - g2[3];
    const col = (g2[5] * dx - g2[2] * dy) / det;
    const row = (-g2[4] * dx + g2[1] * dy) / det;
    c0 = Math.min(c0, col);
    c1 = Math.max(c1, col);
    r0 = Math.min(r0, row);
    r1 = Math.max(r1, row);
  }
  return c1 > 0 && c0 < t2.meta.width && r1 > 0 && r0 < t2.meta.height;
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
  options: OpenOptions & {
    /** Roles per date (one per file band); wins over `bands` and `read`. */
    roles?: PairRoles;
    /** 0-based file bands of blue, green, red, nir for both dates (older callers). */
    bands?: BandOrder;
    /** A plan made earlier (helper workers reuse the coordinator's). */
    plan?: DetectPlan;
  } = {},
): Promise<OpenedPair> {
  const [t1, t2] = await Promise.all([openGeoTiff(t1Input, options), openGeoTiff(t2Input, options)]);
  try {
    return openedPair(t1, t2, options);
  } catch (error) {
    await Promise.all([t1.close(), t2.close()]);
    throw error;
  }
}

/** The plan of a pair: given, from roles, from a legacy 4-band order, or from default roles by band count. */
function planOf(
  t1: GeoTiffRaster,
  t2: GeoTiffRaster,
  options: { roles?: PairRoles; bands?: BandOrder; plan?: DetectPlan },
): DetectPlan {
  if (options.plan) return options.plan;
  const counts = { t1: t1.meta.bands, t2: t2.meta.bands };
  if (options.roles) return planFromRoles(options.roles.t1, options.roles.t2, counts);
  if (options.bands) {
    const wanted: BandRole[] = ['blue', 'green', 'red', 'nir', 'swir1', 'swir2'];
    const rolesFor = (count: number): BandRole[] => {
      const roles = new Array<BandRole>(Math.max(count, ...options.bands!.map((b) => b + 1))).fill('other');
      options.bands!.forEach((b, i) => (roles[b] = wanted[i] ?? 'other'));
      return roles;
    };
    for (const b of options.bands)
      for (const [date, count] of Object.entries(counts))
        if (b >= count) throw new DetectInputError('band_out_of_range', { date, band: b + 1, count });
    return planFromRoles(rolesFor(counts.t1), rolesFor(counts.t2), counts);
  }
  return planFromRoles(defaultRoles(counts.t1), defaultRoles(counts.t2), counts);
}

function openedPair(
  t1: GeoTiffRaster,
  t2: GeoTiffRaster,
  options: { roles?: PairRoles; bands?: BandOrder; plan?: DetectPlan },
): OpenedPair {
  for (const [r, date] of [
    [t1, 't1'],
    [t2, 't2'],
  ] as const)
    if (!r.meta.geotransform) throw new DetectInputError('no_georef', { date });
  const plan = planOf(t1, t2, options);
  const crs2 = crsOf(t2, 't2');
  const crs1 = crsOf(t1, 't1');
  const gt2 = t2.meta.geotransform as Geotransform;
  const toLonLat2 = toLonLatTransformer(crs2);
  let source1 = rasterSource(t1, plan.read.t1);
  const sameCrs = crs1.proj4 === crs2.proj4;
  const toLonLat1 = toLonLatTransformer(crs1);
  const fromLonLat2 = fromLonLatTransformer(crs2);
  const oneToTwo = sameCrs
    ? undefined
    : (x: number, y: number): [number, number] => {
        const [lon, lat] = toLonLat1 ? toLonLat1(x, y) : [x, y];
        return fromLonLat2 ? fromLonLat2(lon, lat) : [lon, lat];
      };
  if (!footprintsOverlap(t1, t2, oneToTwo)) throw new DetectInputError('no_overlap');
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
      plan.read.t1.length,
    );
  }
  const input: DetectInput = {
    t1: source1,
    t2: rasterSource(t2, plan.read.t2),
    geotransform: gt2,
    roles: plan.roles,
    fileBands: plan.read,
    dataType: t2.meta.dtype,
  };
  if (toLonLat2) input.toLonLat = toLonLat2;
  return {
    input,
    t1,
    t2,
    crs: crs2,
    fromLonLat: fromLonLat2,
    plan,
    close: async () => {
      await Promise.all([t1.close(), t2.close()]);
    },
  };
}
