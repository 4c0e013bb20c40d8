/**
 * GeoTIFF GeoKeys (as geotiff.js `image.getGeoKeys()` returns them, keyed by name) → EPSG code or a
 * `CrsDescription` for user-defined (32767) CRSs, which `crs-match.ts` then identifies.
 */
import type { CrsDescription, ParamKey } from './crs-wkt.ts';

/** GeoKeys by name, e.g. `{ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 4527 }`. */
export type GeoKeys = Readonly<Record<string, number | string | readonly number[] | null | undefined>>;

const USER_DEFINED = 32767;

/** EPSG datum codes (GeogGeodeticDatumGeoKey) → names `crs-match` recognises. */
const DATUM_NAMES: Readonly<Record<number, string>> = {
  1043: 'China 2000',
  6326: 'WGS 1984',
  6214: 'Beijing 1954',
  6610: 'Xian 1980',
};

/** EPSG ellipsoid codes (GeogEllipsoidGeoKey) → a, 1/f. */
const ELLIPSOIDS: Readonly<Record<number, { name: string; a: number; rf: number }>> = {
  7030: { name: 'WGS 84', a: 6378137, rf: 298.257223563 },
  7019: { name: 'GRS 1980', a: 6378137, rf: 298.257222101 },
  1024: { name: 'CGCS2000', a: 6378137, rf: 298.257222101 },
  7024: { name: 'Krassowsky 1940', a: 6378245, rf: 298.3 },
  7049: { name: 'IAG 1975', a: 6378140, rf: 298.257 },
};

/** ProjCoordTransGeoKey values → method names `crs-match` recognises. */
const COORD_TRANS: Readonly<Record<number, string>> = {
  1: 'Transverse_Mercator',
  7: 'Mercator',
  8: 'Lambert_Conformal_Conic_2SP',
  9: 'Lambert_Conformal_Conic_1SP',
  11: 'Albers_Conic_Equal_Area',
};

/** Linear unit codes → metres. */
const LINEAR_UNITS: Readonly<Record<number, number>> = { 9001: 1, 9002: 0.3048, 9003: 0.3048006096012192 };

const PARAM_KEYS: ReadonlyArray<[ParamKey, readonly string[]]> = [
  ['lon0', ['ProjNatOriginLongGeoKey', 'ProjFalseOriginLongGeoKey', 'ProjCenterLongGeoKey']],
  ['lat0', ['ProjNatOriginLatGeoKey', 'ProjFalseOriginLatGeoKey', 'ProjCenterLatGeoKey']],
  ['k', ['ProjScaleAtNatOriginGeoKey', 'ProjScaleAtCenterGeoKey']],
  ['x0', ['ProjFalseEastingGeoKey', 'ProjFalseOriginEastingGeoKey', 'ProjCenterEastingGeoKey']],
  ['y0', ['ProjFalseNorthingGeoKey', 'ProjFalseOriginNorthingGeoKey', 'ProjCenterNorthingGeoKey']],
  ['lat1', ['ProjStdParallel1GeoKey']],
  ['lat2', ['ProjStdParallel2GeoKey']],
];

function num(keys: GeoKeys, name: string): number | undefined {
  const v = keys[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function str(keys: GeoKeys, name: string): string {
  const v = keys[name];
  return typeof v === 'string' ? v.replace(/\|+$/, '') : '';
}

/** GDAL writes citations like "GCS Name = CGCS2000|Datum = China_2000|Ellipsoid = CGCS2000|". */
function citationPart(citation: string, part: string): string {
  const m = new RegExp(`${part} = ([^|]*)`).exec(citation);
  return m?.[1]?.trim() ?? '';
}

/** What the GeoKeys say: an EPSG code, an embedded ESRI WKT, or a description of a user-defined CRS. */
export type GeoKeysContent =
  | { kind: 'code'; code: number; name: string }
  | { kind: 'wkt'; wkt: string }
  | { kind: 'description'; description: CrsDescription }
  | { kind: 'none' };

/** Read GeoKeys. Linear parameters are assumed to be in the projected linear unit (GeoTIFF 1.1 §7). */
export function readGeoKeys(keys: GeoKeys): GeoKeysContent {
  const model = num(keys, 'GTModelTypeGeoKey');
  const projected = num(keys, 'ProjectedCSTypeGeoKey');
  const geographic = num(keys, 'GeographicTypeGeoKey');
  const citation = str(keys, 'GTCitationGeoKey') || str(keys, 'PCSCitationGeoKey');
  if (projected !== undefined && projected !== USER_DEFINED)
    return { kind: 'code', code: projected, name: citation };
  if (model !== 1 && geographic !== undefined && geographic !== USER_DEFINED && projected === undefined) {
    return { kind: 'code', code: geographic, name: str(keys, 'GeogCitationGeoKey') || citation };
  }
  const esri = /ESRI PE String = (.*)$/s.exec(citation);
  if (esri?.[1]) return { kind: 'wkt', wkt: esri[1] };
  if (model === undefined && projected === undefined && geographic === undefined) return { kind: 'none' };

  const geogCitation = str(keys, 'GeogCitationGeoKey');
  const datumCode = num(keys, 'GeogGeodeticDatumGeoKey');
  const ellipsoidCode = num(keys, 'GeogEllipsoidGeoKey');
  const a = num(keys, 'GeogSemiMajorAxisGeoKey');
  const rf = num(keys, 'GeogInvFlatteningGeoKey');
  const b = num(keys, 'GeogSemiMinorAxisGeoKey');
  const description: CrsDescription = {
    name: citationPart(citation, 'PCS Name') || citation || 'user-defined GeoTIFF CRS',
    kind:
      model === 1 || projected === USER_DEFINED ? 'projected' : model === 2 ? 'geographic' : 'unsupported',
    geogName: citationPart(geogCitation, 'GCS Name') || geogCitation,
    datumName:
      (datumCode !== undefined ? DATUM_NAMES[datumCode] : undefined) ?? citationPart(geogCitation, 'Datum'),
    primeMeridian: num(keys, 'GeogPrimeMeridianLongGeoKey') ?? 0,
    method: COORD_TRANS[num(keys, 'ProjCoordTransGeoKey') ?? -1] ?? '',
    params: {},
    toMeter:
      num(keys, 'ProjLinearUnitSizeGeoKey') ?? LINEAR_UNITS[num(keys, 'ProjLinearUnitsGeoKey') ?? 9001] ?? 1,
  };
  const ellipsoid = ellipsoidCode !== undefined ? ELLIPSOIDS[ellipsoidCode] : undefined;
  if (ellipsoid) description.ellipsoid = ellipsoid;
  else if (a !== undefined && (rf !== undefined || b !== undefined)) {
    description.ellipsoid = {
      name: citationPart(geogCitation, 'Ellipsoid'),
      a,
      rf: rf ?? a / (a - (b ?? a)),
    };
  }
  if (geographic !== undefined && geographic !== USER_DEFINED)
    description.geogAuthority = { name: 'EPSG', code: geographic };
  for (const [key, names] of PARAM_KEYS) {
    const value = names.map((n) => num(keys, n)).find((v) => v !== undefined);
    if (value === undefined) continue;
    description.params[key] = key === 'x0' || key === 'y0' ? value * description.toMeter : value;
  }
  return { kind: 'description', description };
}
