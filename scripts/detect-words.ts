// Words of the command line (`npm run detect`, `npm run eval`): option parsing and messages for bad input.
// The core throws codes (DetectInputError); the command line says them in English and exits 2.
import type { BandRole } from '../src/core/display/band-roles.ts';
import { detectInputErrorOf } from '../src/core/detect/app-request.ts';
import type { PairRoles } from '../src/io/geotiff-pair.ts';
import { GeoTiffReadError } from '../src/io/geotiff-read.ts';

/** A command-line option that cannot be used; the message says why. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const ROLE_WORDS: Record<string, BandRole> = {
  blue: 'blue',
  b: 'blue',
  green: 'green',
  g: 'green',
  red: 'red',
  r: 'red',
  nir: 'nir',
  n: 'nir',
  swir1: 'swir1',
  swir2: 'swir2',
  pan: 'pan',
  other: 'other',
  ignore: 'other',
  '-': 'other',
};

/** Band choice of `--bands`: roles of the file bands in order, or file bands of the canonical roles. */
export type BandsOption = { roles: PairRoles } | { bands: number[] } | null;

/**
 * `--bands red,green,blue` (the role of file bands 1, 2, 3, …) or `--bands 3,2,1,4` (1-based file bands of
 * blue, green, red, nir[, swir1, swir2]). Null when absent.
 */
export function parseBandsOption(text: string | undefined): BandsOption {
  if (text === undefined || text.trim() === '') return null;
  const parts = text.split(',').map((s) => s.trim().toLowerCase());
  if (parts.every((p) => /^\d+$/.test(p))) {
    const bands = parts.map((p) => Number(p) - 1);
    if (bands.length < 3 || bands.length > 6)
      throw new UsageError(
        '--bands with numbers needs 3 to 6 file bands for blue, green, red[, nir, swir1, swir2], e.g. 3,2,1,4',
      );
    if (bands.some((b) => b < 0)) throw new UsageError('--bands: band numbers start at 1');
    if (new Set(bands).size !== bands.length) throw new UsageError('--bands: a file band is named twice');
    return { bands };
  }
  const roles = parts.map((p) => {
    const role = ROLE_WORDS[p];
    if (!role)
      throw new UsageError(
        `--bands: "${p}" is neither a band number nor a role (blue, green, red, nir, swir1, swir2, pan, other)`,
      );
    return role;
  });
  return { roles: { t1: roles, t2: roles } };
}

/** `--dates 2016-12-09,2018-10-24` → both dates (YYYY-MM-DD); null when absent. */
export function parseDatesOption(text: string | undefined): { t1: string; t2: string } | null {
  if (!text) return null;
  const parts = text.split(',').map((s) => s.trim());
  const ok = (d: string | undefined): d is string => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d);
  if (parts.length !== 2 || !ok(parts[0]) || !ok(parts[1]))
    throw new UsageError('--dates needs two dates YYYY-MM-DD,YYYY-MM-DD (T1, T2)');
  return { t1: parts[0], t2: parts[1] };
}

const dateWord = (d: unknown): string => (d === 't1' ? 'T1' : d === 't2' ? 'T2' : 'the imagery');
const list = (v: unknown): string => (Array.isArray(v) ? v.join(', ') || 'none' : String(v));

/** Words for a bad input error (DetectInputError, unreadable file, bad option); null for any other error. */
export function inputErrorWords(error: unknown): string | null {
  if (error instanceof UsageError) return error.message;
  const coded = detectInputErrorOf(error);
  if (coded) {
    const d = coded.details;
    switch (coded.code) {
      case 'roles_missing':
        return `${dateWord(d.date)} has ${list(d.have)} as spectral bands; detection needs at least 3 of blue, green, red, nir, swir1, swir2 (use --bands)`;
      case 'roles_duplicate':
        return `${dateWord(d.date)}: the role ${String(d.role)} is given to two bands`;
      case 'roles_differ':
        return `T1 and T2 have different bands (T1: ${list(d.t1)}; T2: ${list(d.t2)}); give both the same roles`;
      case 'band_count_differs':
        return `T1 has ${String(d.t1)} bands and T2 has ${String(d.t2)}; the two dates need the same bands (declare their roles with --bands)`;
      case 'band_out_of_range':
        return `band ${String(d.band)} is not in ${d.date ? `${dateWord(d.date)}, ` : ''}a ${String(d.count)}-band file`;
      case 'no_georef':
        return `${dateWord(d.date)} has no georeferencing (no geotransform): detection needs GeoTIFFs placed on the map`;
      case 'no_crs':
        return `${dateWord(d.date)}: ${d.reason === 'unsupported' ? 'the coordinate system is not supported' : 'the file names no coordinate system'}`;
      case 'no_overlap':
        return 'the footprints of T1 and T2 do not overlap: they show different places';
      case 'grid_mismatch':
        return `T1 (${String(d.t1)}) and T2 (${String(d.t2)}) are not on one grid`;
      case 'too_few_valid':
        return `only ${String(d.valid)} pixels have data at both dates: the images barely overlap or are empty`;
      case 'dates_unrelated':
        return 'the bands of the two dates cannot be related (constant or identical bands?)';
      case 'bad_parameter':
        return `bad parameter: ${String(d.message)}`;
      case 'internal':
        return null;
    }
  }
  if (error instanceof GeoTiffReadError) return `cannot read the GeoTIFF: ${error.message}`;
  if (error instanceof Error && error.name === 'GeoTiffReadError')
    return `cannot read the GeoTIFF: ${error.message}`;
  return null;
}
