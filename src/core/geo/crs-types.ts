/**
 * Types shared by the CRS table, the WKT/GeoKeys readers and `resolveCrs`.
 * Datums are the four that Chinese vector and raster data come in; every other datum is "unknown" on purpose.
 */

/** Geodetic datums we can place on the map. CGCS2000 and WGS84 agree at the metre level. */
export type DatumId = 'CGCS2000' | 'WGS84' | 'Beijing1954' | 'Xian1980';

/** Projection methods we can build a proj4 definition for from parameters. */
export type ProjMethod = 'longlat' | 'tmerc' | 'merc' | 'webmerc' | 'aea' | 'lcc';

/** Map-projection parameters in degrees and metres (already multiplied by the linear unit). */
export interface ProjParams {
  method: ProjMethod;
  lon0: number;
  lat0: number;
  k: number;
  x0: number;
  y0: number;
  lat1?: number;
  lat2?: number;
  latTs?: number;
}

/** One entry of the bundled CRS table. */
export interface CrsDef {
  code: number;
  name: string;
  datum: DatumId;
  params: ProjParams;
  proj4: string;
}

/** Something `resolveCrs` noticed that the user should know; turned into an import warning by `io/`. */
export type CrsNoteCode =
  'datum_shift_ignored' | 'datum_by_ellipsoid' | 'crs_from_parameters' | 'authority_not_in_table';

export interface CrsNote {
  code: CrsNoteCode;
  detail: Record<string, string | number>;
}

/** A CRS we can transform from: its proj4 text and where it came from. */
export interface ResolvedCrs {
  /** `EPSG:4527` when the CRS is in the table, otherwise `PROJ4:<definition>`. */
  id: string;
  /** EPSG code when known. */
  epsg: number | null;
  /** Human-readable name (the EPSG name, or the name found in the WKT). */
  name: string;
  datum: DatumId;
  /** True for lon/lat CRSs (no projection). */
  geographic: boolean;
  proj4: string;
  notes: CrsNote[];
}

/** Why a CRS could not be resolved. */
export type CrsErrorCode = 'crs_unknown' | 'crs_unparsable' | 'crs_missing';

/** Thrown when a CRS is not one we can place on the map; `crsName` names what was found, for the user. */
export class CrsError extends Error {
  override readonly name = 'CrsError';
  constructor(
    readonly code: CrsErrorCode,
    readonly crsName: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${crsName} (${reason})`, options);
  }
}
