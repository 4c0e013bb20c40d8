/**
 * The CRS of a layer: the user's choice, else what the file declares, else lon/lat only when the coordinates
 * obviously are degrees; otherwise an error that asks the user (with candidate codes when the false easting
 * carries a Gauss–Krüger zone number). `CrsError`s become `ImportError`s naming the CRS.
 */
import { CrsError, resolveCrs, type CrsInput, type ResolvedCrs } from '../core/geo/crs.ts';
import { ImportError, type ImportWarning } from './import-error.ts';
import type { SourceCrs } from './vector-types.ts';

export interface LayerCrs {
  crs: ResolvedCrs;
  source: SourceCrs['source'];
  warnings: ImportWarning[];
}

/** Resolve, turning `CrsError` into `ImportError` for `file`. */
export function resolveForFile(file: string, input: CrsInput): ResolvedCrs {
  try {
    return resolveCrs(input);
  } catch (error) {
    if (error instanceof CrsError) {
      if (error.code === 'crs_unparsable') {
        throw new ImportError('unparsable_crs', { file, text: error.crsName }, { cause: error });
      }
      throw new ImportError(
        'unknown_crs',
        { file, crs: error.crsName || '?', reason: error.reason },
        { cause: error },
      );
    }
    throw error;
  }
}

/** Warnings for the notes a resolved CRS carries. */
export function crsWarnings(crs: ResolvedCrs): ImportWarning[] {
  return crs.notes.map((n) => ({ code: n.code, detail: n.detail }));
}

function layerCrs(crs: ResolvedCrs, source: SourceCrs['source'], extra: ImportWarning[] = []): LayerCrs {
  return { crs, source, warnings: [...extra, ...crsWarnings(crs)] };
}

/**
 * The user's override wins, then the declared CRS; null when neither exists (the caller then decides from the
 * coordinates with `crsForUndeclared`).
 */
export function chooseCrs(
  file: string,
  declared: CrsInput | null,
  override: string | number | undefined,
): LayerCrs | null {
  if (override !== undefined && override !== '') {
    const crs = resolveForFile(file, override);
    return layerCrs(crs, 'user', [{ code: 'crs_overridden', detail: { file, crs: crs.id } }]);
  }
  if (declared !== null) return layerCrs(resolveForFile(file, declared), 'file');
  return null;
}

/** True when a bbox can only be lon/lat degrees. */
export function looksLikeDegrees(bbox: readonly [number, number, number, number] | null): boolean {
  if (!bbox) return false;
  const [minx, miny, maxx, maxy] = bbox;
  return minx >= -180 && maxx <= 180 && miny >= -90 && maxy <= 90;
}

/** Candidate CRSs for projected x/y with no CRS: GK zone numbers in the false easting identify the zone. */
export function crsCandidates(x: number, y: number): string[] {
  const zone = Math.floor(x / 1_000_000);
  if (y < 0 || y > 10_000_000) return [];
  if (zone >= 13 && zone <= 23) return [4491, 21413, 2327].map((first) => `EPSG:${first + zone - 13}`);
  if (zone >= 25 && zone <= 45) return [4513, 2401, 2349].map((first) => `EPSG:${first + zone - 25}`);
  if (x > 0 && x < 1_000_000)
    return ['EPSG:4534–4554 (CGCS2000 3° CM)', 'EPSG:4502–4512 (CGCS2000 6° CM)', 'EPSG:32643–32653 (UTM)'];
  return [];
}

/** No CRS anywhere: lon/lat (CGCS2000) when the coordinates are degrees, otherwise ask the user. */
export function crsForUndeclared(
  file: string,
  bbox: readonly [number, number, number, number] | null,
  code: 'missing_prj' | 'missing_crs',
): LayerCrs {
  if (looksLikeDegrees(bbox)) {
    return layerCrs(resolveCrs(4490), 'assumed', [{ code: 'crs_assumed_lonlat', detail: { file } }]);
  }
  const candidates = bbox ? crsCandidates(bbox[0], bbox[1]) : [];
  throw new ImportError(code, {
    file,
    hint: candidates.length > 0 ? `→ ${candidates.join(' / ')}` : '',
    candidates: candidates.join(','),
  });
}
