import type { MultiPolygon, Polygon, Position } from 'geojson';
import { RunLabeller } from './label-runs.ts';
import { openClose } from './morphology.ts';
import { byteHistogram, otsuThreshold } from './otsu.ts';
import { componentToPatch, type ChangePatch } from './patches.ts';
import { isGeographic, pixelAreaM2 } from './pixel-area.ts';
import { polygonsInPixels } from './rasterize.ts';
import { samplePass, statisticPass, type ScanInputs } from './scan.ts';
import { ChangeCancelledError, ChangeInputError, type RasterSource } from './source.ts';
import { DEFAULT_WEIGHTS, type StatisticWeights } from './statistic.ts';

/** Options of one run; every field has a global default (no per-scene tuning). */
export interface ChangeOptions {
  /** Zero-based indexes of blue, green, red, nir in T1 and T2. */
  bands1: readonly number[];
  bands2: readonly number[];
  /** Red-line polygons to search inside (lon/lat); empty = whole scene. */
  include?: readonly (Polygon | MultiPolygon)[];
  /** Reserves excluded from the search (lon/lat). */
  exclude?: readonly (Polygon | MultiPolygon)[];
  /** null = Otsu; otherwise 0..1, higher finds more. */
  sensitivity?: number | null;
  minAreaM2?: number;
  stripRows?: number;
  smoothRadius?: number;
  open?: boolean;
  close?: boolean;
  weights?: StatisticWeights;
  /** Multiplies the Otsu threshold (global bias; 1 = plain Otsu). */
  otsuFactor?: number;
  /**
   * When set, the automatic threshold is this value of the statistic (z-units of T2's band spread) instead
   * of Otsu × otsuFactor.
   */
  fixedThreshold?: number | null;
  /** Douglas–Peucker tolerance in pixels. */
  simplifyPixels?: number;
  signal?: AbortSignal;
}

/** Progress after each step; `patches` are the ones completed in that strip (for a live preview). */
export type ChangeProgress = (share: number, message: string, patches: ChangePatch[]) => void;

export interface ChangeResult {
  patches: ChangePatch[];
  params: Record<string, unknown>;
}

export const DEFAULTS = {
  minAreaM2: 400,
  stripRows: 512,
  smoothRadius: 1,
  open: true,
  close: true,
  otsuFactor: 1.6,
  simplifyPixels: 0.75,
};

/**
 * The change-detection pipeline over two windowed rasters on lon/lat grids (T1 is resampled onto T2's
 * grid). Memory: two bytes per scene pixel (statistic, direction) plus one scratch byte for morphology,
 * plus the strips being read.
 */
export async function detectChanges(
  t1: RasterSource,
  t2: RasterSource,
  options: ChangeOptions,
  onProgress: ChangeProgress = () => undefined,
): Promise<ChangeResult> {
  const o = { ...DEFAULTS, ...stripUndefined(options) };
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const { width, height, transform } = t2;
  if (!isGeographic(transform, width, height) || !isGeographic(t1.transform, t1.width, t1.height)) {
    throw new ChangeInputError('change detection needs images on a lon/lat grid');
  }
  if (options.bands1.length !== 4 || options.bands2.length !== 4) {
    throw new ChangeInputError('change detection needs blue, green, red and nir bands in both images');
  }
  const check = (): void => {
    if (options.signal?.aborted) throw new ChangeCancelledError();
  };
  const toPixel = (p: Position): [number, number] => [
    ((p[0] as number) - transform.x0) / transform.dx,
    ((p[1] as number) - transform.y0) / transform.dy,
  ];
  const inputs: ScanInputs = {
    t1,
    t2,
    bands1: options.bands1,
    bands2: options.bands2,
    stripRows: o.stripRows,
    include: polygonsInPixels(options.include ?? [], toPixel),
    exclude: polygonsInPixels(options.exclude ?? [], toPixel),
    check,
  };
  const { norm, scale, samples } = await samplePass(inputs, weights, 400_000, (s) =>
    onProgress(s * 0.3, '采样归一化', []),
  );
  const statistic = new Uint8Array(width * height);
  const direction = new Uint8Array(width * height);
  await statisticPass(inputs, norm, weights, scale, o.smoothRadius, statistic, direction, (s) =>
    onProgress(0.3 + s * 0.5, '变化强度', []),
  );
  check();
  const otsu = otsuThreshold(byteHistogram(statistic, 0));
  const sensitivity = options.sensitivity ?? null;
  const fixed = options.fixedThreshold ?? null;
  const automatic = fixed === null ? otsu * o.otsuFactor : 1 + (fixed * 250) / scale;
  const threshold =
    sensitivity === null
      ? Math.max(2, Math.min(255, Math.round(automatic)))
      : Math.max(2, Math.round(255 - Math.min(1, Math.max(0, sensitivity)) * 253));
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = (statistic[i] as number) >= threshold ? 1 : 0;
  openClose(mask, width, height, new Uint8Array(width * height), o);
  // Closing may add pixels outside the search area: those are never reported.
  for (let i = 0; i < mask.length; i++) if (statistic[i] === 0) mask[i] = 0;

  const centreLat = transform.y0 + (height / 2) * transform.dy;
  const areaPerPixel = pixelAreaM2(transform, centreLat);
  const minPixels = Math.max(1, Math.ceil(o.minAreaM2 / areaPerPixel));
  const labeller = new RunLabeller(width);
  const patches: ChangePatch[] = [];
  const toPatches = (components: ReturnType<RunLabeller['finish']>): ChangePatch[] =>
    components
      .filter((c) => c.pixelCount >= minPixels)
      .map((c) =>
        componentToPatch(c, width, statistic, direction, transform, areaPerPixel, o.simplifyPixels),
      );
  for (let row0 = 0; row0 < height; row0 += o.stripRows) {
    check();
    const rows = Math.min(o.stripRows, height - row0);
    const done = toPatches(labeller.addRows(mask, rows, row0, row0 * width));
    patches.push(...done);
    onProgress(0.8 + (0.2 * (row0 + rows)) / height, '图斑提取', done);
  }
  const last = toPatches(labeller.finish());
  patches.push(...last);
  if (last.length > 0) onProgress(1, '图斑提取', last);
  return {
    patches,
    params: {
      method: 'normalised change vector (water/green damped) + Otsu × factor',
      threshold: threshold / 254,
      thresholdByte: threshold,
      otsuByte: otsu,
      thresholdMode: sensitivity !== null ? 'sensitivity' : fixed === null ? 'otsu' : 'fixed',
      fixedThreshold: fixed,
      statisticScale: scale,
      normalisation: norm,
      samples,
      weights,
      pixelAreaM2: areaPerPixel,
      minPixels,
      minAreaM2: o.minAreaM2,
      stripRows: o.stripRows,
      smoothRadius: o.smoothRadius,
      open: o.open,
      close: o.close,
      otsuFactor: o.otsuFactor,
      simplifyPixels: o.simplifyPixels,
      sensitivity,
    },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
