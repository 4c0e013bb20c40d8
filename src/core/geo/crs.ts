/**
 * `resolveCrs`: one entry from whatever a file says about its CRS (EPSG code, `.prj` WKT in any dialect,
 * GeoTIFF GeoKeys, a GeoJSON `crs` name, or an id we stored earlier) to a proj4 definition we can use.
 * Unknown CRSs throw `CrsError` naming what was found.
 */
import { crsByCode, GEOGRAPHIC_CODE } from './crs-table.ts';
import { CrsError, type CrsNote, type DatumId, type ResolvedCrs } from './crs-types.ts';
import { describeWkt } from './crs-wkt.ts';
import { WktSyntaxError } from './crs-wkt-parse.ts';
import { datumNotes, describeName, fromTable, matchDescription } from './crs-match.ts';
import { readGeoKeys, type GeoKeys } from './crs-geokeys.ts';

export { CrsError } from './crs-types.ts';
export type { CrsNote, DatumId, ResolvedCrs } from './crs-types.ts';
export type { GeoKeys } from './crs-geokeys.ts';

/** What `resolveCrs` accepts. A plain string may be "EPSG:4527", "4527", an OGC URN/CRS84, a `PROJ4:` id or WKT. */
export type CrsInput = number | string | { epsg: number } | { wkt: string } | { geoKeys: GeoKeys };

/** Resolve a CRS. Throws `CrsError` (`crs_unknown`, `crs_unparsable`, `crs_missing`). */
export function resolveCrs(input: CrsInput): ResolvedCrs {
  if (typeof input === 'number') return resolveCode(input, `EPSG:${input}`);
  if (typeof input === 'string') return resolveString(input);
  if ('epsg' in input) return resolveCode(input.epsg, `EPSG:${input.epsg}`);
  if ('wkt' in input) return resolveWkt(input.wkt);
  return resolveGeoKeys(input.geoKeys);
}

function resolveCode(code: number, label: string, extraNotes: CrsNote[] = []): ResolvedCrs {
  const def = Number.isInteger(code) ? crsByCode(code) : undefined;
  if (!def) throw new CrsError('crs_unknown', label, 'not in the bundled CRS table');
  return fromTable(def, extraNotes);
}

/** OGC URNs and names GeoJSON files use in their legacy `crs` member. */
const CRS84 = /^(urn:ogc:def:crs:ogc:(1\.3)?:crs84|ogc:crs84|crs84|wgs84)$/i;
const EPSG_TEXT =
  /^(?:epsg:{1,2}|urn:ogc:def:crs:epsg:[\d.]*:|https?:\/\/www\.opengis\.net\/def\/crs\/epsg\/0\/)?(\d+)$/i;

function resolveString(text: string): ResolvedCrs {
  const s = text.trim();
  if (s === '') throw new CrsError('crs_missing', '', 'empty CRS text');
  if (CRS84.test(s)) return resolveCode(4326, s);
  const epsg = EPSG_TEXT.exec(s);
  if (epsg?.[1]) return resolveCode(Number(epsg[1]), s);
  if (/^PROJ4:/i.test(s)) return resolveProj4(s.slice(6).trim());
  return resolveWkt(s);
}

/** A `PROJ4:` id we produced ourselves for a CRS built from parameters (round trip through storage). */
function resolveProj4(proj4: string): ResolvedCrs {
  const datum = datumOfProj4(proj4);
  if (!datum || !/\+proj=\w+/.test(proj4))
    throw new CrsError('crs_unknown', proj4, 'unsupported proj4 definition');
  const geographic = /\+proj=(longlat|latlong|lonlat|latlon)\b/.test(proj4);
  return {
    id: `PROJ4:${proj4}`,
    epsg: geographic ? GEOGRAPHIC_CODE[datum] : null,
    name: proj4,
    datum,
    geographic,
    proj4,
    notes: datumNotes(datum),
  };
}

function datumOfProj4(proj4: string): DatumId | undefined {
  if (/\+ellps=GRS80\b/.test(proj4)) return 'CGCS2000';
  if (/\+(datum|ellps)=WGS84\b/.test(proj4)) return 'WGS84';
  if (/\+ellps=krass\b/.test(proj4)) return 'Beijing1954';
  if (/\+ellps=IAU76\b/.test(proj4)) return 'Xian1980';
  return undefined;
}

/** Resolve a WKT text: authority code when it is in the table, otherwise datum + parameters. */
export function resolveWkt(wkt: string): ResolvedCrs {
  let desc;
  try {
    desc = describeWkt(wkt);
  } catch (error) {
    if (error instanceof WktSyntaxError) {
      throw new CrsError('crs_unparsable', wkt.slice(0, 80), error.message, { cause: error });
    }
    throw error;
  }
  const auth = desc.authority;
  if (auth?.name === 'EPSG') {
    const def = crsByCode(auth.code);
    if (def) return fromTable(def);
    return matchDescription(desc, [{ code: 'authority_not_in_table', detail: { crs: describeName(desc) } }]);
  }
  return matchDescription(desc);
}

function resolveGeoKeys(keys: GeoKeys): ResolvedCrs {
  const content = readGeoKeys(keys);
  switch (content.kind) {
    case 'code':
      return resolveCode(
        content.code,
        content.name ? `EPSG:${content.code} ${content.name}` : `EPSG:${content.code}`,
      );
    case 'wkt':
      return resolveWkt(content.wkt);
    case 'description':
      return matchDescription(content.description);
    case 'none':
      throw new CrsError('crs_missing', 'GeoTIFF', 'no GeoKeys');
  }
}
