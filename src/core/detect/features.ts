/**
 * Per-pixel features of a window of both dates: the IR-MAD chi-square change statistic (log1p, then
 * mean-filtered) for every pixel in one fused pass, and on demand (only candidate and patch pixels need them)
 * the vegetation index, water index and brightness of both dates on scene-normalised bands, plus the cloud and
 * cloud-shadow test. Works on any 3–6 spectral bands in canonical role order (blue, green, red, nir, swir1,
 * swir2 — those present).
 */
import { boxMean } from '../raster/box-filter.ts';
import type { Scratch } from '../raster/scratch.ts';
import type { IrMadModel } from '../raster/irmad.ts';
import type { BandArray } from '../raster/types.ts';
import { WATER_DARK } from './classify-rules.ts';
import type { SpectralRole } from './provenance.ts';

/** Per-band linear maps to scene-normalised values: n = gain·v + offset. */
export interface BandScales {
  gain: number[];
  offset: number[];
}

/** Index thresholds of the gates, resolved on the scene (null = gate off). */
export interface GateValues {
  water: number | null;
  vegetatedBoth: number | null;
  brightBoth: number | null;
  vegetatedAfter: number | null;
}

/** Scene-wide fits and statistics from the calibration sample. */
export interface Calibration {
  irmad: IrMadModel;
  /** Roles of the bands, in the order read. */
  roles: SpectralRole[];
  /** T1 bands → T1's normalised scale (its own low/high percentiles → 0/1). */
  scale1: BandScales;
  /** T2 bands → T1's normalised scale (PIF regression onto T1, then T1's scale): comparable with T1. */
  scale2: BandScales;
  /** T2 bands → T2's own normalised scale (for its own cloud test). */
  own2: BandScales;
  /** Robust location and scale of the smoothed statistic; z = (stat − median) / sigma. */
  statMedian: number;
  statSigma: number;
  /** Threshold of the smoothed statistic (stat units) and the same as a z-score. */
  threshold: number;
  zThreshold: number;
  gateValues: GateValues;
  /**
   * Pixels that are 0 in every band of a date are no data (fill outside the footprint, common in Landsat and
   * orthophoto mosaics without a declared nodata value); set when the sample holds such pixels.
   */
  zeroFill: boolean;
  /** Median vegetation index of the scene (both dates, clear pixels). */
  vegetationMedian: number;
  /** Test clouds and shadows on each date (off when the date has no cloud-like pixels in the sample). */
  clouds: { t1: boolean; t2: boolean };
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
  /** The window's bands of each date, as read (canonical role order). */
  t1: readonly BandArray[];
  t2: readonly BandArray[];
  model: PixelModel;
}

/** Indices of one pixel, written by {@link pixelIndices}. */
export const NDVI1 = 0;
export const NDVI2 = 1;
export const NDWI1 = 2;
export const NDWI2 = 3;
export const BRIGHT1 = 4;
export const BRIGHT2 = 5;

/** Band positions and scales prepared once per calibration for the per-pixel index and cloud tests. */
export interface PixelModel {
  k: number;
  blue: number;
  green: number;
  red: number;
  nir: number;
  visible: number[];
  g1: Float64Array;
  o1: Float64Array;
  g2: Float64Array;
  o2: Float64Array;
  go2: Float64Array;
  oo2: Float64Array;
  clouds: { t1: boolean; t2: boolean };
  water: number | null;
  /** Scratch of normalised values: T1, T2 on T1's scale, T2 on its own scale. */
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
}

/** Prepare the per-pixel model of a calibration (cheap; once per tile). */
export function pixelModel(
  cal: Pick<Calibration, 'roles' | 'scale1' | 'scale2' | 'own2' | 'clouds' | 'gateValues'>,
): PixelModel {
  const at = (role: SpectralRole): number => cal.roles.indexOf(role);
  const k = cal.roles.length;
  const visible = (['blue', 'green', 'red'] as const).map(at).filter((i) => i >= 0);
  return {
    k,
    blue: at('blue'),
    green: at('green'),
    red: at('red'),
    nir: at('nir'),
    visible,
    g1: Float64Array.from(cal.scale1.gain),
    o1: Float64Array.from(cal.scale1.offset),
    g2: Float64Array.from(cal.scale2.gain),
    o2: Float64Array.from(cal.scale2.offset),
    go2: Float64Array.from(cal.own2.gain),
    oo2: Float64Array.from(cal.own2.offset),
    clouds: cal.clouds,
    water: cal.gateValues.water,
    x: new Float64Array(k),
    y: new Float64Array(k),
    z: new Float64Array(k),
  };
}

/** Normalised difference of two scene-normalised values (negatives clipped: below the low percentile). */
const nd = (a: number, b: number): number => {
  const pa = a > 0 ? a : 0;
  const pb = b > 0 ? b : 0;
  return (pa - pb) / (pa + pb + 1e-3);
};

/** Vegetation index: NDVI with NIR, else excess green on the visible bands (green − red without blue). */
function vegetation(m: PixelModel, v: Float64Array): number {
  if (m.nir >= 0) return nd(v[m.nir]!, v[m.red]!);
  const g = Math.max(0, v[m.green]!);
  const r = Math.max(0, v[m.red]!);
  if (m.blue < 0) return (g - r) / (g + r + 1e-3);
  const b = Math.max(0, v[m.blue]!);
  return (2 * g - r - b) / (g + r + b + 1e-3);
}

function mean(v: Float64Array, of: readonly number[] | null, k: number): number {
  let s = 0;
  if (of) {
    for (const i of of) s += v[i]!;
    return s / of.length;
  }
  for (let i = 0; i < k; i += 1) s += v[i]!;
  return s / k;
}

/** Load pixel `p` of both dates into the model's scratch vectors (`z`, T2 on its own scale, when asked). */
function load(
  m: PixelModel,
  t1: readonly BandArray[],
  t2: readonly BandArray[],
  p: number,
  own = true,
): void {
  const { x, y, z, g1, o1, g2, o2 } = m;
  for (let b = 0; b < m.k; b += 1) {
    const c = t2[b]![p]!;
    x[b] = g1[b]! * t1[b]![p]! + o1[b]!;
    y[b] = g2[b]! * c + o2[b]!;
    if (own) z[b] = m.go2[b]! * c + m.oo2[b]!;
  }
}

/**
 * Vegetation index, water index (NaN without NIR) and brightness (mean normalised band) of T1 and of T2 on
 * T1's scale, for pixel `p`, into `out[NDVI1…BRIGHT2]`.
 */
export function pixelIndices(f: WindowFeatures, p: number, out: Float64Array): Float64Array {
  const m = f.model;
  load(m, f.t1, f.t2, p, false);
  out[NDVI1] = vegetation(m, m.x);
  out[NDVI2] = vegetation(m, m.y);
  out[NDWI1] = m.nir >= 0 ? nd(m.x[m.green]!, m.x[m.nir]!) : Number.NaN;
  out[NDWI2] = m.nir >= 0 ? nd(m.y[m.green]!, m.y[m.nir]!) : Number.NaN;
  out[BRIGHT1] = mean(m.x, null, m.k);
  out[BRIGHT2] = mean(m.y, null, m.k);
  return out;
}

/** Cloud test thresholds on scene-normalised values (0 = the band's low percentile, 1 = its high one). */
export const CLOUD = {
  /**
   * Every visible band on the date's own scale at least this bright: half the scene's range above its high
   * percentile (new roofs reach the top of the range; thick clouds go far beyond it)…
   */
  bright: 1.5,
  /** …white: (max − min) / mean of the visible bands below this… */
  whiteness: 0.3,
  /** …and brighter than the other date by this much (on one scale). */
  rise: 0.4,
  /** Shadow: mean band value on its own scale below this and darker than the other date by `drop`. */
  dark: 0.1,
  drop: 0.25,
  /** Blue at least this share of the visible mean (haze and cloud scatter blue). */
  blue: 0.85,
  /** A date is tested only when at least this share of its sample is cloud-like (a few bright pixels are not clouds). */
  minShare: 0.001,
};

function cloudLike(m: PixelModel, own: Float64Array, other: Float64Array, self: Float64Array): boolean {
  const vis = m.visible;
  let lo = Infinity;
  let hi = -Infinity;
  for (const i of vis) {
    lo = Math.min(lo, own[i]!);
    hi = Math.max(hi, own[i]!);
  }
  if (lo < CLOUD.bright) return false;
  const mv = mean(own, vis, 0);
  if ((hi - lo) / mv > CLOUD.whiteness) return false;
  if (m.blue >= 0 && own[m.blue]! < CLOUD.blue * mv) return false;
  return mean(self, vis, 0) - mean(other, vis, 0) >= CLOUD.rise;
}

function shadowLike(m: PixelModel, own: Float64Array, other: Float64Array, self: Float64Array): boolean {
  if (mean(own, null, m.k) > CLOUD.dark) return false;
  return mean(other, null, m.k) - mean(self, null, m.k) >= CLOUD.drop;
}

/** Bit 1: cloud or shadow at T1; bit 2: at T2 (0 = clear at both dates). */
export function cloudAt(
  m: PixelModel,
  t1: readonly BandArray[],
  t2: readonly BandArray[],
  p: number,
): number {
  if (!m.clouds.t1 && !m.clouds.t2) return 0;
  load(m, t1, t2, p);
  let bits = 0;
  if (m.clouds.t1 && (cloudLike(m, m.x, m.y, m.x) || shadowLike(m, m.x, m.y, m.x))) bits |= 1;
  if (m.clouds.t2 && (cloudLike(m, m.z, m.x, m.y) || shadowLike(m, m.z, m.x, m.y))) bits |= 2;
  return bits;
}

/** Cloud-like pixels (no shadow test) of each date, for the calibration's "does this date have clouds". */
export function cloudOnly(
  m: PixelModel,
  t1: readonly BandArray[],
  t2: readonly BandArray[],
  p: number,
): number {
  load(m, t1, t2, p);
  return (cloudLike(m, m.x, m.y, m.x) ? 1 : 0) | (cloudLike(m, m.z, m.x, m.y) ? 2 : 0);
}

/** Compute the change statistic of a window; `t1`, `t2` are the k bands of each date in role order. */
export function windowFeatures(
  t1: readonly BandArray[],
  t2: readonly BandArray[],
  width: number,
  height: number,
  nodata: { t1: number | null; t2: number | null },
  model: IrMadModel,
  pixel: PixelModel,
  smoothRadius: number,
  scratch?: Scratch,
  zeroFill = false,
): WindowFeatures {
  const n = width * height;
  const valid = scratch ? scratch.u8('features.valid', n) : new Uint8Array(n);
  const raw = scratch ? scratch.f32('features.raw', n) : new Float32Array(n);
  const nd1 = nodata.t1 ?? Number.NaN;
  const nd2 = nodata.t2 ?? Number.NaN;
  const isFloat = (x: BandArray): boolean => x instanceof Float32Array || x instanceof Float64Array;
  const check = zeroFill || nodata.t1 !== null || nodata.t2 !== null || [...t1, ...t2].some(isFloat);
  const allValid =
    t1.length === 4 && model.a.length === 4
      ? chi4(t1, t2, n, model, nd1, nd2, check, zeroFill, valid, raw)
      : chiK(t1, t2, n, model, nd1, nd2, check, zeroFill, valid, raw);
  const stat = boxMean(raw, width, height, smoothRadius, allValid ? undefined : valid, scratch);
  if (!allValid) for (let p = 0; p < n; p += 1) if (!valid[p]) stat[p] = Number.NaN;
  return { width, height, valid, stat, t1, t2, model: pixel };
}

/** log(1 + χ²) of k bands per date (general loop); returns whether every pixel was valid. */
function chiK(
  t1: readonly BandArray[],
  t2: readonly BandArray[],
  n: number,
  model: IrMadModel,
  nd1: number,
  nd2: number,
  check: boolean,
  zeroFill: boolean,
  valid: Uint8Array,
  raw: Float32Array,
): boolean {
  const k = t1.length;
  const ca = new Float64Array(k * k);
  const cb = new Float64Array(k * k);
  const cc = new Float64Array(k);
  for (let i = 0; i < k; i += 1) {
    const s = model.sigma[i]!;
    cc[i] = model.c[i]! / s;
    for (let j = 0; j < k; j += 1) {
      ca[i * k + j] = model.a[i]![j]! / s;
      cb[i * k + j] = model.b[i]![j]! / s;
    }
  }
  const x = new Float64Array(k);
  const y = new Float64Array(k);
  let allValid = true;
  for (let p = 0; p < n; p += 1) {
    let bad = false;
    let zero1 = zeroFill;
    let zero2 = zeroFill;
    for (let j = 0; j < k; j += 1) {
      const a = t1[j]![p]!;
      const b = t2[j]![p]!;
      x[j] = a;
      y[j] = b;
      // NaN never equals anything, so a missing nodata value matches nothing; NaN pixels fail `v === v`.
      if (check && (a === nd1 || b === nd2 || a !== a || b !== b)) bad = true;
      if (a !== 0) zero1 = false;
      if (b !== 0) zero2 = false;
    }
    if (zero1 || zero2) bad = true;
    if (bad) {
      raw[p] = Number.NaN;
      valid[p] = 0;
      allValid = false;
      continue;
    }
    valid[p] = 1;
    let chi = 0;
    for (let i = 0; i < k; i += 1) {
      let m = -cc[i]!;
      const o = i * k;
      for (let j = 0; j < k; j += 1) m += ca[o + j]! * x[j]! - cb[o + j]! * y[j]!;
      chi += m * m;
    }
    raw[p] = Math.log1p(chi);
  }
  return allValid;
}

/** log(1 + χ²) of 4 bands per date, unrolled (the common case; measurably faster than the general loop). */
function chi4(
  t1: readonly BandArray[],
  t2: readonly BandArray[],
  n: number,
  model: IrMadModel,
  nd1: number,
  nd2: number,
  check: boolean,
  zeroFill: boolean,
  valid: Uint8Array,
  raw: Float32Array,
): boolean {
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
        yn === nd2 ||
        (zeroFill &&
          ((xb === 0 && xg === 0 && xr === 0 && xn === 0) || (yb === 0 && yg === 0 && yr === 0 && yn === 0)));
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
  return allValid;
}

/**
 * Water is also dark: on per-band normalised values a bright soil in a scene whose NIR range is high can show a
 * high NDWI, so "water" also needs the mean normalised band below this (the same as the classifier's).
 */
export const WATER_MAX_BRIGHTNESS = WATER_DARK;

/** True when pixel indices pass the gates (could be change of interest); NaN indices (feature off) pass. */
export function passesGates(ix: Float64Array, gates: GateValues): boolean {
  const { water, vegetatedBoth, brightBoth, vegetatedAfter } = gates;
  if (
    water !== null &&
    ix[NDWI1]! > water &&
    ix[NDWI2]! > water &&
    ix[BRIGHT1]! < WATER_MAX_BRIGHTNESS &&
    ix[BRIGHT2]! < WATER_MAX_BRIGHTNESS
  )
    return false;
  if (vegetatedBoth !== null && ix[NDVI1]! > vegetatedBoth && ix[NDVI2]! > vegetatedBoth) return false;
  if (brightBoth !== null && ix[BRIGHT1]! > brightBoth && ix[BRIGHT2]! > brightBoth) return false;
  if (vegetatedAfter !== null && ix[NDVI2]! > vegetatedAfter) return false;
  return true;
}

/**
 * Binary change mask of a window: valid, smoothed statistic above the threshold, through the gates and clear
 * of clouds and shadows at both dates.
 */
export function changeMask(f: WindowFeatures, cal: Calibration, scratch?: Scratch): Uint8Array {
  const n = f.width * f.height;
  const mask = scratch ? scratch.u8('features.mask', n, true) : new Uint8Array(n);
  const ix = new Float64Array(6);
  const { stat, model } = f;
  const threshold = cal.threshold;
  for (let p = 0; p < n; p += 1) {
    // NaN (invalid) compares false.
    if (!(stat[p]! > threshold)) continue;
    if (!passesGates(pixelIndices(f, p, ix), cal.gateValues)) continue;
    if (cloudAt(model, f.t1, f.t2, p) !== 0) continue;
    mask[p] = 1;
  }
  return mask;
}
