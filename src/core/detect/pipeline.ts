/**
 * The change-detection pipeline: calibrate on a sample, then tile by tile (each read with a halo so tiled
 * results equal whole-scene results): features → threshold and gates → morphology → region mask →
 * labelling across seams → minimum mapping unit → traced, simplified polygons in lon/lat with attributes.
 * The next tile is read while the current one is computed. Never holds the whole scene in one buffer.
 */
import { simplifyPolygon } from '../raster/simplify.ts';
import { traceMask } from '../raster/trace.ts';
import { featuresOff } from './app-request.ts';
import { TileAssembler, type FinishedComponent } from './assembler.ts';
import { calibrate, type CalibrationReport } from './calibrate.ts';
import { classifyPatch } from './classify.ts';
import { localExecutor, type TileExecutor } from './executor.ts';
import type { Calibration } from './features.ts';
import { pixelAreaM2, pixelToLonLat, toGeometry } from './geometry.ts';
import { harvestLike } from './harvest.ts';
import { haloOf, resolveParams, type DetectParams, type DetectParamsInput } from './params.ts';
import type { RunProvenance } from './provenance.ts';
import { withResolution } from './resolution.ts';
import { seasonsDiffer } from './season.ts';
import { tileJobs, type TileResult } from './tile-work.ts';
import {
  DetectCancelledError,
  DetectInputError,
  type DetectInput,
  type DetectProgress,
  type PatchFeature,
  type PatchFeatures,
} from './types.ts';

/** Result of a run: patches plus everything needed to record the run. */
export interface DetectResult {
  patches: PatchFeature[];
  params: DetectParams;
  calibration: Calibration;
  /** What the run records about its imagery (radiometry, bands, clouds, threshold). */
  provenance: RunProvenance;
  stats: { tiles: number; components: number; patches: number; seconds: number };
}

/** A hint of the sensor from band roles, data type and range (null when nothing typical fits). */
function sensorGuess(roles: readonly string[], report: CalibrationReport, pixelSizeM: number): string | null {
  const k = roles.length;
  const { dataType, valueRange, bitDepth } = report;
  if (k === 3 && !roles.includes('nir')) return dataType === 'uint8' ? 'rgb_8bit' : 'rgb';
  if (k >= 6 && dataType === 'uint8') return 'landsat_6band';
  if (
    dataType === 'uint16' &&
    (bitDepth ?? 16) <= 15 &&
    valueRange[1] > 4096 &&
    pixelSizeM >= 8 &&
    pixelSizeM <= 12
  )
    return 'sentinel2_l1c';
  if (dataType === 'uint16' && (bitDepth ?? 16) <= 12) return `dn_${bitDepth}bit`;
  if (dataType.startsWith('float') && valueRange[1] <= 2) return 'float_reflectance';
  return null;
}

/** Hooks of a run. */
export interface DetectHooks {
  onProgress?: (progress: DetectProgress) => void;
  signal?: AbortSignal;
  /** Where tile work runs (default: this thread). */
  executor?: TileExecutor;
  /**
   * Components for which this holds (given their pixel bounding box) skip the minimum mapping unit: a
   * province pass keeps parts that touch its tile border, since they may join a part of the next tile.
   */
  keepSmall?: (bbox: { x0: number; y0: number; x1: number; y1: number }) => boolean;
}

/** Run change detection. `params` are overrides of the global defaults. */
export async function detectChanges(
  input: DetectInput,
  paramsInput: DetectParamsInput = {},
  hooks: DetectHooks = {},
): Promise<DetectResult> {
  const started = Date.now();
  const { t1, t2, geotransform: gt, toLonLat } = input;
  const { signal, onProgress } = hooks;
  const centre = { col: Math.floor(t1.width / 2), row: Math.floor(t1.height / 2) };
  const pixelSizeM = Math.sqrt(pixelAreaM2(gt, toLonLat, centre.col, centre.row));
  const params = resolveParams(withResolution(paramsInput, pixelSizeM));
  if (t1.width !== t2.width || t1.height !== t2.height)
    throw new DetectInputError('grid_mismatch', {
      t1: `${t1.width}×${t1.height}`,
      t2: `${t2.width}×${t2.height}`,
    });
  const calibration = await calibrate(input, params, signal, (done, total) =>
    onProgress?.({ phase: 'calibrate', done, total }),
  );
  const { width, height } = t1;
  const halo = haloOf(params);
  const tiles = tileJobs(width, height, params.tileSize, halo);
  const assembler = new TileAssembler(width, height, params.tileSize);
  const pixelArea = (cx: number, cy: number): number =>
    pixelAreaM2(gt, toLonLat, Math.floor(cx), Math.floor(cy));
  // Largest pixel area in the scene (corners and centre, +1 %): components with fewer pixels than
  // minAreaM2 / that are rejected without computing their centroid (most components are specks).
  let maxPixelArea = 0;
  for (const [fx, fy] of [
    [0, 0],
    [1, 0],
    [0, 1],
    [1, 1],
    [0.5, 0.5],
  ] as const)
    maxPixelArea = Math.max(maxPixelArea, pixelArea(fx * (width - 1), fy * (height - 1)));
  const fewestPixels = params.minAreaM2 / (maxPixelArea * 1.01);
  const minPixels = (id: number): boolean => {
    const s = assembler.table;
    const count = s.count(id);
    if (count === 0 || (count < fewestPixels && !hooks.keepSmall)) return false;
    const { cx, cy, meanZ, bbox } = s.summary(id);
    if (params.minPatchScore !== null && meanZ < params.minPatchScore) return false;
    if (params.patchMarginZ !== null && meanZ < calibration.zThreshold + params.patchMarginZ) return false;
    if (hooks.keepSmall?.(bbox)) return true;
    return count * pixelArea(cx, cy) >= params.minAreaM2;
  };
  const patches: PatchFeature[] = [];
  let harvestCount = 0;
  const toPatches = (finished: FinishedComponent[]): PatchFeature[] => finished.map((c) => makePatch(c));
  const makePatch = (c: FinishedComponent): PatchFeature => {
    const s = assembler.table.summary(c.id);
    const features: PatchFeatures = {
      pixelCount: s.pixelCount,
      areaM2: s.pixelCount * pixelArea(s.cx, s.cy),
      meanZ: s.meanZ,
      maxZ: s.maxZ,
      ndviT1: s.ndviT1,
      ndviT2: s.ndviT2,
      ndwiT1: s.ndwiT1,
      ndwiT2: s.ndwiT2,
      brightnessT1: s.brightnessT1,
      brightnessT2: s.brightnessT2,
      elongation: s.elongation,
      fill: s.fill,
    };
    const polygons = traceMask(c.mask, c.width, c.height).map((p) =>
      params.simplifyPx > 0 ? simplifyPolygon(p, params.simplifyPx) : p,
    );
    const k = classifyPatch(features, calibration.zThreshold);
    const harvest = harvestLike(features, calibration.gateValues, calibration.vegetationMedian);
    if (harvest) harvestCount += 1;
    const r3 = (v: number): number => Math.round(v * 1000) / 1000;
    return {
      type: 'Feature',
      geometry: toGeometry(polygons, c.x0, c.y0, gt, toLonLat),
      properties: {
        score: r3(features.meanZ),
        max_score: r3(features.maxZ),
        direction: k.direction,
        activity_type: k.activity,
        // Harvest-like loss keeps its place in the list with half the confidence and a flag.
        activity_conf: harvest ? Math.round(k.confidence * 50) / 100 : k.confidence,
        problem_type: k.problem,
        rule: k.rule,
        pixel_count: features.pixelCount,
        area_m2: Math.round(features.areaM2),
        ndvi_t1: r3(features.ndviT1),
        ndvi_t2: r3(features.ndviT2),
        ndwi_t1: r3(features.ndwiT1),
        ndwi_t2: r3(features.ndwiT2),
        brightness_t1: r3(features.brightnessT1),
        brightness_t2: r3(features.brightnessT2),
        elongation: r3(features.elongation),
        ...(harvest ? { flag: 'harvest_like' as const } : {}),
      },
    };
  };
  // Results may arrive in any order: the assembler joins tiles whatever their order.
  let done = 0;
  const assemble = (r: TileResult): void => {
    const region = input.mask?.(r.core) ?? null;
    const finished = toPatches(assembler.addTile(r, region, minPixels));
    patches.push(...finished);
    done += 1;
    onProgress?.({ phase: 'tiles', done, total: tiles.length, patches: finished });
  };
  const executor = hooks.executor ?? localExecutor(t1, t2);
  await executor.run(tiles, calibration, params, assemble, signal);
  if (signal?.aborted) throw new DetectCancelledError();
  if (done !== tiles.length) throw new DetectInputError('internal', { delivered: done, tiles: tiles.length });
  const rest = toPatches(assembler.finish(minPixels));
  patches.push(...rest);
  onProgress?.({ phase: 'finish', done: tiles.length, total: tiles.length, patches: rest });
  const { report } = calibration;
  const roles = calibration.roles;
  const sceneM2 = width * height * pixelSizeM * pixelSizeM;
  const lat = pixelToLonLat(gt, toLonLat, centre.col, centre.row)[1];
  const dates = { t1: input.dates?.t1 ?? null, t2: input.dates?.t2 ?? null };
  const dataType = input.dataType ?? report.dataType;
  const radiometry = dataType.startsWith('float')
    ? report.valueRange[1] <= 2
      ? 'reflectance'
      : 'dn'
    : dataType === 'uint16' && report.valueRange[1] > 4096 && report.valueRange[1] <= 20000
      ? 'scaled_reflectance'
      : 'dn';
  const provenance: RunProvenance = {
    sensorGuess: sensorGuess(roles, report, pixelSizeM),
    dataType,
    bitDepth: report.bitDepth,
    valueRange: report.valueRange,
    radiometry,
    normalisation: 'per_scene_percentile',
    percentiles: params.percentiles,
    roles,
    bands: input.fileBands ?? { t1: roles.map((_, i) => i), t2: roles.map((_, i) => i) },
    featuresOff: featuresOff(roles),
    vegetationIndex: roles.includes('nir') ? 'ndvi' : 'excess_green',
    cloudMaskedM2: {
      t1: Math.round(report.cloudShare.t1 * sceneM2),
      t2: Math.round(report.cloudShare.t2 * sceneM2),
    },
    dates,
    seasonWarning: seasonsDiffer(dates.t1, dates.t2, lat),
    thresholdMethod: report.threshold.method,
    thresholdFallback: report.threshold.fallback,
    changeShare: Math.round(report.changeShare * 10000) / 10000,
    pixelSizeM: Math.round(pixelSizeM * 1000) / 1000,
    harvestLike: harvestCount,
  };
  return {
    patches,
    params,
    calibration,
    provenance,
    stats: {
      tiles: tiles.length,
      components: assembler.componentCount,
      patches: patches.length,
      seconds: (Date.now() - started) / 1000,
    },
  };
}
