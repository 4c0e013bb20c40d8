/**
 * Small dense linear algebra for the per-band statistics (n ≤ ~16): matrices are arrays of rows.
 * Enough for IR-MAD's generalised symmetric eigenproblem; not a general library.
 */
import { RasterError } from './types.ts';

export type Matrix = number[][];

function at(m: Matrix, i: number, j: number): number {
  return m[i]![j]!;
}

/** A zero matrix of size rows × cols. */
export function zeros(rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

/** Transpose. */
export function transpose(m: Matrix): Matrix {
  const rows = m.length;
  const cols = m[0]?.length ?? 0;
  const t = zeros(cols, rows);
  for (let i = 0; i < rows; i += 1) for (let j = 0; j < cols; j += 1) t[j]![i] = at(m, i, j);
  return t;
}

/** Matrix product a · b. */
export function multiply(a: Matrix, b: Matrix): Matrix {
  const n = a.length;
  const k = b.length;
  const m = b[0]?.length ?? 0;
  const out = zeros(n, m);
  for (let i = 0; i < n; i += 1)
    for (let j = 0; j < m; j += 1) {
      let s = 0;
      for (let l = 0; l < k; l += 1) s += at(a, i, l) * at(b, l, j);
      out[i]![j] = s;
    }
  return out;
}

/** Lower-triangular Cholesky factor L of a symmetric positive-definite matrix (A = L·Lᵀ). */
export function cholesky(a: Matrix): Matrix {
  const n = a.length;
  const l = zeros(n, n);
  for (let i = 0; i < n; i += 1)
    for (let j = 0; j <= i; j += 1) {
      let s = at(a, i, j);
      for (let k = 0; k < j; k += 1) s -= at(l, i, k) * at(l, j, k);
      if (i === j) {
        if (!(s > 0)) throw new RasterError('matrix is not positive definite (bands constant or collinear?)');
        l[i]![i] = Math.sqrt(s);
      } else {
        l[i]![j] = s / at(l, j, j);
      }
    }
  return l;
}

/** Inverse of a lower-triangular matrix. */
export function invertLower(l: Matrix): Matrix {
  const n = l.length;
  const inv = zeros(n, n);
  for (let i = 0; i < n; i += 1) {
    inv[i]![i] = 1 / at(l, i, i);
    for (let j = 0; j < i; j += 1) {
      let s = 0;
      for (let k = j; k < i; k += 1) s -= at(l, i, k) * at(inv, k, j);
      inv[i]![j] = s / at(l, i, i);
    }
  }
  return inv;
}

/** Inverse of a symmetric positive-definite matrix, through its Cholesky factor. */
export function invertSpd(a: Matrix): Matrix {
  const li = invertLower(cholesky(a));
  return multiply(transpose(li), li);
}

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations.
 * Returns eigenvalues ascending and the matching eigenvectors as the COLUMNS of `vectors`.
 */
export function symmetricEigen(a: Matrix, maxSweeps = 60): { values: number[]; vectors: Matrix } {
  const n = a.length;
  const m = a.map((row) => row.slice());
  const v = zeros(n, n);
  for (let i = 0; i < n; i += 1) v[i]![i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep += 1) {
    let off = 0;
    for (let p = 0; p < n; p += 1) for (let q = p + 1; q < n; q += 1) off += at(m, p, q) ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p += 1)
      for (let q = p + 1; q < n; q += 1) {
        const apq = at(m, p, q);
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (at(m, q, q) - at(m, p, p)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k += 1) {
          const mkp = at(m, k, p);
          const mkq = at(m, k, q);
          m[k]![p] = c * mkp - s * mkq;
          m[k]![q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k += 1) {
          const mpk = at(m, p, k);
          const mqk = at(m, q, k);
          m[p]![k] = c * mpk - s * mqk;
          m[q]![k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k += 1) {
          const vkp = at(v, k, p);
          const vkq = at(v, k, q);
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => at(m, i, i) - at(m, j, j));
  return {
    values: order.map((i) => at(m, i, i)),
    vectors: Array.from({ length: n }, (_, r) => order.map((c) => at(v, r, c))),
  };
}
