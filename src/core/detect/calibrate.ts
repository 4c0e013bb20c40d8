/**
 * First pass: read a sample of the scene (all of it when small, else evenly spread windows), fit IR-MAD and
 * the T2 → T1 normalisation on evenly spaced sample pixels, and measure the distribution of the smoothed
 * change statistic to place the threshold. Memory is bounded by `samplePixels`.
 */
import { fitIrMad } from '../raster/irmad.ts';
import { fitBandNormalisation } from '../raster/normalise.ts';
import { robustLocationScale } from '../raster/stats.ts';
import { resolveThreshold } from '../raster/threshold.ts';
import type { BandArray, PixelWindow } from '../raster/types.ts';
import { windowFeatures, type Calibration } from './features.ts';
import type { DetectParams } from './params.ts';
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
  return valid;
}

/** Run the calibration pass. */
export async function calibrate(
  input: DetectInput,
  params: DetectParams,
  signal?: AbortSignal,
  onWindow?: (done: number, total: number) => void,
): Promise<Calibration> {
  const { t1, t2 } = input;
  const windows = sampleWindows(t1.width, t1.height, params.samplePixels, params.sampleWindow);
  const reads: { w: PixelWindow; a: BandArray[]; b: BandArray[]; ok: Uint8Array }[] = [];
  let valid = 0;
  // Request every sample window at once so asynchronous decoders work on them in parallel.
  const pending = windows.map((w) => Promise.all([t1.readWindow(w, signal), t2.readWindow(w, signal)]));
  // If we stop early (cancel, error), the reads still in flight must not surface as unhandled rejections.
  for (const p of pending) p.catch(() => undefined);
  for (const [k, w] of windows.entries()) {
    if (signal?.aborted) throw new DetectCancelledError();
    const [a, b] = await pending[k]!;
    const n = (w.x1 - w.x0) * (w.y1 - w.y0);
    const ok = validMask(a, b, n, t1.nodata, t2.nodata);
    for (let p = 0; p < n; p += 1) valid += ok[p]!;
    reads.push({ w, a, b, ok });
    onWindow?.(k + 1, windows.length);
  }
  if (valid < 1000) throw new DetectInputError(`only ${valid} pixels have data in both dates`);
  // Evenly spaced fit pixels across the sample.
  const step = Math.max(1, Math.floor(valid / params.fitPixels));
  const fitCount = Math.floor((valid - 1) / step) + 1;
  const x = Array.from({ length: 4 }, () => new Float32Array(fitCount));
  const y = Array.from({ length: 4 }, () => new Float32Array(fitCount));
  let seen = 0;
  let taken = 0;
  for (const { w, a, b, ok } of reads) {
    const n = (w.x1 - w.x0) * (w.y1 - w.y0);
    for (let p = 0; p < n; p += 1) {
      if (!ok[p]) continue;
      if (seen++ % step !== 0 || taken >= fitCount) continue;
      for (let band = 0; band < 4; band += 1) {
        x[band]![taken] = a[band]![p]!;
        y[band]![taken] = b[band]![p]!;
      }
      taken += 1;
    }
  }
  let irmad;
  try {
    irmad = fitIrMad(x, y).model;
  } catch (error) {
    throw new DetectInputError('cannot relate the two dates (constant or collinear bands?)', {
      cause: error,
    });
  }
  const normalisation = x.map((xb, band) => fitBandNormalisation(xb, y[band]!));
  // Distribution of the smoothed statistic over the sample (windows smoothed on their own).
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
      normalisation,
      params.reflectanceScale,
      params.smoothRadius,
    );
    for (let p = 0; p < f.stat.length; p += 1) if (f.valid[p]) values[filled++] = f.stat[p]!;
  }
  const { median, sigma } = robustLocationScale(values);
  const threshold =
    params.threshold.method === 'robust_z'
      ? median + params.threshold.k * sigma
      : resolveThreshold(params.threshold, values);
  const scale = sigma > 0 ? sigma : 1;
  return {
    irmad,
    normalisation,
    statMedian: median,
    statSigma: scale,
    threshold,
    zThreshold: (threshold - median) / scale,
    samplePixels: valid,
  };
}
