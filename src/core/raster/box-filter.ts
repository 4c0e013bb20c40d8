/**
 * Mean filter over a (2r+1)×(2r+1) square, separable running sums, O(1) per pixel. Pixels outside the array
 * or with `valid[i] = 0` are left out of the mean (so edges and nodata do not pull the mean towards 0); a
 * pixel with no valid neighbour gets NaN.
 */
import type { Scratch } from './scratch.ts';
import { RasterError } from './types.ts';

/** Horizontal running sums of `src` (invalid pixels as 0) and, when `valid` is given, of the valid count. */
function horizontal(
  src: ArrayLike<number>,
  width: number,
  height: number,
  r: number,
  valid: Uint8Array | undefined,
  sum: Float32Array,
  cnt: Float32Array | null,
): void {
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    let s = 0;
    let c = 0;
    const lead = Math.min(r, width);
    for (let x = 0; x < lead; x += 1) {
      const i = row + x;
      if (!valid || valid[i]) {
        s += src[i]!;
        c += 1;
      }
    }
    for (let x = 0; x < width; x += 1) {
      const add = x + r;
      if (add < width) {
        const i = row + add;
        if (!valid || valid[i]) {
          s += src[i]!;
          c += 1;
        }
      }
      const sub = x - r - 1;
      if (sub >= 0) {
        const i = row + sub;
        if (!valid || valid[i]) {
          s -= src[i]!;
          c -= 1;
        }
      }
      sum[row + x] = s;
      if (cnt) cnt[row + x] = c;
    }
  }
}

/** Mean of `src` over a square of radius `radius` around each pixel. */
export function boxMean(
  src: ArrayLike<number>,
  width: number,
  height: number,
  radius: number,
  valid?: Uint8Array,
  scratch?: Scratch,
): Float32Array {
  const n = width * height;
  if (src.length !== n) throw new RasterError(`boxMean: ${src.length} values for ${width}×${height}`);
  const out = scratch ? scratch.f32('box.out', n) : new Float32Array(n);
  if (radius <= 0) {
    for (let i = 0; i < n; i += 1) out[i] = valid && !valid[i] ? Number.NaN : src[i]!;
    return out;
  }
  const r = radius;
  const hSum = scratch ? scratch.f32('box.hsum', n) : new Float32Array(n);
  const hCnt = valid ? (scratch ? scratch.f32('box.hcnt', n) : new Float32Array(n)) : null;
  horizontal(src, width, height, r, valid, hSum, hCnt);
  // Vertical running sums of the horizontal sums; without a valid mask the count is the clipped window size.
  const colSum = new Float64Array(width);
  const colCnt = new Float64Array(width);
  const lead = Math.min(r, height);
  for (let y = 0; y < lead; y += 1)
    for (let x = 0; x < width; x += 1) {
      colSum[x] = colSum[x]! + hSum[y * width + x]!;
      if (hCnt) colCnt[x] = colCnt[x]! + hCnt[y * width + x]!;
    }
  const span = (v: number, len: number): number => Math.min(v + r, len - 1) - Math.max(v - r, 0) + 1;
  for (let y = 0; y < height; y += 1) {
    const addRow = y + r < height ? (y + r) * width : -1;
    const subRow = y - r - 1 >= 0 ? (y - r - 1) * width : -1;
    const row = y * width;
    if (hCnt) {
      for (let x = 0; x < width; x += 1) {
        let s = colSum[x]!;
        let c = colCnt[x]!;
        if (addRow >= 0) {
          s += hSum[addRow + x]!;
          c += hCnt[addRow + x]!;
        }
        if (subRow >= 0) {
          s -= hSum[subRow + x]!;
          c -= hCnt[subRow + x]!;
        }
        colSum[x] = s;
        colCnt[x] = c;
        out[row + x] = c > 0 ? s / c : Number.NaN;
      }
    } else {
      const ys = span(y, height);
      for (let x = 0; x < width; x += 1) {
        let s = colSum[x]!;
        if (addRow >= 0) s += hSum[addRow + x]!;
        if (subRow >= 0) s -= hSum[subRow + x]!;
        colSum[x] = s;
        out[row + x] = s / (ys * (x >= r && x + r < width ? 2 * r + 1 : span(x, width)));
      }
    }
  }
  return out;
}
