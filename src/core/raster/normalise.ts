/**
 * Relative radiometric normalisation: map each band of date 2 onto date 1's radiometry with a linear
 * gain/offset fitted on pseudo-invariant features (PIFs). PIFs are the pixels that stay within 2 robust σ of
 * the fitted line after iterative trimming (optionally pre-selected, e.g. by IR-MAD no-change weights), so
 * changed pixels do not bias the fit.
 */
import { robustLocationScale } from './stats.ts';
import { RasterError } from './types.ts';

/** t1 ≈ gain · t2 + offset for one band. */
export interface BandFit {
  gain: number;
  offset: number;
  /** Pixels used in the final fit. */
  used: number;
}

function ols(x: ArrayLike<number>, y: ArrayLike<number>, keep: Uint8Array): BandFit {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < keep.length; i += 1)
    if (keep[i]) {
      n += 1;
      sx += x[i]!;
      sy += y[i]!;
    }
  if (n < 2) throw new RasterError('normalisation: fewer than 2 pseudo-invariant pixels');
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < keep.length; i += 1)
    if (keep[i]) {
      const dx = x[i]! - mx;
      sxx += dx * dx;
      sxy += dx * (y[i]! - my);
    }
  const gain = sxx > 0 ? sxy / sxx : 1;
  return { gain, offset: my - gain * mx, used: n };
}

/**
 * Fit `t1 ≈ gain·t2 + offset` by least squares with iterative 2σ trimming of residuals.
 * `candidates` (1 = may be used) restricts the fit to pre-selected PIFs when given.
 */
export function fitBandNormalisation(
  t1: ArrayLike<number>,
  t2: ArrayLike<number>,
  candidates?: Uint8Array,
  rounds = 3,
): BandFit {
  const n = t1.length;
  const keep = candidates ? candidates.slice() : new Uint8Array(n).fill(1);
  let fit = ols(t2, t1, keep);
  const residual = new Float64Array(n);
  for (let round = 0; round < rounds; round += 1) {
    for (let i = 0; i < n; i += 1) residual[i] = t1[i]! - (fit.gain * t2[i]! + fit.offset);
    let count = 0;
    for (let i = 0; i < n; i += 1) count += keep[i]!;
    const kept = new Float64Array(count);
    for (let i = 0, j = 0; i < n; i += 1) if (keep[i]) kept[j++] = residual[i]!;
    const { sigma } = robustLocationScale(kept);
    if (!(sigma > 0)) break;
    for (let i = 0; i < n; i += 1) {
      const allowed = candidates ? candidates[i] === 1 : true;
      keep[i] = allowed && Math.abs(residual[i]!) < 2 * sigma ? 1 : 0;
    }
    fit = ols(t2, t1, keep);
  }
  return fit;
}

/** Apply a band fit: out = gain · t2 + offset. */
export function applyBandNormalisation(
  t2: ArrayLike<number>,
  fit: BandFit,
  out?: Float32Array,
): Float32Array {
  const result = out ?? new Float32Array(t2.length);
  for (let i = 0; i < t2.length; i += 1) result[i] = fit.gain * t2[i]! + fit.offset;
  return result;
}
