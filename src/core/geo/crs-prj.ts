/**
 * ESRI-style WKT for a shapefile's .prj: CGCS2000 geographic (EPSG:4490) and the CGCS2000 Gauss-Krüger zones of
 * the bundled table (EPSG:4491–4554). ESRI WKT is what the GIS desktops of provincial platforms write and read;
 * GDAL and `resolveWkt` read it too. Pure.
 */
import { crsByCode } from './crs-table.ts';

const CGCS2000_GEOGCS =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",' +
  'SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** How patches are written: lon/lat, or metres in the 3° / 6° Gauss-Krüger zone of their centre. */
export type ShapefileCrs = 'geographic' | 'gk3' | 'gk6';

/** EPSG code of the CGCS2000 Gauss-Krüger zone (central meridian, no zone prefix) holding `lon`. */
export function gaussKrugerCode(lon: number, width: 3 | 6): number {
  if (width === 3) {
    // CGCS2000 3-degree GK CM 75E … 135E: EPSG 4534 … 4554.
    const cm = Math.min(135, Math.max(75, Math.round(lon / 3) * 3));
    return 4534 + (cm - 75) / 3;
  }
  // CGCS2000 GK CM 75E … 135E (6° zones 13–23): EPSG 4502 … 4512.
  const zone = Math.min(23, Math.max(13, Math.floor(lon / 6) + 1));
  return 4502 + zone - 13;
}

const num = (n: number): string => (Number.isInteger(n) ? n.toFixed(1) : String(n));

/** The .prj text of a CGCS2000 code (4490 or a GK zone); throws RangeError for any other code. */
export function prjForCode(code: number): string {
  if (code === 4490) return CGCS2000_GEOGCS;
  const def = crsByCode(code);
  if (!def || def.datum !== 'CGCS2000' || def.params.method !== 'tmerc')
    throw new RangeError(`no .prj for EPSG:${code}: only CGCS2000 geographic and Gauss-Krüger zones`);
  const p = def.params;
  // "CGCS2000 / 3-degree Gauss-Kruger CM 117E" → "CGCS2000_3_Degree_GK_CM_117E" (the ESRI name).
  const name = def.name
    .replace(/^CGCS2000 \/ /, 'CGCS2000_')
    .replace('3-degree Gauss-Kruger', '3_Degree_GK')
    .replace('Gauss-Kruger', 'GK')
    .replace('zone', 'Zone')
    .replace(/ /g, '_');
  return (
    `PROJCS["${name}",${CGCS2000_GEOGCS},PROJECTION["Gauss_Kruger"],` +
    `PARAMETER["False_Easting",${num(p.x0)}],PARAMETER["False_Northing",${num(p.y0)}],` +
    `PARAMETER["Central_Meridian",${num(p.lon0)}],PARAMETER["Scale_Factor",${num(p.k)}],` +
    `PARAMETER["Latitude_Of_Origin",${num(p.lat0)}],UNIT["Meter",1.0]]`
  );
}
