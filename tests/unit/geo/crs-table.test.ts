import { readFileSync } from 'node:fs';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { CRS_TABLE } from '../../../src/core/geo/crs-table.ts';

/** Written by scripts/make-fixtures.sh from GDAL/PROJ's EPSG database (osr.ImportFromEPSG → name, ExportToProj4). */
const gdal = JSON.parse(readFileSync('tests/fixtures/vector/crs/epsg-proj4.json', 'utf8')) as Record<
  string,
  { name: string; proj4: string }
>;

/** A point inside the CRS's area: 1° east of the central meridian at 30°N (or the point itself for lon/lat). */
function samplePoint(def: { params: { method: string; lon0: number } }): [number, number] {
  return def.params.method === 'longlat' || def.params.method === 'webmerc'
    ? [110, 30]
    : [def.params.lon0 + 1, 30];
}

describe('CRS table', () => {
  it('covers exactly the codes of the EPSG reference file', () => {
    expect([...CRS_TABLE.keys()].sort()).toEqual(Object.keys(gdal).map(Number).sort());
    for (const code of [
      4490, 4326, 3857, 4214, 4610, 4513, 4533, 4534, 4554, 4491, 4512, 2401, 2442, 2327, 2390,
    ]) {
      expect(CRS_TABLE.has(code), `EPSG:${code}`).toBe(true);
    }
    for (let c = 32643; c <= 32653; c++) expect(CRS_TABLE.has(c)).toBe(true);
  });

  it('has the EPSG name of every code', () => {
    for (const [code, def] of CRS_TABLE) expect(def.name, `EPSG:${code}`).toBe(gdal[code]?.name);
  });

  it('projects like PROJ for every code (our generated proj4 vs the one GDAL exports)', () => {
    for (const [code, def] of CRS_TABLE) {
      const ref = gdal[code]?.proj4 ?? '';
      const [lon, lat] = samplePoint(def);
      const geo = '+proj=longlat +ellps=GRS80 +no_defs';
      const ours = proj4(geo, def.proj4).forward([lon, lat]);
      const theirs = proj4(geo, ref).forward([lon, lat]);
      expect(Math.abs((ours[0] ?? 0) - (theirs[0] ?? 0)), `EPSG:${code} x`).toBeLessThan(1e-6);
      expect(Math.abs((ours[1] ?? 0) - (theirs[1] ?? 0)), `EPSG:${code} y`).toBeLessThan(1e-6);
    }
  });

  it('puts the zone number in front of the false easting only for "zone" CRSs', () => {
    expect(CRS_TABLE.get(4527)?.params).toMatchObject({ lon0: 117, x0: 39_500_000 });
    expect(CRS_TABLE.get(4545)?.params).toMatchObject({ lon0: 108, x0: 500_000 });
    expect(CRS_TABLE.get(4491)?.params).toMatchObject({ lon0: 75, x0: 13_500_000 });
    expect(CRS_TABLE.get(21420)?.params).toMatchObject({ lon0: 117, x0: 20_500_000 });
  });
});
