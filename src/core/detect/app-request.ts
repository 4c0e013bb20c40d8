/**
 * How the app's detection choices (band roles per date, sensitivity, minimum area) become the core's inputs.
 *
 * `planFromRoles` validates the two role lists and returns which file bands to read per date, in the
 * canonical role order, and which features are off. Bad input throws a DetectInputError whose `code` is one of
 * (details in `error.details`):
 * - `roles_missing`: fewer than 3 spectral roles on a date (details: date, have, need = 3);
 * - `roles_duplicate`: one role given to two bands of a date (details: date, role);
 * - `roles_differ`: the dates have different sets of roles (details: t1, t2 = the role lists);
 * - `band_count_differs`: the files have different band counts and their roles do not agree (details: t1, t2);
 * - `band_out_of_range`: a role points at a band the file lacks (details: date, band (1-based), count);
 * The raster side adds `no_georef`, `no_crs`, `no_overlap`, `too_few_valid`, `dates_unrelated` and
 * `bad_parameter` (see DetectInputCode in types.ts).
 */
import type { BandRole } from '../display/band-roles.ts';
import type { DetectParamsInput } from './params.ts';
import { SPECTRAL_ROLES, type FeatureCode, type SpectralRole } from './provenance.ts';
import { DetectInputError, type DetectInputCode, type DetectInputDetails } from './types.ts';

/** What to read and what is off, from validated roles. */
export interface DetectPlan {
  /** 0-based file bands per date, one per entry of `roles`. */
  read: { t1: number[]; t2: number[] };
  /** Spectral roles in canonical order (blue, green, red, nir, swir1, swir2 — those present). */
  roles: SpectralRole[];
  /** Features switched off for lack of a band. */
  off: FeatureCode[];
}

const isSpectral = (role: BandRole): role is SpectralRole =>
  (SPECTRAL_ROLES as readonly string[]).includes(role);

/** Spectral roles of one date → file band of each (0-based), checking duplicates and band count. */
function rolesOf(
  roles: readonly BandRole[],
  date: 't1' | 't2',
  fileBands?: number,
): Map<SpectralRole, number> {
  const found = new Map<SpectralRole, number>();
  roles.forEach((role, band) => {
    if (!isSpectral(role)) return;
    if (found.has(role)) throw new DetectInputError('roles_duplicate', { date, role });
    if (fileBands !== undefined && band >= fileBands)
      throw new DetectInputError('band_out_of_range', { date, band: band + 1, count: fileBands });
    found.set(role, band);
  });
  return found;
}

/** Features that cannot be computed from these roles. */
export function featuresOff(roles: readonly SpectralRole[]): FeatureCode[] {
  const off: FeatureCode[] = [];
  if (!roles.includes('nir')) off.push('ndvi', 'ndwi');
  if (!roles.includes('swir1')) off.push('swir');
  if (!roles.includes('blue')) off.push('cloud_blue');
  return off;
}

/**
 * Validate the roles of the two dates (one entry per file band; 'pan' and 'other' are ignored) and plan the
 * read. `fileBands` (band counts of the files) lets roles be checked against the files.
 */
export function planFromRoles(
  t1: readonly BandRole[],
  t2: readonly BandRole[],
  fileBands?: { t1: number; t2: number },
): DetectPlan {
  const one = rolesOf(t1, 't1', fileBands?.t1);
  const two = rolesOf(t2, 't2', fileBands?.t2);
  const list = (m: Map<SpectralRole, number>): SpectralRole[] => SPECTRAL_ROLES.filter((r) => m.has(r));
  const same = list(one).join() === list(two).join();
  const counts = fileBands ?? { t1: t1.length, t2: t2.length };
  if (!same && counts.t1 !== counts.t2)
    throw new DetectInputError('band_count_differs', { t1: counts.t1, t2: counts.t2 });
  for (const [date, m] of [
    ['t1', one],
    ['t2', two],
  ] as const)
    if (m.size < 3) throw new DetectInputError('roles_missing', { date, have: list(m), need: 3 });
  if (!same) throw new DetectInputError('roles_differ', { t1: list(one), t2: list(two) });
  const roles = list(one);
  return {
    read: { t1: roles.map((r) => one.get(r)!), t2: roles.map((r) => two.get(r)!) },
    roles,
    off: featuresOff(roles),
  };
}

/**
 * Sensitivity 0..1 (higher finds more) as a shift of the automatic threshold in robust-z units: 0.5 keeps the
 * scene's own threshold; 0 raises it by 1.5 σ (only strong change), 1 lowers it by 1.5 σ.
 */
export function paramsFor(request: { sensitivity: number | null; minAreaM2: number }): DetectParamsInput {
  const params: DetectParamsInput = { minAreaM2: request.minAreaM2 };
  if (request.sensitivity !== null)
    params.threshold = { method: 'auto', shift: Math.round((1.5 - 3 * request.sensitivity) * 100) / 100 };
  return params;
}

/**
 * The code and details of a DetectInputError, also after it crossed a worker boundary (where only its name
 * and message survive: the message is `<code> <details JSON>`). Null for any other error.
 */
export function detectInputErrorOf(
  error: unknown,
): { code: DetectInputCode; details: DetectInputDetails } | null {
  if (error instanceof DetectInputError) return { code: error.code, details: error.details };
  if (!(error instanceof Error) || error.name !== 'DetectInputError') return null;
  const match = /^([a-z_]+) (\{.*\})$/s.exec(error.message);
  if (!match) return null;
  try {
    return { code: match[1] as DetectInputCode, details: JSON.parse(match[2]!) as DetectInputDetails };
  } catch {
    return null;
  }
}
