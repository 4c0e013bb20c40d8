/**
 * Zipped Shapefile export read back by the app's own shapefile reader (same geometry and attributes, UTF-8
 * and GBK, lon/lat and a Gauss-Krüger zone) and by GDAL's ogrinfo (skipped only when GDAL is not installed).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { caseStates } from '../../../src/core/case/ledger.ts';
import type { CaseState } from '../../../src/core/model.ts';
import { resolveWkt } from '../../../src/core/geo/crs.ts';
import { gaussKrugerCode } from '../../../src/core/geo/crs-prj.ts';
import { casesInScope, patchRecords } from '../../../src/io/geo-export.ts';
import { readShapefile } from '../../../src/io/shapefile/read.ts';
import { encodeGbk, GbkUnmappable } from '../../../src/io/shapefile/gbk-encode.ts';
import {
  casesToShapefileZip,
  SHAPEFILE_FIELDS,
  type ShapefileOptions,
} from '../../../src/io/shapefile-export.ts';
import { SAMPLE_CATALOG, SAMPLE_SETTINGS, sampleLedger } from '../../golden/sample-ledger.ts';

const ring = (cx: number, cy: number, d: number): Position[] => [
  [cx - d, cy - d],
  [cx + d, cy - d],
  [cx + d, cy + d],
  [cx - d, cy + d],
  [cx - d, cy - d],
];
/** Every case an outline (one a polygon with a hole, one in two parts) but the first, which has none. */
function sampleCases(): CaseState[] {
  return casesInScope(caseStates(sampleLedger()), 'patches').map((c, i) => {
    const { cx, cy } = c.patch;
    const geometry: Polygon | MultiPolygon | undefined =
      i === 0
        ? undefined
        : i === 1
          ? { type: 'Polygon', coordinates: [ring(cx, cy, 0.002), ring(cx, cy, 0.0005).reverse()] }
          : i === 2
            ? { type: 'MultiPolygon', coordinates: [[ring(cx, cy, 0.001)], [ring(cx + 0.01, cy, 0.001)]] }
            : { type: 'Polygon', coordinates: [ring(cx, cy, 0.001)] };
    const { geometry: _drop, ...patch } = c.patch;
    return { ...c, patch: geometry ? { ...patch, geometry } : patch };
  });
}

function parts(zip: Uint8Array, base: string) {
  const files = unzipSync(zip);
  const part = (ext: string) => {
    const bytes = files[`${base}.${ext}`];
    return bytes ? { name: `${base}.${ext}`, bytes } : undefined;
  };
  return {
    name: base,
    shp: part('shp'),
    shx: part('shx'),
    dbf: part('dbf'),
    prj: part('prj'),
    cpg: part('cpg'),
  };
}

/** Vertices of a geometry as sorted "x,y" strings (rings' start and direction may differ after a round trip). */
const vertices = (g: Polygon | MultiPolygon | null | undefined, digits = 7): string[] => {
  if (!g) return [];
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polygons
    .flat()
    .flatMap((r) => r.slice(0, -1))
    .map((p) => `${(p[0] as number).toFixed(digits)},${(p[1] as number).toFixed(digits)}`)
    .sort();
};

const options = (o: Partial<ShapefileOptions> = {}): ShapefileOptions => ({
  encoding: 'utf-8',
  crs: 'geographic',
  baseName: 'patches',
  ...o,
});

describe('zipped Shapefile export', () => {
  const cases = sampleCases();
  const records = patchRecords(cases, SAMPLE_SETTINGS, SAMPLE_CATALOG);

  it('holds .shp/.shx/.dbf/.prj/.cpg, DBF names of at most 10 bytes, one per exported attribute', () => {
    const zip = casesToShapefileZip(cases, SAMPLE_SETTINGS, SAMPLE_CATALOG, options());
    expect(Object.keys(unzipSync(zip.bytes)).sort()).toEqual(
      ['patches.cpg', 'patches.dbf', 'patches.prj', 'patches.shp', 'patches.shx'].sort(),
    );
    for (const f of SHAPEFILE_FIELDS) expect(new TextEncoder().encode(f.name).length).toBeLessThanOrEqual(10);
    expect(new Set(SHAPEFILE_FIELDS.map((f) => f.name)).size).toBe(SHAPEFILE_FIELDS.length);
    expect(Object.keys(records[0] ?? {}).sort()).toEqual(SHAPEFILE_FIELDS.map((f) => f.attribute).sort());
  });

  it('documents its field mapping: the table in docs/bundle-format.md is SHAPEFILE_FIELDS', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../../docs/bundle-format.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Zipped Shapefile'));
    const rows = [...section.matchAll(/^\| ([^|]+) \| ([A-Z_]+) \| ([CN])\((\d+)(?:,(\d+))?\) \|$/gm)].map(
      (m) => [m[1], m[2], m[3], Number(m[4]), Number(m[5] ?? 0)],
    );
    expect(rows).toEqual(
      SHAPEFILE_FIELDS.map((f) => [f.attribute, f.name, f.type, f.length, f.decimals ?? 0]),
    );
  });

  for (const encoding of ['utf-8', 'gbk'] as const)
    it(`reads back with the app's reader (${encoding}): same geometry and attributes`, () => {
      const zip = casesToShapefileZip(cases, SAMPLE_SETTINGS, SAMPLE_CATALOG, options({ encoding }));
      const p = parts(zip.bytes, 'patches');
      expect(new TextDecoder().decode(p.cpg?.bytes)).toBe(encoding === 'gbk' ? 'GBK' : 'UTF-8');
      const layer = readShapefile(p);
      expect(layer.crs.epsg).toBe(4490);
      const features = layer.features ?? [];
      const byId = new Map(features.map((f) => [String(f.properties?.TBBH), f]));
      for (const [i, c] of cases.entries()) {
        const f = byId.get(c.patch.id);
        const geometry = c.patch.geometry;
        if (!geometry) {
          expect(f?.geometry ?? null).toBeNull();
          continue;
        }
        if (!f) throw new Error(`${c.patch.id} not read back`);
        expect(f.geometry?.type).toBe(geometry.type);
        expect(vertices(f.geometry as Polygon | MultiPolygon)).toEqual(vertices(geometry));
        const record = records[i] ?? {};
        for (const field of SHAPEFILE_FIELDS) {
          const expected = record[field.attribute];
          const got = f.properties?.[field.name];
          if (typeof expected === 'number') expect(Number(got)).toBeCloseTo(expected, field.decimals ?? 0);
          else if (expected === '' || expected === undefined) expect(got ?? '').toBe('');
          else expect(got).toBe(expected);
        }
      }
    });

  it('writes a Gauss-Krüger zone with its .prj, in metres, that reads back to the same lon/lat', () => {
    const zip = casesToShapefileZip(cases, SAMPLE_SETTINGS, SAMPLE_CATALOG, options({ crs: 'gk3' }));
    const mean = cases.reduce((n, c) => n + c.patch.cx, 0) / cases.length;
    expect(zip.code).toBe(gaussKrugerCode(mean, 3));
    const p = parts(zip.bytes, 'patches');
    const prj = new TextDecoder().decode(p.prj?.bytes);
    expect(prj).toMatch(/^PROJCS\["CGCS2000_3_Degree_GK_CM_\d+E"/);
    expect(resolveWkt(prj).epsg).toBe(zip.code);
    const layer = readShapefile(p);
    const back = new Map((layer.features ?? []).map((f) => [String(f.properties?.TBBH), f.geometry]));
    for (const c of cases.filter((x) => x.patch.geometry))
      expect(vertices(back.get(c.patch.id) as Polygon, 6)).toEqual(vertices(c.patch.geometry, 6));
  });

  it('refuses GBK for text GBK cannot write, naming the character', () => {
    const gbk = encodeGbk('生态保护红线 A1');
    expect(new TextDecoder('gbk').decode(gbk)).toBe('生态保护红线 A1');
    expect(gbk.length).toBe(12 + 3);
    const odd = cases.map((c, i) => (i === 1 ? { ...c, remark: '现场照片 🌲' } : c));
    expect(() =>
      casesToShapefileZip(odd, SAMPLE_SETTINGS, SAMPLE_CATALOG, options({ encoding: 'gbk' })),
    ).toThrow(GbkUnmappable);
  });

  it('cuts text over 254 bytes at a character boundary and counts it', () => {
    const long = cases.map((c, i) => (i === 1 ? { ...c, remark: '红'.repeat(200) } : c));
    const zip = casesToShapefileZip(long, SAMPLE_SETTINGS, SAMPLE_CATALOG, options());
    expect(zip.truncated.BZ).toBe(1);
    const layer = readShapefile(parts(zip.bytes, 'patches'));
    const remark = String(
      layer.features?.find((f) => f.properties?.TBBH === long[1]?.patch.id)?.properties?.BZ,
    );
    expect(remark).toMatch(/红+$/);
    // 254 bytes at most, and no 红 (3 bytes) cut in two: at most 2 bytes short of the field.
    expect(new TextEncoder().encode(remark).length).toBeGreaterThan(251);
    expect(new TextEncoder().encode(remark).length).toBeLessThanOrEqual(254);
  });
});

const gdal = (() => {
  try {
    execFileSync('ogrinfo', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!gdal)('zipped Shapefile read by GDAL (ogrinfo; skipped when GDAL is not installed)', () => {
  for (const [encoding, crs] of [
    ['utf-8', 'geographic'],
    ['gbk', 'gk3'],
  ] as const)
    it(`${encoding}, ${crs}: layer, feature count, CRS, field names and Chinese text`, () => {
      const cases = sampleCases();
      const zip = casesToShapefileZip(cases, SAMPLE_SETTINGS, SAMPLE_CATALOG, options({ encoding, crs }));
      const dir = mkdtempSync(join(tmpdir(), 'shp-'));
      const path = join(dir, 'patches.zip');
      writeFileSync(path, zip.bytes);
      const summary = execFileSync('ogrinfo', ['-al', '-so', `/vsizip/${path}`], { encoding: 'utf8' });
      expect(summary).toContain('Geometry: Polygon');
      expect(summary).toContain(`Feature Count: ${cases.length}`);
      expect(summary).toMatch(
        crs === 'geographic' ? /China Geodetic Coordinate System 2000|CGCS2000/ : /Gauss|GK/,
      );
      for (const f of SHAPEFILE_FIELDS) expect(summary).toMatch(new RegExp(`^${f.name}: `, 'm'));
      const all = execFileSync('ogrinfo', ['-al', '-q', `/vsizip/${path}`], { encoding: 'utf8' });
      const first = cases[1];
      if (!first) throw new Error('sample too small');
      expect(all).toContain(`TBBH (String) = ${first.patch.id}`);
      expect(all).toContain(`SHENG (String) = ${first.patch.province}`);
    });
});
