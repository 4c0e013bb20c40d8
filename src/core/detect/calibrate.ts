/**
 * First pass: read a sample of the scene (all of it when small, else evenly spread windows); on evenly spaced
 * sample pixels measure the radiometry (data type, range, per-band percentiles), fit IR-MAD and the T2 → T1
 * normalisation, find whether a date has clouds and place the gates at the scene's own quantiles; then measure
 * the distribution of the smoothed change statistic to place the threshold. Memory is bounded by
 * `samplePixels`.
 */
import { fitIrMad } from '../raster/irmad.ts';
import { fitBandNormalisation } from '../raster/normalise.ts';
import { quantileSorted, robustLocationScale, sortedFinite } from '../raster/stats.ts';
import { resolveThresholdDetailed, type ResolvedThreshold } from '../raster/threshold.ts';
import type { BandArray, PixelWindow } from '../raster/types.ts';
import {
  BRIGHT1,
  BRIGHT2,
  CLOUD,
  NDVI1,
  NDVI2,
  cloudAt,
  cloudOnly,
  pixelIndices,
  pixelModel,
  windowFeatures,
  type BandScales,
  type Calibration,
  type WindowFeatures,
} from './features.ts';
import type { DetectParams } from './params.ts';
import type { DataTypeName, SpectralRole } from './provenance.ts';
import { DetectCancelledError, DetectInputError, type DetectInput } from './types.ts';

/** Windows of the calibration sample: the whole scene if it fits, else a regular grid of aligned windows. */
export function sampleWindows(width: number, height: number, maxPixels: number, size: number): PixelWindow[] {
  if (width * height <= maxPixels) return [{ x0: 0, y0: 0, x1: width, y1: height }];
  const s = Math.min(size, width, height);
  const count = Math.max(1, Math.floor(maxPixels / (s * s)));
  const nx = Math.max(1, Math.min(Math.floor(width / s), Math.round(Math.sqrt((count * width) / height))));
  const ny = Math.max(1, Math.min(Math.floor(height / s), Math.floor(count / nx)));
  const windows: PixelWindow[] = [];
  for (let j = 0; j < ny; j += 1)
    for (let i = 0; i < nx; i += 1) {
      const cx = ((i + 0.5) * width) / nx;
      const cy = ((j + 0.5) * height) / ny;
      const x0 = Math.min(width - s, Math.max(0, Math.floor(cx / s) * s));
      const y0 = Math.min(height - s, Math.max(0, Math.floor(cy / s) * s));
      windows.push({ x0, y0, x1: x0 + s, y1: y0 + s });
    }
  return windows;
}

/** 1 where every band of both dates has data. */
function validMask(
  t1: readonly BandArray[],
  t2: readonly BandArray[],
  n: number,
  nd1: number | null,
  nd2: number | null,
): Uint8Array {
  const valid = new Uint8Array(n).fill(1);
  for (const [bands, nd] of [
    [t1, nd1],
    [t2, nd2],
  ] as const)
    for (const band of bands)
      for (let p = 0; p < n; p += 1) {
        const v = band[p]!;
        if (v === nd || v !== v) valid[p] = 0;
      }
  for (const bands of [t1, t2]) for (let p = 0; p < n; p += 1) if (allZero(bands, p)) valid[p] = 0;
  return valid;
}

/** True when every band of a date is 0 at pixel `p` (fill outside the acquired footprint). */
function allZero(bands: readonly BandArray[], p: number): boolean {
  for (const band of bands) if (band[p] !== 0) return false;
  return true;
}

/** True when some sample pixel is 0 in every band of a date: the files use 0 as fill without saying so. */
function hasZeroFill(reads: readonly { a: BandArray[]; b: BandArray[] }[]): boolean {
  for (const { a, b } of reads) {
    const n = a[0]!.length;
    for (let p = 0; p < n; p += 1) if (allZero(a, p) || allZero(b, p)) return true;
  }
  return false;
}

/** What the calibration measured, for the run's provenance. */
export interface CalibrationReport {
  dataType: DataTypeName;
  valueRange: [number, number];
  /** Bits used by integer data; null for floats. */
  bitDepth: number | null;
  /** Share of the sample masked as cloud or shadow on each date. */
  cloudShare: { t1: number; t2: number };
  threshold: ResolvedThreshold;
  /** Share of the (cloud-free) sample above the threshold. */
  changeShare: number;
}

const DEFAULT_ROLES: SpectralRole[] = ['blue', 'green', 'red', 'nir'];

function dataTypeOf(band: BandArray): DataTypeName {
  if (band instanceof Uint8Array || band instanceof Uint8ClampedArray) return 'uint8';
  if (band instanceof Int8Array) return 'int8';
  if (band instanceof Uint16Array) return 'uint16';
  if (band instanceof Int16Array) return 'int16';
  if (band instanceof Uint32Array) return 'uint32';
  if (band instanceof Int32Array) return 'int32';
  if (band instanceof Float64Array) return 'float64';
  return 'float32';
}

/** Per-band map of a date's values onto 0–1 between its low and high percentiles. */
function percentileScales(bands: readonly Float32Array[], lo: number, hi: number): BandScales {
  const gain: number[] = [];
  const offset: number[] = [];
  for (const band of bands) {
    const sorted = sortedFinite(band);
    const a = quantileSorted(sorted, lo / 100);
    const b = quantileSorted(sorted, hi / 100);
    const span = b > a ? b - a : Math.max(Math.abs(a), 1);
    gain.push(1 / span);
    offset.push(-a / span);
  }
  return { gain, offset };
}

/** Run the calibration pass. */
export async function calibrate(
  input: DetectInput,
  params: DetectParams,
  signal?: AbortSignal,
  onWindow?: (done: number, total: number) => void,
): Promise<Calibration & { report: CalibrationReport }> {
  const { t1, t2 } = input;
  const roles = input.roles ?? DEFAULT_ROLES;
  const k = roles.length;
  const windows = sampleWindows(t1.width, t1.height, params.samplePixels, params.sampleWindow);
  const reads: { w: PixelWindow; a: BandArray[]; b: BandArray[]; ok: Uint8Array }[] = [];
  let valid = 0;
  // Request every sample window at once so asynchronous decoders work on them in parallel.
  const pending = windows.map((w) => Promise.all([t1.readWindow(w, signal), t2.readWindow(w, signal)]));
  // If we stop early (cancel, error), the reads still in flight must not surface as unhandled rejections.
  for (const p of pending) p.catch(() => undefined);
  for (const [i, w] of windows.entries()) {
    if (signal?.aborted) throw new DetectCancelledError();
    const [a, b] = await pending[i]!;
    const n = (w.x1 - w.x0) * (w.y1 - w.y0);
    const ok = validMask(a, b, n, t1.nodata, t2.nodata);
    for (let p = 0; p < n; p += 1) valid += ok[p]!;
    reads.push({ w, a, b, ok });
    onWindow?.(i + 1, windows.length);
  }
  if (valid < 1000) throw new DetectInputError('too_few_valid', { valid });
  const zeroFill = hasZeroFill(reads);
  // Evenly spaced fit pixels across the sample.
  const step = Math.max(1, Math.floor(valid / params.fitPixels));
  const fitCount = Math.floor((valid - 1) / step) + 1;
  const x = Array.from({ length: k }, () => new Float32Array(fitCount));
  const y = Array.from({ length: k }, () => new Float32Array(fitCount));
  let seen = 0;
  let taken = 0;
  let lowest = Infinity;
  let highest = -Infinity;
  for (const { w, a, b, ok } of reads) {
    const n = (w.x1 - w.x0) * (w.y1 - w.y0);
    for (let p = 0; p < n; p += 1) {
      if (!ok[p]) continue;
      if (seen++ % step !== 0 || taken >= fitCount) continue;
      for (let band = 0; band < k; band += 1) {
        const u = a[band]![p]!;
        const v = b[band]![p]!;
        x[band]![taken] = u;
        y[band]![taken] = v;
        lowest = Math.min(lowest, u, v);
        highest = Math.max(highest, u, v);
      }
      taken += 1;
    }
  }
  const dataType = dataTypeOf(reads[0]!.a[0]!);
  const integer = !dataType.startsWith('float');
  let irmad;
  try {
    irmad = fitIrMad(x, y).model;
  } catch (error) {
    throw new DetectInputError('dates_unrelated', {}, { cause: error });
  }
  // Radiometry: every date and band on its own 0–1 scale (low → high percentile); T2 also onto T1's scale
  // through the pseudo-invariant regression, so indices of the two dates compare.
  const [plo, phi] = params.percentiles;
  const scale1 = percentileScales(x, plo, phi);
  const own2 = percentileScales(y, plo, phi);
  const fits = x.map((xb, band) => fitBandNormalisation(xb, y[band]!));
  const scale2: BandScales = {
    gain: fits.map((f, band) => scale1.gain[band]! * f.gain),
    offset: fits.map((f, band) => scale1.gain[band]! * f.offset + scale1.offset[band]!),
  };
  const base = {
    roles,
    scale1,
    scale2,
    own2,
    gateValues: { water: null, vegetatedBoth: null, brightBoth: null, vegetatedAfter: null },
  };
  // Clouds: a date is tested only when its sample holds cloud-like pixels (the shadow test needs clouds).
  const probe = pixelModel({ ...base, clouds: { t1: true, t2: true } });
  let cloudy1 = 0;
  let cloudy2 = 0;
  for (let p = 0; p < fitCount; p += 1) {
    const bits = cloudOnly(probe, x, y, p);
    cloudy1 += bits & 1;
    cloudy2 += bits >> 1;
  }
  const clouds = {
    t1: params.cloudMask && cloudy1 >= CLOUD.minShare * fitCount,
    t2: params.cloudMask && cloudy2 >= CLOUD.minShare * fitCount,
  };
  const model = pixelModel({ ...base, clouds });
  // Gates at the scene's own quantiles of the vegetation index and brightness (both dates, clear pixels).
  const veg = new Float64Array(2 * fitCount);
  const bright = new Float64Array(2 * fitCount);
  const masked = { t1: 0, t2: 0 };
  const ix = new Float64Array(6);
  const fitView: WindowFeatures = {
    width: fitCount,
    height: 1,
    valid: new Uint8Array(0),
    stat: new Float32Array(0),
    t1: x,
    t2: y,
    model,
  };
  let clear = 0;
  for (let p = 0; p < fitCount; p += 1) {
    const bits = cloudAt(model, x, y, p);
    masked.t1 += bits & 1;
    masked.t2 += bits >> 1;
    if (bits) continue;
    pixelIndices(fitView, p, ix);
    veg[2 * clear] = ix[NDVI1]!;
    veg[2 * clear + 1] = ix[NDVI2]!;
    bright[2 * clear] = ix[BRIGHT1]!;
    bright[2 * clear + 1] = ix[BRIGHT2]!;
    clear += 1;
  }
  const vegSorted = sortedFinite(veg.subarray(0, 2 * clear));
  const brightSorted = sortedFinite(bright.subarray(0, 2 * clear));
  const q = (sorted: Float64Array, at: number | null): number | null =>
    at === null || sorted.length === 0 ? null : quantileSorted(sorted, at);
  const g = params.gates;
  const gateValues = {
    water: roles.includes('nir') ? g.waterBoth : null,
    vegetatedBoth: q(vegSorted, g.vegetatedBoth),
    brightBoth: q(brightSorted, g.brightBoth),
    vegetatedAfter: q(vegSorted, g.vegetatedAfter),
  };
  // Distribution of the smoothed statistic over the sample (windows smoothed on their own), clouds left out.
  const values = new Float64Array(valid);
  let filled = 0;
  for (const { w, a, b } of reads) {
    const f = windowFeatures(
      a,
      b,
      w.x1 - w.x0,
      w.y1 - w.y0,
      { t1: t1.nodata, t2: t2.nodata },
      irmad,
      model,
      params.smoothRadius,
      undefined,
      zeroFill,
    );
    for (let p = 0; p < f.stat.length; p += 1)
      if (f.valid[p] && cloudAt(model, a, b, p) === 0) values[filled++] = f.stat[p]!;
  }
  const sample = values.subarray(0, filled);
  const { median, sigma } = robustLocationScale(sample);
  const threshold = resolveThresholdDetailed(params.threshold, sample);
  let above = 0;
  for (let p = 0; p < filled; p += 1) if (sample[p]! > threshold.value) above += 1;
  const scale = sigma > 0 ? sigma : 1;
  return {
    irmad,
    roles,
    scale1,
    scale2,
    own2,
    statMedian: median,
    statSigma: scale,
    threshold: threshold.value,
    zThreshold: (threshold.value - median) / scale,
    gateValues,
    zeroFill,
    vegetationMedian: vegSorted.length > 0 ? quantileSorted(vegSorted, 0.5) : 0,
    clouds,
    samplePixels: valid,
    report: {
      dataType,
      valueRange: [lowest, highest],
      bitDepth: integer ? Math.max(1, Math.ceil(Math.log2(Math.max(highest, 1) + 1))) : null,
      cloudShare: { t1: masked.t1 / fitCount, t2: masked.t2 / fitCount },
      threshold,
      changeShare: filled > 0 ? above / filled : 0,
    },
  };
}
