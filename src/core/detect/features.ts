/**
 * Per-pixel features of a window of both dates: the IR-MAD chi-square change statistic (log1p, then
 * mean-filtered) for every pixel in one fused pass, and NDVI / NDWI / brightness of T1 and of T2 normalised
 * onto T1 on demand (only candidate and patch pixels need them).
 */
import { boxMean } from '../raster/box-filter.ts';
import type { Scratch } from '../raster/scratch.ts';
import type { IrMadModel } from '../raster/irmad.ts';
import type { BandFit } from '../raster/normalise.ts';
import type { BandArray } from '../raster/types.ts';
import type { GateParams } from './params.ts';
import { DetectInputError } from './types.ts';

/** Scene-wide fits and statistics from the calibration sample. */
export interface Calibration {
  irmad: IrMadModel;
  /** T2 → T1 per band (blue, green, red, nir). */
  normalisation: BandFit[];
  /** Robust location and scale of the smoothed statistic; z = (stat − median) / sigma. */
  statMedian: number;
  statSigma: number;
  /** Threshold of the smoothed statistic (stat units) and the same as a z-score. */
  threshold: number;
  zThreshold: number;
  samplePixels: number;
}

/** The change statistic of one window, plus what is needed to compute indices of any of its pixels. */
export interface WindowFeatures {
  width: number;
  height: number;
  /** 1 where both dates have data. */
  valid: Uint8Array;
  /** Smoothed log(1 + χ²); NaN where invalid. */
  stat: Float32Array;
  /** The window's bands (blue, green, red, nir) of each date, as read. */
  t1: readonly BandArray[];
  t2: readonly BandArray[];
  /** T2 → T1 gains and offsets per band. */
  gain: readonly number[];
  offset: readonly number[];
  /** 1 / (4 · reflectance scale): turns a sum of the 4 bands into mean reflectance. */
  brightScale: number;
}

/** Indices of one pixel, written by {@link pixelIndices}. */
export const NDVI1 = 0;
export const NDVI2 = 1;
export const NDWI1 = 2;
export const NDWI2 = 3;
export const BRIGHT1 = 4;
export const BRIGHT2 = 5;

const nd = (a: number, b: number): number => (a + b === 0 ? 0 : (a - b) / (a + b));

/**
 * NDVI, NDWI and brightness (mean reflectance) of T1 and of T2 normalised onto T1, for pixel `p`, into
 * `out[NDVI1…BRIGHT2]`. Computed on demand: only candidate and patch pixels ever need them.
 */
export function pixelIndices(f: WindowFeatures, p: number, out: Float64Array): Float64Array {
  const [b1, g1, r1, n1] = f.t1 as [BandArray, BandArray, BandArray, BandArray];
  const [b2, g2, r2, n2] = f.t2 as [BandArray, BandArray, BandArray, BandArray];
  const g = f.gain;
  const o = f.offset;
  const xb = b1[p]!;
  const xg = g1[p]!;
  const xr = r1[p]!;
  const xn = n1[p]!;
  const zb = g[0]! * b2[p]! + o[0]!;
  const zg = g[1]! * g2[p]! + o[1]!;
  const zr = g[2]! * r2[p]! + o[2]!;
  const zn = g[3]! * n2[p]! + o[3]!;
  out[NDVI1] = nd(xn, xr);
  out[NDVI2] = nd(zn, zr);
  out[NDWI1] = nd(xg, xn);
  out[NDWI2] = nd(zg, zn);
  out[BRIGHT1] = (xb + xg + xr + xn) * f.brightScale;
  out[BRIGHT2] = (zb + zg + zr + zn) * f.brightScale;
  return out;
}

/** Compute the change statistic of a window; `t1`, `t2` are the 4 bands of each date. */
export function windowFeatures(
  t1: readonly BandArray[],
  t2: readonly BandArray[],
  width: number,
  height: number,
  nodata: { t1: number | null; t2: number | null },
  model: IrMadModel,
  normalisation: readonly BandFit[],
  reflectanceScale: number,
  smoothRadius: number,
  scratch?: Scratch,
): WindowFeatures {
  if (t1.length !== 4 || t2.length !== 4 || model.a.length !== 4)
    throw new DetectInputError('detection needs 4 bands per date (blue, green, red, nir)');
  const n = width * height;
  const [b1, g1, r1, n1] = t1 as [BandArray, BandArray, BandArray, BandArray];
  const [b2, g2, r2, n2] = t2 as [BandArray, BandArray, BandArray, BandArray];
  // Coefficients of the 4 MAD variates pre-divided by their σ (m_i = A_i·x − B_i·y − C_i), as locals so the
  // loop below is straight multiply-adds.
  const k = (m: number[][], i: number, j: number): number => m[i]![j]! / model.sigma[i]!;
  const { a, b } = model;
  const a00 = k(a, 0, 0),
    a01 = k(a, 0, 1),
    a02 = k(a, 0, 2),
    a03 = k(a, 0, 3);
  const a10 = k(a, 1, 0),
    a11 = k(a, 1, 1),
    a12 = k(a, 1, 2),
    a13 = k(a, 1, 3);
  const a20 = k(a, 2, 0),
    a21 = k(a, 2, 1),
    a22 = k(a, 2, 2),
    a23 = k(a, 2, 3);
  const a30 = k(a, 3, 0),
    a31 = k(a, 3, 1),
    a32 = k(a, 3, 2),
    a33 = k(a, 3, 3);
  const b00 = k(b, 0, 0),
    b01 = k(b, 0, 1),
    b02 = k(b, 0, 2),
    b03 = k(b, 0, 3);
  const b10 = k(b, 1, 0),
    b11 = k(b, 1, 1),
    b12 = k(b, 1, 2),
    b13 = k(b, 1, 3);
  const b20 = k(b, 2, 0),
    b21 = k(b, 2, 1),
    b22 = k(b, 2, 2),
    b23 = k(b, 2, 3);
  const b30 = k(b, 3, 0),
    b31 = k(b, 3, 1),
    b32 = k(b, 3, 2),
    b33 = k(b, 3, 3);
  const [c0, c1, c2, c3] = model.c.map((v, i) => v / model.sigma[i]!) as [number, number, number, number];
  const nd1 = nodata.t1 ?? Number.NaN;
  const nd2 = nodata.t2 ?? Number.NaN;
  const isFloat = (x: BandArray): boolean => x instanceof Float32Array || x instanceof Float64Array;
  const check = nodata.t1 !== null || nodata.t2 !== null || [...t1, ...t2].some(isFloat);
  const valid = scratch ? scratch.u8('features.valid', n) : new Uint8Array(n);
  const raw = scratch ? scratch.f32('features.raw', n) : new Float32Array(n);
  // log(1 + χ²) of one pixel, for the tested loop (the untested loop repeats it inline: measurably faster).
  const stat1 = (
    xb: number,
    xg: number,
    xr: number,
    xn: number,
    yb: number,
    yg: number,
    yr: number,
    yn: number,
  ): number => {
    const m0 = a00 * xb + a01 * xg + a02 * xr + a03 * xn - (b00 * yb + b01 * yg + b02 * yr + b03 * yn) - c0;
    const m1 = a10 * xb + a11 * xg + a12 * xr + a13 * xn - (b10 * yb + b11 * yg + b12 * yr + b13 * yn) - c1;
    const m2 = a20 * xb + a21 * xg + a22 * xr + a23 * xn - (b20 * yb + b21 * yg + b22 * yr + b23 * yn) - c2;
    const m3 = a30 * xb + a31 * xg + a32 * xr + a33 * xn - (b30 * yb + b31 * yg + b32 * yr + b33 * yn) - c3;
    return Math.log1p(m0 * m0 + m1 * m1 + m2 * m2 + m3 * m3);
  };
  let allValid = true;
  if (!check) {
    // Integer bands without a nodata value: every pixel is valid, no tests in the loop.
    valid.fill(1);
    for (let p = 0; p < n; p += 1) {
      const xb = b1[p]!;
      const xg = g1[p]!;
      const xr = r1[p]!;
      const xn = n1[p]!;
      const yb = b2[p]!;
      const yg = g2[p]!;
      const yr = r2[p]!;
      const yn = n2[p]!;
      const m0 = a00 * xb + a01 * xg + a02 * xr + a03 * xn - (b00 * yb + b01 * yg + b02 * yr + b03 * yn) - c0;
      const m1 = a10 * xb + a11 * xg + a12 * xr + a13 * xn - (b10 * yb + b11 * yg + b12 * yr + b13 * yn) - c1;
      const m2 = a20 * xb + a21 * xg + a22 * xr + a23 * xn - (b20 * yb + b21 * yg + b22 * yr + b23 * yn) - c2;
      const m3 = a30 * xb + a31 * xg + a32 * xr + a33 * xn - (b30 * yb + b31 * yg + b32 * yr + b33 * yn) - c3;
      raw[p] = Math.log1p(m0 * m0 + m1 * m1 + m2 * m2 + m3 * m3);
    }
  } else {
    for (let p = 0; p < n; p += 1) {
      const xb = b1[p]!;
      const xg = g1[p]!;
      const xr = r1[p]!;
      const xn = n1[p]!;
      const yb = b2[p]!;
      const yg = g2[p]!;
      const yr = r2[p]!;
      const yn = n2[p]!;
      // NaN never equals anything, so a missing nodata value matches nothing; NaN pixels fail `s === s`.
      const s = xb + xg + xr + xn + yb + yg + yr + yn;
      const bad =
        xb === nd1 ||
        xg === nd1 ||
        xr === nd1 ||
        xn === nd1 ||
        yb === nd2 ||
        yg === nd2 ||
        yr === nd2 ||
        yn === nd2;
      if (bad || s !== s) {
        raw[p] = Number.NaN;
        valid[p] = 0;
        allValid = false;
      } else {
        valid[p] = 1;
        raw[p] = stat1(xb, xg, xr, xn, yb, yg, yr, yn);
      }
    }
  }
  const stat = boxMean(raw, width, height, smoothRadius, allValid ? undefined : valid, scratch);
  if (!allValid) for (let p = 0; p < n; p += 1) if (!valid[p]) stat[p] = Number.NaN;
  return {
    width,
    height,
    valid,
    stat,
    t1,
    t2,
    gain: normalisation.map((f) => f.gain),
    offset: normalisation.map((f) => f.offset),
    brightScale: 1 / (4 * reflectanceScale),
  };
}

/** True when pixel indices pass the gates (could be change of interest). */
export function passesGates(ix: Float64Array, gates: GateParams): boolean {
  const { waterBoth, vegetatedBoth, brightBoth, vegetatedAfter } = gates;
  if (waterBoth !== null && ix[NDWI1]! > waterBoth && ix[NDWI2]! > waterBoth) return false;
  if (vegetatedBoth !== null && ix[NDVI1]! > vegetatedBoth && ix[NDVI2]! > vegetatedBoth) return false;
  if (brightBoth !== null && ix[BRIGHT1]! > brightBoth && ix[BRIGHT2]! > brightBoth) return false;
  if (vegetatedAfter !== null && ix[NDVI2]! > vegetatedAfter) return false;
  return true;
}

/** Binary change mask of a window: valid, smoothed statistic above the threshold, and through the gates. */
export function changeMask(
  f: WindowFeatures,
  threshold: number,
  gates: GateParams,
  scratch?: Scratch,
): Uint8Array {
  const n = f.width * f.height;
  const mask = scratch ? scratch.u8('features.mask', n, true) : new Uint8Array(n);
  const ix = new Float64Array(6);
  const stat = f.stat;
  for (let p = 0; p < n; p += 1) {
    // NaN (invalid) compares false.
    if (stat[p]! > threshold && passesGates(pixelIndices(f, p, ix), gates)) mask[p] = 1;
  }
  return mask;
}
