/**
 * IR-MAD (iteratively re-weighted multivariate alteration detection, Nielsen 2007): canonical correlation
 * between the bands of two dates, re-weighted towards pixels that look unchanged. Its chi-square statistic
 * is invariant to any linear (gain/offset) change of each band, so it absorbs radiometric differences between
 * dates (sun, haze, sensor gain) that make plain band differences noisy.
 */
import {
  cholesky,
  invertLower,
  invertSpd,
  multiply,
  symmetricEigen,
  transpose,
  type Matrix,
} from './linalg.ts';
import { chiSquareCdf } from './stats.ts';
import { RasterError } from './types.ts';

/** The fitted transform: M_i = Σ_b a[i][b]·x_b − Σ_b b[i][b]·y_b − c[i]; chi² = Σ_i (M_i / sigma_i)². */
export interface IrMadModel {
  /** Canonical vectors of date 1, one row per MAD variate. */
  a: number[][];
  /** Canonical vectors of date 2. */
  b: number[][];
  /** Constant of each MAD variate (so that its weighted mean is 0). */
  c: number[];
  /** Standard deviation of each MAD variate: sqrt(2·(1 − ρ_i)). */
  sigma: number[];
  /** Canonical correlations ρ_i, ascending. */
  rho: number[];
  iterations: number;
}

/** Options of {@link fitIrMad}. */
export interface IrMadOptions {
  maxIterations?: number;
  /** Stop when no canonical correlation moves by more than this. */
  tolerance?: number;
}

/** The 36 weighted cross-product sums of 8 centred columns, unrolled (the common 4-band case). */
function crossProducts8(z: Float64Array, w: Float64Array, mean: readonly number[], acc: Float64Array): void {
  const [m0, m1, m2, m3, m4, m5, m6, m7] = mean as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  let s00 = 0;
  let s01 = 0;
  let s02 = 0;
  let s03 = 0;
  let s04 = 0;
  let s05 = 0;
  let s06 = 0;
  let s07 = 0;
  let s11 = 0;
  let s12 = 0;
  let s13 = 0;
  let s14 = 0;
  let s15 = 0;
  let s16 = 0;
  let s17 = 0;
  let s22 = 0;
  let s23 = 0;
  let s24 = 0;
  let s25 = 0;
  let s26 = 0;
  let s27 = 0;
  let s33 = 0;
  let s34 = 0;
  let s35 = 0;
  let s36 = 0;
  let s37 = 0;
  let s44 = 0;
  let s45 = 0;
  let s46 = 0;
  let s47 = 0;
  let s55 = 0;
  let s56 = 0;
  let s57 = 0;
  let s66 = 0;
  let s67 = 0;
  let s77 = 0;
  for (let i = 0; i < w.length; i += 1) {
    const wi = w[i]!;
    if (wi < 1e-12) continue;
    const o = i * 8;
    const d0 = z[o + 0]! - m0;
    const d1 = z[o + 1]! - m1;
    const d2 = z[o + 2]! - m2;
    const d3 = z[o + 3]! - m3;
    const d4 = z[o + 4]! - m4;
    const d5 = z[o + 5]! - m5;
    const d6 = z[o + 6]! - m6;
    const d7 = z[o + 7]! - m7;
    const e0 = wi * d0;
    const e1 = wi * d1;
    const e2 = wi * d2;
    const e3 = wi * d3;
    const e4 = wi * d4;
    const e5 = wi * d5;
    const e6 = wi * d6;
    const e7 = wi * d7;
    s00 += e0 * d0;
    s01 += e0 * d1;
    s02 += e0 * d2;
    s03 += e0 * d3;
    s04 += e0 * d4;
    s05 += e0 * d5;
    s06 += e0 * d6;
    s07 += e0 * d7;
    s11 += e1 * d1;
    s12 += e1 * d2;
    s13 += e1 * d3;
    s14 += e1 * d4;
    s15 += e1 * d5;
    s16 += e1 * d6;
    s17 += e1 * d7;
    s22 += e2 * d2;
    s23 += e2 * d3;
    s24 += e2 * d4;
    s25 += e2 * d5;
    s26 += e2 * d6;
    s27 += e2 * d7;
    s33 += e3 * d3;
    s34 += e3 * d4;
    s35 += e3 * d5;
    s36 += e3 * d6;
    s37 += e3 * d7;
    s44 += e4 * d4;
    s45 += e4 * d5;
    s46 += e4 * d6;
    s47 += e4 * d7;
    s55 += e5 * d5;
    s56 += e5 * d6;
    s57 += e5 * d7;
    s66 += e6 * d6;
    s67 += e6 * d7;
    s77 += e7 * d7;
  }
  acc[0] = s00;
  acc[1] = s01;
  acc[2] = s02;
  acc[3] = s03;
  acc[4] = s04;
  acc[5] = s05;
  acc[6] = s06;
  acc[7] = s07;
  acc[9] = s11;
  acc[10] = s12;
  acc[11] = s13;
  acc[12] = s14;
  acc[13] = s15;
  acc[14] = s16;
  acc[15] = s17;
  acc[18] = s22;
  acc[19] = s23;
  acc[20] = s24;
  acc[21] = s25;
  acc[22] = s26;
  acc[23] = s27;
  acc[27] = s33;
  acc[28] = s34;
  acc[29] = s35;
  acc[30] = s36;
  acc[31] = s37;
  acc[36] = s44;
  acc[37] = s45;
  acc[38] = s46;
  acc[39] = s47;
  acc[45] = s55;
  acc[46] = s56;
  acc[47] = s57;
  acc[54] = s66;
  acc[55] = s67;
  acc[63] = s77;
}

/** Weighted mean and covariance of the k columns of row-major data `z` (n rows). */
function weightedCovariance(z: Float64Array, k: number, w: Float64Array): { mean: number[]; cov: Matrix } {
  const n = w.length;
  let sw = 0;
  const sum = new Float64Array(k);
  for (let i = 0; i < n; i += 1) {
    const wi = w[i]!;
    sw += wi;
    const o = i * k;
    for (let p = 0; p < k; p += 1) sum[p] = sum[p]! + wi * z[o + p]!;
  }
  if (!(sw > 0)) throw new RasterError('IR-MAD: all weights are zero');
  const mean = Array.from(sum, (v) => v / sw);
  // One pass over the rows, accumulating the upper triangle of the weighted cross products.
  const acc = new Float64Array(k * k);
  const d = new Float64Array(k);
  if (k === 8) crossProducts8(z, w, mean, acc);
  else
    for (let i = 0; i < n; i += 1) {
      const wi = w[i]!;
      if (wi < 1e-12) continue;
      const o = i * k;
      for (let p = 0; p < k; p += 1) d[p] = z[o + p]! - mean[p]!;
      for (let p = 0; p < k; p += 1) {
        const wp = wi * d[p]!;
        const row = p * k;
        for (let q = p; q < k; q += 1) acc[row + q] = acc[row + q]! + wp * d[q]!;
      }
    }
  const cov: Matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let p = 0; p < k; p += 1)
    for (let q = p; q < k; q += 1) {
      cov[p]![q] = acc[p * k + q]! / sw;
      cov[q]![p] = acc[p * k + q]! / sw;
    }
  return { mean, cov };
}

/** χ² of every row of `z` (x bands then y bands) under a model. */
function chiSquareRows(model: IrMadModel, z: Float64Array, k: number, out: Float64Array): void {
  const n = out.length;
  const coef = new Float64Array(k * 2 * k);
  for (let i = 0; i < k; i += 1)
    for (let j = 0; j < k; j += 1) {
      coef[i * 2 * k + j] = model.a[i]![j]! / model.sigma[i]!;
      coef[i * 2 * k + k + j] = -model.b[i]![j]! / model.sigma[i]!;
    }
  const c = model.c.map((v, i) => v / model.sigma[i]!);
  const m = 2 * k;
  for (let r = 0; r < n; r += 1) {
    const o = r * m;
    let chi = 0;
    for (let i = 0; i < k; i += 1) {
      let v = -c[i]!;
      const co = i * m;
      for (let j = 0; j < m; j += 1) v += coef[co + j]! * z[o + j]!;
      chi += v * v;
    }
    out[r] = chi;
  }
}

function block(m: Matrix, r0: number, c0: number, size: number): Matrix {
  return m.slice(r0, r0 + size).map((row) => row.slice(c0, c0 + size));
}

/**
 * Fit IR-MAD on samples of the two dates (`x[band][pixel]`, `y[band][pixel]`, same band count).
 * Returns the model and the final no-change weights of the samples (1 = surely unchanged).
 */
export function fitIrMad(
  x: readonly Float32Array[],
  y: readonly Float32Array[],
  options: IrMadOptions = {},
): { model: IrMadModel; weights: Float64Array } {
  const k = x.length;
  if (k === 0 || y.length !== k)
    throw new RasterError('IR-MAD needs the same number (> 0) of bands per date');
  const n = x[0]!.length;
  const maxIterations = options.maxIterations ?? 15;
  const tolerance = options.tolerance ?? 1e-4;
  const w = new Float64Array(n).fill(1);
  // Row-major copy (x bands then y bands per pixel): the iterations below stream through it.
  const z = new Float64Array(n * 2 * k);
  for (let i = 0; i < n; i += 1)
    for (let j = 0; j < k; j += 1) {
      z[i * 2 * k + j] = x[j]![i]!;
      z[i * 2 * k + k + j] = y[j]![i]!;
    }
  const chi = new Float64Array(n);
  let rho: number[] = new Array<number>(k).fill(0);
  let model: IrMadModel | null = null;
  let iterations = 0;
  for (let it = 0; it < maxIterations; it += 1) {
    iterations = it + 1;
    const { mean, cov } = weightedCovariance(z, 2 * k, w);
    const s11 = block(cov, 0, 0, k);
    const s22 = block(cov, k, k, k);
    const s12 = block(cov, 0, k, k);
    const s21 = transpose(s12);
    const s22inv = invertSpd(s22);
    // Generalised problem S12·S22⁻¹·S21·a = ρ²·S11·a, made symmetric with S11 = L·Lᵀ.
    const li = invertLower(cholesky(s11));
    const c = multiply(multiply(li, multiply(s12, multiply(s22inv, s21))), transpose(li));
    const { values, vectors } = symmetricEigen(c);
    const aCols = multiply(transpose(li), vectors); // columns: a_i with a_iᵀ·S11·a_i = 1
    const a = transpose(aCols);
    const b = a.map((ai) => {
      const raw = multiply(
        s22inv,
        multiply(
          s21,
          ai.map((v) => [v]),
        ),
      ).map((r) => r[0]!);
      const variance = multiply(
        [raw],
        multiply(
          s22,
          raw.map((v) => [v]),
        ),
      )[0]![0]!;
      const cross = multiply(
        [ai],
        multiply(
          s12,
          raw.map((v) => [v]),
        ),
      )[0]![0]!;
      const scale = (cross < 0 ? -1 : 1) / Math.sqrt(variance);
      return raw.map((v) => v * scale);
    });
    const newRho = values.map((v) => Math.sqrt(Math.min(1, Math.max(0, v))));
    const sigma = newRho.map((r) => Math.sqrt(Math.max(2 * (1 - r), 1e-12)));
    const cst = a.map((ai, i) => {
      let s = 0;
      for (let j = 0; j < k; j += 1) s += ai[j]! * mean[j]! - b[i]![j]! * mean[k + j]!;
      return s;
    });
    model = { a, b, c: cst, sigma, rho: newRho, iterations };
    const delta = Math.max(...newRho.map((r, i) => Math.abs(r - rho[i]!)));
    rho = newRho;
    chiSquareRows(model, z, k, chi);
    for (let i = 0; i < n; i += 1) w[i] = 1 - chiSquareCdf(chi[i]!, k);
    if (delta < tolerance) break;
  }
  if (!model) throw new RasterError('IR-MAD did not run');
  model.iterations = iterations;
  return { model, weights: w };
}

/** Chi-square change statistic per pixel (≈ χ²(k) on unchanged pixels, large on changed ones). */
export function chiSquare(
  model: IrMadModel,
  x: readonly ArrayLike<number>[],
  y: readonly ArrayLike<number>[],
  out?: Float32Array,
): Float32Array {
  const k = model.a.length;
  const n = x[0]?.length ?? 0;
  const result = out ?? new Float32Array(n);
  // Pre-scale the coefficients by 1/σ so the inner loop is multiply-adds only.
  const sa = model.a.map((row, i) => row.map((v) => v / model.sigma[i]!));
  const sb = model.b.map((row, i) => row.map((v) => v / model.sigma[i]!));
  const sc = model.c.map((v, i) => v / model.sigma[i]!);
  for (let p = 0; p < n; p += 1) {
    let chi = 0;
    for (let i = 0; i < k; i += 1) {
      const ai = sa[i]!;
      const bi = sb[i]!;
      let m = -sc[i]!;
      for (let j = 0; j < k; j += 1) m += ai[j]! * x[j]![p]! - bi[j]! * y[j]![p]!;
      chi += m * m;
    }
    result[p] = chi;
  }
  return result;
}
