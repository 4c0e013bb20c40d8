/**
 * The change-detection pipeline: calibrate on a sample, then tile by tile (each read with a halo so tiled
 * results equal whole-scene results): features → threshold and gates → morphology → region mask →
 * labelling across seams → minimum mapping unit → traced, simplified polygons in lon/lat with attributes.
 * The next tile is read while the current one is computed. Never holds the whole scene in one buffer.
 */
import { simplifyPolygon } from '../raster/simplify.ts';
import { traceMask } from '../raster/trace.ts';
import { TileAssembler, type FinishedComponent } from './assembler.ts';
import { calibrate } from './calibrate.ts';
import { classifyPatch } from './classify.ts';
import { localExecutor, type TileExecutor } from './executor.ts';
import type { Calibration } from './features.ts';
import { pixelAreaM2, toGeometry } from './geometry.ts';
import { haloOf, resolveParams, type DetectParams, type DetectParamsInput } from './params.ts';
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
  stats: { tiles: number; components: number; patches: number; seconds: number };
}

/** Hooks of a run. */
export interface DetectHooks {
  onProgress?: (progress: DetectProgress) => void;
  signal?: AbortSignal;
  /** Where tile work runs (default: this thread). */
  executor?: TileExecutor;
}

/** Run change detection. `params` are overrides of the global defaults. */
export async function detectChanges(
  input: DetectInput,
  paramsInput: DetectParamsInput = {},
  hooks: DetectHooks = {},
): Promise<DetectResult> {
  const started = Date.now();
  const params = resolveParams(paramsInput);
  const { t1, t2, geotransform: gt, toLonLat } = input;
  const { signal, onProgress } = hooks;
  if (t1.width !== t2.width || t1.height !== t2.height)
    throw new DetectInputError(
      `T1 (${t1.width}×${t1.height}) and T2 (${t2.width}×${t2.height}) are not on one grid`,
    );
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
    if (count === 0 || count < fewestPixels) return false;
    const { cx, cy, meanZ } = s.summary(id);
    if (params.minPatchScore !== null && meanZ < params.minPatchScore) return false;
    return count * pixelArea(cx, cy) >= params.minAreaM2;
  };
  const patches: PatchFeature[] = [];
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
    const r3 = (v: number): number => Math.round(v * 1000) / 1000;
    return {
      type: 'Feature',
      geometry: toGeometry(polygons, c.x0, c.y0, gt, toLonLat),
      properties: {
        score: r3(features.meanZ),
        max_score: r3(features.maxZ),
        direction: k.direction,
        activity_type: k.activity,
        activity_conf: k.confidence,
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
  if (done !== tiles.length)
    throw new DetectInputError(`executor delivered ${done} of ${tiles.length} tiles`);
  const rest = toPatches(assembler.finish(minPixels));
  patches.push(...rest);
  onProgress?.({ phase: 'finish', done: tiles.length, total: tiles.length, patches: rest });
  return {
    patches,
    params,
    calibration,
    stats: {
      tiles: tiles.length,
      components: assembler.componentCount,
      patches: patches.length,
      seconds: (Date.now() - started) / 1000,
    },
  };
}
