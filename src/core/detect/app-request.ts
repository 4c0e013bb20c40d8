// How the app's detection choices (band roles, sensitivity, minimum area) become the core's inputs.
import type { BandRole } from '../display/band-roles.ts';
import type { DetectParamsInput } from './params.ts';

const NEEDED: BandRole[] = ['blue', 'green', 'red', 'nir'];

/** File bands (0-based) of blue, green, red and NIR; both dates must agree, since one tuple reads both. */
export function bandsFromRoles(t1: BandRole[], t2: BandRole[]): [number, number, number, number] {
  const pick = (roles: BandRole[]): number[] => NEEDED.map((role) => roles.indexOf(role));
  const one = pick(t1);
  const two = pick(t2);
  const missing = NEEDED.filter((_, i) => (one[i] ?? -1) < 0 || (two[i] ?? -1) < 0);
  if (missing.length > 0)
    throw new Error(`检测需要蓝、绿、红、近红外四个波段；请在影像图层中确认波段：缺少 ${missing.join(', ')}`);
  if (one.some((band, i) => band !== two[i]))
    throw new Error('两期影像的波段顺序不同：请在影像图层中把两期的蓝、绿、红、近红外波段设为相同的序号');
  return one as [number, number, number, number];
}

/**
 * Sensitivity 0..1 (higher finds more) as the robust-z multiplier of the change threshold: 0.5 is the global
 * default k = 2 tuned on OSCD; 0 → k = 3.5 (only strong change), 1 → k = 0.5.
 */
export function paramsFor(request: { sensitivity: number | null; minAreaM2: number }): DetectParamsInput {
  const params: DetectParamsInput = { minAreaM2: request.minAreaM2 };
  if (request.sensitivity !== null)
    params.threshold = { method: 'robust_z', k: Math.round((3.5 - 3 * request.sensitivity) * 100) / 100 };
  return params;
}
