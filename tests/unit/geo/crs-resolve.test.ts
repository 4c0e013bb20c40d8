import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CrsError, resolveCrs, type GeoKeys } from '../../../src/core/geo/crs.ts';

/** WKT1 (GDAL), ESRI WKT1 and WKT2_2019 of sample CRSs, written by scripts/make-fixtures.sh with osgeo.osr. */
const samples = JSON.parse(readFileSync('tests/fixtures/vector/crs/wkt-samples.json', 'utf8')) as Record<
  string,
  { epsg: number | null; proj4?: string; unsupported?: boolean; wkt1: string; esri: string; wkt2: string }
>;

/** GeoKeys as geotiff.js reads them from tiny GDAL-written GeoTIFFs (scripts/make-fixtures.sh). */
const geoKeys = JSON.parse(readFileSync('tests/fixtures/vector/crs/geokeys.json', 'utf8')) as Record<
  string,
  GeoKeys
>;
function geoKeysOf(name: string): GeoKeys {
  const keys = geoKeys[name];
  if (!keys) throw new Error(`fixture ${name} missing`);
  return keys;
}

describe('resolveCrs from WKT (OGC WKT1, ESRI, WKT2)', () => {
  for (const [name, sample] of Object.entries(samples)) {
    for (const dialect of ['wkt1', 'esri', 'wkt2'] as const) {
      it(`${name} ${dialect}`, () => {
        const wkt = sample[dialect];
        if (sample.unsupported) {
          expect(() => resolveCrs({ wkt })).toThrow(CrsError);
          return;
        }
        const crs = resolveCrs({ wkt });
        if (sample.epsg !== null) {
          expect(crs.epsg).toBe(sample.epsg);
          expect(crs.id).toBe(`EPSG:${sample.epsg}`);
        } else {
          expect(crs.epsg).toBeNull();
          expect(crs.proj4).toBe(sample.proj4);
          expect(crs.notes.map((n) => n.code)).toContain('crs_from_parameters');
        }
      });
    }
  }

  it('matches ESRI .prj text by parameters (no AUTHORITY) and names the zone', () => {
    const esri = samples['EPSG:4527']?.esri ?? '';
    expect(esri).not.toContain('AUTHORITY');
    expect(resolveCrs(esri).name).toBe('CGCS2000 / 3-degree Gauss-Kruger zone 39');
  });

  it('says that Beijing 1954 and Xian 1980 datum shifts are ignored', () => {
    for (const code of [4214, 2415, 21460, 4610, 2333]) {
      expect(resolveCrs(code).notes.map((n) => n.code)).toContain('datum_shift_ignored');
    }
    expect(resolveCrs(4527).notes).toEqual([]);
  });

  it('names the CRS it cannot use', () => {
    const wkt = samples['unsupported:EPSG:2326']?.wkt1 ?? '';
    try {
      resolveCrs(wkt);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CrsError);
      expect((error as CrsError).code).toBe('crs_unknown');
      expect((error as CrsError).crsName).toBe('Hong Kong 1980 Grid System (EPSG:2326)');
    }
  });

  it('rejects text that is not WKT and codes outside the table', () => {
    expect(() => resolveCrs('PROJCS["broken",GEOGCS[')).toThrow(/crs_unparsable/);
    expect(() => resolveCrs(32750)).toThrow(/EPSG:32750/);
    expect(() => resolveCrs('')).toThrow(CrsError);
  });

  it('refuses "New Beijing" even though it uses the Krassowsky ellipsoid', () => {
    const wkt =
      'PROJCS["New_Beijing_3_Degree_GK_CM_117E",GEOGCS["GCS_New_Beijing",DATUM["D_New_Beijing",SPHEROID["Krasovsky_1940",6378245.0,298.3]],' +
      'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],' +
      'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    expect(() => resolveCrs(wkt)).toThrow(/New_Beijing/);
  });

  it('converts linear units of WKT1 parameters (US feet false easting)', () => {
    const wkt =
      'PROJCS["CGCS2000 feet",GEOGCS["China 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],' +
      'UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["central_meridian",117],PARAMETER["scale_factor",1],' +
      'PARAMETER["false_easting",1640416.6667],PARAMETER["false_northing",0],PARAMETER["latitude_of_origin",0],UNIT["US survey foot",0.304800609601219]]';
    const crs = resolveCrs(wkt);
    expect(crs.proj4).toContain('+x_0=500000.00');
    expect(crs.proj4).toContain('+to_meter=0.304800609601219');
  });
});

describe('resolveCrs from strings', () => {
  it('accepts EPSG codes, URNs, CRS84 and our own PROJ4 ids', () => {
    expect(resolveCrs('EPSG:4545').epsg).toBe(4545);
    expect(resolveCrs('4545').epsg).toBe(4545);
    expect(resolveCrs('urn:ogc:def:crs:EPSG::4527').epsg).toBe(4527);
    expect(resolveCrs('urn:ogc:def:crs:OGC:1.3:CRS84').epsg).toBe(4326);
    const custom = resolveCrs(samples['local_tm_114.5']?.esri ?? '');
    expect(resolveCrs(custom.id).proj4).toBe(custom.proj4);
  });
});

describe('resolveCrs from GeoTIFF GeoKeys (tiny GeoTIFFs written by GDAL)', () => {
  it('EPSG code keys', () => {
    expect(resolveCrs({ geoKeys: geoKeysOf('geokeys_4527') }).epsg).toBe(4527);
    expect(resolveCrs({ geoKeys: geoKeysOf('geokeys_2385') }).epsg).toBe(2385);
    expect(resolveCrs({ geoKeys: geoKeysOf('geokeys_4490') }).epsg).toBe(4490);
  });

  it('a user-defined transverse Mercator (32767) from its parameter keys', () => {
    const crs = resolveCrs({ geoKeys: geoKeysOf('geokeys_user_tm') });
    expect(crs.proj4).toBe(
      '+proj=tmerc +lat_0=0 +lon_0=114.5 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs',
    );
    expect(crs.notes.map((n) => n.code)).toEqual(['datum_by_ellipsoid', 'crs_from_parameters']);
  });

  it('a user-defined zone that equals a table entry resolves to its EPSG code', () => {
    const crs = resolveCrs({
      geoKeys: {
        GTModelTypeGeoKey: 1,
        ProjectedCSTypeGeoKey: 32767,
        GeographicTypeGeoKey: 4490,
        ProjCoordTransGeoKey: 1,
        ProjNatOriginLongGeoKey: 108,
        ProjFalseEastingGeoKey: 500000,
        ProjScaleAtNatOriginGeoKey: 1,
      },
    });
    expect(crs.epsg).toBe(4545);
  });

  it('no keys at all is crs_missing; an unknown code names it', () => {
    expect(() => resolveCrs({ geoKeys: {} })).toThrow(/crs_missing/);
    expect(() => resolveCrs({ geoKeys: { GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 2326 } })).toThrow(
      /EPSG:2326/,
    );
  });
});
