/**
 * Run detection on two GeoTIFFs and score it against a truth GeoTIFF (band 1, 1 = change): the shared core
 * of `npm run eval` and the OSCD five-city table.
 */
import { evaluatePatches, type Metrics, type TruthGrid } from '../core/detect/evaluate.ts';
import type { DetectParamsInput } from '../core/detect/params.ts';
import { detectChanges, type DetectResult } from '../core/detect/pipeline.ts';
import { fromLonLatTransformer } from '../core/geo/reproject.ts';
import { resolveCrs, type GeoKeys } from '../core/geo/crs.ts';
import { openPair, type BandOrder, type PairRoles } from './geotiff-pair.ts';
import { GeoTiffReadError, openGeoTiff, type GeoTiffInput } from './geotiff-read.ts';

export interface EvaluateFilesOptions {
  /** 0-based file bands of blue, green, red[, nir, swir1, swir2] for both dates. */
  bands?: BandOrder;
  /** Roles per date (wins over `bands`); default by band count. */
  roles?: PairRoles;
  params?: DetectParamsInput;
}

/** Detect on T1/T2 and compare the patches with the truth raster. */
export async function evaluateFiles(
  t1: GeoTiffInput,
  t2: GeoTiffInput,
  truthInput: GeoTiffInput,
  options: EvaluateFilesOptions = {},
): Promise<{ metrics: Metrics; result: DetectResult }> {
  const pair = await openPair(
    t1,
    t2,
    options.roles ? { roles: options.roles } : options.bands ? { bands: options.bands } : {},
  );
  const truthRaster = await openGeoTiff(truthInput);
  try {
    const result = await detectChanges(pair.input, options.params ?? {});
    const { width, height, geotransform, geoKeys } = truthRaster.meta;
    if (!geotransform)
      throw new GeoTiffReadError('truth: the file has no georeferencing', { code: 'no_georef' });
    const [band] = await truthRaster.readWindow({ x0: 0, y0: 0, x1: width, y1: height }, { bands: [0] });
    const truth = Uint8Array.from(band!, (v) => (v === 1 ? 1 : 0));
    const grid: TruthGrid = { width, height, geotransform };
    if (geoKeys) {
      const from = fromLonLatTransformer(resolveCrs({ geoKeys: geoKeys as GeoKeys }));
      if (from) grid.fromLonLat = from;
    }
    const metrics = evaluatePatches(
      result.patches.map((p) => p.geometry),
      truth,
      grid,
    );
    return { metrics, result };
  } finally {
    await Promise.all([pair.close(), truthRaster.close()]);
  }
}
