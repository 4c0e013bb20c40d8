/**
 * The bundled CRS table: the CRSs Chinese vector and raster data come in, generated from the zone rules
 * rather than typed by hand. Every definition is checked against GDAL/PROJ's EPSG database by
 * `tests/unit/geo/crs-table.test.ts` (fixture written by `scripts/make-fixtures.sh`).
 */
import type { CrsDef, DatumId, ProjParams } from './crs-types.ts';

/** proj4 ellipsoid/datum terms per datum, as PROJ itself writes them. */
export const DATUM_PROJ4: Readonly<Record<DatumId, string>> = {
  CGCS2000: '+ellps=GRS80',
  WGS84: '+datum=WGS84',
  Beijing1954: '+ellps=krass',
  // IAG 1975 = a 6378140, 1/f 298.257; proj4's "IAU76" has exactly these values.
  Xian1980: '+ellps=IAU76',
};

/** The geographic (lon/lat) CRS of each datum. */
export const GEOGRAPHIC_CODE: Readonly<Record<DatumId, number>> = {
  CGCS2000: 4490,
  WGS84: 4326,
  Beijing1954: 4214,
  Xian1980: 4610,
};

const GEOGRAPHIC_NAME: Readonly<Record<DatumId, string>> = {
  CGCS2000: 'China Geodetic Coordinate System 2000',
  WGS84: 'WGS 84',
  Beijing1954: 'Beijing 1954',
  Xian1980: 'Xian 1980',
};

/** Build the proj4 text of a parameter set on a datum. */
export function proj4FromParams(datum: DatumId, p: ProjParams, toMeter = 1): string {
  const ellps = DATUM_PROJ4[datum];
  const units = toMeter === 1 ? '+units=m' : `+to_meter=${toMeter}`;
  switch (p.method) {
    case 'longlat':
      return `+proj=longlat ${ellps} +no_defs`;
    case 'tmerc':
      return `+proj=tmerc +lat_0=${p.lat0} +lon_0=${p.lon0} +k=${p.k} +x_0=${p.x0} +y_0=${p.y0} ${ellps} ${units} +no_defs`;
    case 'merc':
      return p.latTs !== undefined && p.latTs !== 0
        ? `+proj=merc +lon_0=${p.lon0} +lat_ts=${p.latTs} +x_0=${p.x0} +y_0=${p.y0} ${ellps} ${units} +no_defs`
        : `+proj=merc +lon_0=${p.lon0} +k=${p.k} +x_0=${p.x0} +y_0=${p.y0} ${ellps} ${units} +no_defs`;
    case 'webmerc':
      return '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs';
    case 'aea':
    case 'lcc':
      return (
        `+proj=${p.method} +lat_0=${p.lat0} +lon_0=${p.lon0} +lat_1=${p.lat1 ?? p.lat0} +lat_2=${p.lat2 ?? p.lat1 ?? p.lat0}` +
        `${p.method === 'lcc' && p.k !== 1 ? ` +k_0=${p.k}` : ''} +x_0=${p.x0} +y_0=${p.y0} ${ellps} ${units} +no_defs`
      );
  }
}

function geographic(datum: DatumId): CrsDef {
  const params: ProjParams = { method: 'longlat', lon0: 0, lat0: 0, k: 1, x0: 0, y0: 0 };
  return {
    code: GEOGRAPHIC_CODE[datum],
    name: GEOGRAPHIC_NAME[datum],
    datum,
    params,
    proj4: proj4FromParams(datum, params),
  };
}

function tmerc(code: number, name: string, datum: DatumId, lon0: number, x0: number, k = 1): CrsDef {
  const params: ProjParams = { method: 'tmerc', lon0, lat0: 0, k, x0, y0: 0 };
  return { code, name, datum, params, proj4: proj4FromParams(datum, params) };
}

/** Prefix used by EPSG names ("CGCS2000 / 3-degree Gauss-Kruger zone 39"). */
const NAME_PREFIX: Readonly<Record<DatumId, string>> = {
  CGCS2000: 'CGCS2000',
  WGS84: 'WGS 84',
  Beijing1954: 'Beijing 1954',
  Xian1980: 'Xian 1980',
};

/**
 * One family of Gauss–Krüger zones over China (75°E–135°E): 6° zones 13–23 (CM = 6n − 3) or 3° zones 25–45
 * (CM = 3n). `withPrefix` families put the zone number in front of the false easting (n·10⁶ + 500 000).
 */
function gaussKrugerFamily(datum: DatumId, firstCode: number, width: 3 | 6, withPrefix: boolean): CrsDef[] {
  const zones = width === 6 ? { first: 13, last: 23 } : { first: 25, last: 45 };
  const label = width === 6 ? 'Gauss-Kruger' : '3-degree Gauss-Kruger';
  const defs: CrsDef[] = [];
  for (let zone = zones.first; zone <= zones.last; zone++) {
    const cm = width === 6 ? 6 * zone - 3 : 3 * zone;
    const code = firstCode + zone - zones.first;
    const name = `${NAME_PREFIX[datum]} / ${label} ${withPrefix ? `zone ${zone}` : `CM ${cm}E`}`;
    defs.push(tmerc(code, name, datum, cm, withPrefix ? zone * 1_000_000 + 500_000 : 500_000));
  }
  return defs;
}

function buildTable(): Map<number, CrsDef> {
  const defs: CrsDef[] = [
    geographic('CGCS2000'),
    geographic('WGS84'),
    geographic('Beijing1954'),
    geographic('Xian1980'),
    {
      code: 3857,
      name: 'WGS 84 / Pseudo-Mercator',
      datum: 'WGS84',
      params: { method: 'webmerc', lon0: 0, lat0: 0, k: 1, x0: 0, y0: 0 },
      proj4: proj4FromParams('WGS84', { method: 'webmerc', lon0: 0, lat0: 0, k: 1, x0: 0, y0: 0 }),
    },
    // CGCS2000: EPSG 4491–4554.
    ...gaussKrugerFamily('CGCS2000', 4491, 6, true),
    ...gaussKrugerFamily('CGCS2000', 4502, 6, false),
    ...gaussKrugerFamily('CGCS2000', 4513, 3, true),
    ...gaussKrugerFamily('CGCS2000', 4534, 3, false),
    // Beijing 1954: 3° zones are EPSG 2401–2442; its 6° zones live at 21413–21423 and 21453–21463.
    ...gaussKrugerFamily('Beijing1954', 2401, 3, true),
    ...gaussKrugerFamily('Beijing1954', 2422, 3, false),
    ...gaussKrugerFamily('Beijing1954', 21413, 6, true),
    ...gaussKrugerFamily('Beijing1954', 21453, 6, false),
    // Xian 1980: EPSG 2327–2390.
    ...gaussKrugerFamily('Xian1980', 2327, 6, true),
    ...gaussKrugerFamily('Xian1980', 2338, 6, false),
    ...gaussKrugerFamily('Xian1980', 2349, 3, true),
    ...gaussKrugerFamily('Xian1980', 2370, 3, false),
  ];
  // WGS 84 / UTM zones 43N–53N (EPSG 32643–32653).
  for (let zone = 43; zone <= 53; zone++) {
    defs.push(tmerc(32600 + zone, `WGS 84 / UTM zone ${zone}N`, 'WGS84', 6 * zone - 183, 500_000, 0.9996));
  }
  return new Map(defs.map((d) => [d.code, d]));
}

/** Every CRS in the bundled table, by EPSG code. */
export const CRS_TABLE: ReadonlyMap<number, CrsDef> = buildTable();

/** The table entry of an EPSG code, or undefined. */
export function crsByCode(code: number): CrsDef | undefined {
  return CRS_TABLE.get(code);
}
