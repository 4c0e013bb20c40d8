import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import proj4 from 'proj4';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { readTiffSummary } from './tiff-header.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SAMPLE = join(ROOT, 'sample-data', 'beihai');
const CAVEAT = '示例数据，非官方红线';
const BEIHAI_COUNTIES = ['450502', '450503', '450512', '450521'];

interface Manifest {
  schemaVersion: number;
  id: string;
  province: { code: string; name: string };
  layers: { file: string; kind: string; name: { zh: string; en: string } }[];
  scenes: { file: string; label: string; acquired_on: string; sensor: string; bands: string[] }[];
  truth?: { file: string };
  extras?: { file: string }[];
  notice: { zh: string; en: string };
}

type Divisions = { levels: string[]; items: [string, string, string | null, number][] };

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf-8')) as T;
const manifest = readJson<Manifest>(join(SAMPLE, 'project.json'));
const layerFile = (kind: string) => manifest.layers.find((l) => l.kind === kind)?.file ?? `missing-${kind}`;

/** All rings of a polygonal geometry; throws on anything else so a wrong type fails the test. */
function ringsOf(geometry: Geometry): Position[][] {
  if (geometry.type === 'Polygon') return geometry.coordinates;
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
  throw new Error(`unexpected geometry ${geometry.type}`);
}

const footprint = (file: string) => readTiffSummary(readFileSync(join(SAMPLE, file))).bbox;

function expectRingsInside(features: Feature[], box: readonly number[]): void {
  const [minX = NaN, minY = NaN, maxX = NaN, maxY = NaN] = box;
  for (const f of features) {
    if (!f.geometry) throw new Error('feature without geometry');
    for (const ring of ringsOf(f.geometry)) {
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[0]).toEqual(ring.at(-1));
      for (const [x = NaN, y = NaN] of ring) {
        expect(x >= minX && x <= maxX && y >= minY && y <= maxY, `${x},${y} outside ${box.join(',')}`).toBe(
          true,
        );
      }
    }
  }
}

describe('Beihai sample manifest', () => {
  it('references files that exist, and the whole sample stays small', () => {
    expect(manifest.schemaVersion).toBe(1);
    expect(manifest.province.code).toBe('450000');
    const files = [
      ...manifest.layers.map((l) => l.file),
      ...manifest.scenes.map((s) => s.file),
      ...(manifest.truth ? [manifest.truth.file] : []),
      ...(manifest.extras ?? []).map((e) => e.file),
    ];
    for (const file of files) expect(existsSync(join(SAMPLE, file)), file).toBe(true);
    const total = files.reduce((sum, file) => sum + statSync(join(SAMPLE, file)).size, 0);
    expect(total).toBeLessThan(15 * 1024 * 1024);
    expect(manifest.layers.map((l) => l.kind).sort()).toEqual(['admin', 'redline', 'reserve']);
    expect(manifest.scenes.map((s) => [s.label, s.acquired_on])).toEqual([
      ['T1', '2016-12-09'],
      ['T2', '2018-03-09'],
    ]);
    expect(manifest.notice.zh).toContain(CAVEAT);
  });

  it('ships two 4-band uint16 COGs with overviews on the grid of the truth mask', () => {
    const [t1, t2, truth] = ['t1.tif', 't2.tif', manifest.truth?.file ?? 'truth.tif'].map((file) =>
      readTiffSummary(readFileSync(join(SAMPLE, file))),
    );
    for (const s of [t1, t2, truth]) expect(s?.ifdCount).toBeGreaterThan(1);
    expect([t1?.width, t1?.height, t1?.samplesPerPixel, t1?.bitsPerSample]).toEqual([772, 902, 4, 16]);
    expect(t2?.bbox).toEqual(t1?.bbox);
    expect([truth?.width, truth?.height, truth?.samplesPerPixel, truth?.bitsPerSample]).toEqual([
      772, 902, 1, 8,
    ]);
    expect(truth?.bbox).toEqual(t1?.bbox);
    // Beihai, Guangxi (the OSCD tile east of the city, near Tieshan Bay).
    const [minX = NaN, minY = NaN] = t1?.bbox ?? [];
    expect(minX).toBeCloseTo(109.4839, 3);
    expect(minY).toBeCloseTo(21.5317, 3);
  });
});

describe('sample red lines and reserves', () => {
  for (const kind of ['redline', 'reserve']) {
    it(`${kind}: every feature carries the caveat and lies inside the image footprint`, () => {
      const fc = readJson<FeatureCollection>(join(SAMPLE, layerFile(kind)));
      expect(fc.features.length).toBeGreaterThan(0);
      expect(fc.features.length).toBeLessThanOrEqual(300);
      const names = new Set<string>();
      for (const f of fc.features) {
        expect(f.properties?.note).toBe(CAVEAT);
        const name = String(f.properties?.name);
        expect(name).toMatch(kind === 'redline' ? /^示例红线-\d{3}$/ : /^示例自然保护地-\d{2}$/);
        names.add(name);
      }
      expect(names.size).toBe(fc.features.length);
      expectRingsInside(fc.features, footprint('t1.tif'));
    });
  }

  it('the shapefile zip holds the same red lines in CGCS2000 GK zone 37 with GBK attributes', () => {
    const zip = unzipSync(readFileSync(join(SAMPLE, 'redlines-cgcs2000-gk37.zip')));
    const part = (ext: string) => {
      const entry = Object.entries(zip).find(([name]) => name.endsWith(`.${ext}`));
      if (!entry) throw new Error(`no .${ext} in the zip`);
      return entry[1];
    };
    const prj = new TextDecoder().decode(part('prj'));
    expect(prj).toContain('37500000');
    expect(new TextDecoder().decode(part('cpg')).trim()).toMatch(/^(CP)?936|GBK$/i);
    // The .shp header bounding box (bytes 36..68, little-endian doubles) back to lon/lat through the .prj.
    const shp = new DataView(part('shp').buffer, part('shp').byteOffset);
    const [x0, y0, x1, y1] = [36, 44, 52, 60].map((o) => shp.getFloat64(o, true));
    const sw = proj4(prj, 'EPSG:4326', [x0 ?? NaN, y0 ?? NaN]);
    const ne = proj4(prj, 'EPSG:4326', [x1 ?? NaN, y1 ?? NaN]);
    const [minX = NaN, minY = NaN, maxX = NaN, maxY = NaN] = footprint('t1.tif');
    // The GK bbox corners are not the lon/lat bbox corners: grid convergence (~0.55° here) moves them ~100 m.
    const slack = 0.002;
    expect(sw[0]).toBeGreaterThan(minX - slack);
    expect(sw[1]).toBeGreaterThan(minY - slack);
    expect(ne[0]).toBeLessThan(maxX + slack);
    expect(ne[1]).toBeLessThan(maxY + slack);
    // DBF: record count matches the GeoJSON, and the text is GBK (not UTF-8) and decodes to the caveat.
    const dbf = part('dbf');
    const records = new DataView(dbf.buffer, dbf.byteOffset).getUint32(4, true);
    const geojson = readJson<FeatureCollection>(join(SAMPLE, layerFile('redline')));
    expect(records).toBe(geojson.features.length);
    const gbk = new TextDecoder('gbk').decode(dbf);
    expect(gbk).toContain(CAVEAT);
    expect(gbk).toContain('示例红线-001');
    expect(new TextDecoder().decode(dbf)).not.toContain(CAVEAT);
  });
});

describe('administrative divisions', () => {
  const divisions = readJson<Divisions>(join(ROOT, 'public', 'admin', 'divisions.json'));
  const byCode = new Map(divisions.items.map((item) => [item[0], item]));

  it("has Beihai's four counties under 北海市 under 广西", () => {
    expect(byCode.get('450500')?.slice(1)).toEqual(['北海市', '450000', 1]);
    expect(byCode.get('450000')?.[2]).toBeNull();
    for (const code of BEIHAI_COUNTIES) {
      expect(byCode.get(code)?.[2], code).toBe('450500');
      expect(divisions.levels[byCode.get(code)?.[3] ?? -1]).toBe('county');
    }
    expect(byCode.get('450521')?.[1]).toBe('合浦县');
    const townships = divisions.items.filter((item) => item[2] === '450512');
    expect(townships.length).toBeGreaterThan(0);
    for (const t of townships) expect(t[0]).toMatch(/^450512\d{3}$/);
  });

  it('codes are unique and every parent exists one level up', () => {
    expect(byCode.size).toBe(divisions.items.length);
    for (const [code, , parent, level] of divisions.items) {
      expect(code).toMatch(level === 3 ? /^\d{9}$/ : /^\d{6}$/);
      if (parent === null) {
        expect(level).toBe(0);
        continue;
      }
      const up = byCode.get(parent);
      expect(up, `${code} → ${parent}`).toBeDefined();
      // Cities without counties (东莞, 中山, 儋州) hold their townships directly: two levels up.
      expect(level - (up?.[3] ?? NaN)).toBeGreaterThanOrEqual(1);
    }
  });

  it('illustrative Beihai county polygons are labelled and sit in Guangxi', () => {
    const fc = readJson<FeatureCollection>(join(SAMPLE, layerFile('admin')));
    expect(fc.features.map((f) => f.properties?.code).sort()).toEqual(BEIHAI_COUNTIES);
    for (const f of fc.features) {
      expect(f.properties?.note).toBe('示例边界，非官方');
      expect(f.properties?.parentCode).toBe('450500');
    }
    expectRingsInside(fc.features, [104.4, 20.9, 112.1, 26.4]);
  });
});
