import type { Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { readVector, type VectorReadOutcome } from '../../../src/io/vector-read.ts';
import type { VectorLayer } from '../../../src/io/vector-types.ts';
import { unzipEntries } from '../../../src/io/shapefile/zip.ts';
import { readShapefile } from '../../../src/io/shapefile/read.ts';
import { fixture, importErrorOf } from './helpers.ts';

async function readOne(path: string, crs?: string): Promise<VectorReadOutcome> {
  const outcomes = await readVector(
    [{ name: path.split('/').pop() ?? path, bytes: fixture(path) }],
    crs ? { crs } : {},
  );
  expect(outcomes).toHaveLength(1);
  return outcomes[0] as VectorReadOutcome;
}

async function layerOf(path: string, crs?: string): Promise<VectorLayer> {
  const outcome = await readOne(path, crs);
  if (!outcome.ok) throw new Error(`${path}: ${outcome.error.code} ${outcome.error.technical}`);
  return outcome.layer;
}

async function errorCode(path: string): Promise<string> {
  const outcome = await readOne(path);
  return outcome.ok ? 'ok' : outcome.error.code;
}

/** The source attributes of the red-line fixtures (scripts/make-fixtures.sh). */
const EXPECTED_PROPS = [
  { 名称: '巢湖生态保护红线', 编码: '340100-001', 类型: '水源涵养', 面积: 12.5 },
  { 名称: '大别山水土保持红线', 编码: '340100-002', 类型: '水土保持', 面积: 8.25 },
  { 名称: '紫蓬山生物多样性维护区', 编码: '340100-003', 类型: '生物多样性维护', 面积: 3 },
];

/** Rings as sorted point lists (start point and direction removed) to compare ring sets exactly. */
function ringKey(ring: Position[]): string {
  return ring
    .slice(0, -1)
    .map((p) => `${(p[0] ?? 0).toFixed(7)},${(p[1] ?? 0).toFixed(7)}`)
    .sort()
    .join(' ');
}

function structure(g: Geometry): string[][] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  return polys.map((rings) => [ringKey(rings[0] ?? []), ...rings.slice(1).map(ringKey).sort()]).sort();
}

describe('zipped shapefile', () => {
  it('CGCS2000 3° GK zone 39 (EPSG:4527) with GBK attributes and .cpg, GBK entry names', async () => {
    const layer = await layerOf('redline_4527_gbk.zip');
    expect(layer.name).toBe('生态保护红线');
    expect(layer.kindGuess).toMatchObject({ kind: 'redline', confidence: 'high' });
    expect(layer.crs).toMatchObject({
      id: 'EPSG:4527',
      source: 'file',
      name: 'CGCS2000 / 3-degree Gauss-Kruger zone 39',
    });
    expect(layer.features?.map((f) => f.properties)).toEqual(EXPECTED_PROPS);
    expect(layer.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      '名称:string',
      '编码:string',
      '类型:string',
      '面积:number',
    ]);
    expect(layer.warnings).toEqual([]);
    const bbox = layer.bbox ?? [];
    [116.8, 31.2, 117.3, 31.88].forEach((v, i) => expect(bbox[i]).toBeCloseTo(v, 7));
    expect(layer.sourceFiles).toContain('redline_4527_gbk.zip/生态保护红线.dbf');
  });

  it('the same without .cpg: GBK is detected and said so', async () => {
    const layer = await layerOf('redline_4527_gbk_nocpg.zip');
    expect(layer.features?.map((f) => f.properties)).toEqual(EXPECTED_PROPS);
    expect(layer.warnings.map((w) => w.code)).toEqual(['encoding_detected']);
    expect(layer.warnings[0]?.detail.encoding).toBe('GBK');
  });

  it('assembles multipart polygons with holes and an island in a hole exactly as GDAL does', async () => {
    const layer = await layerOf('holes_4545_utf8.zip');
    const gdal = JSON.parse(new TextDecoder().decode(fixture('holes_4545_gdal_4490.geojson'))) as {
      features: { geometry: Geometry; properties: Record<string, unknown> }[];
    };
    expect(layer.crs.id).toBe('EPSG:4545');
    expect(layer.featureCount).toBe(3);
    layer.features?.forEach((f, i) => {
      const ref = gdal.features[i];
      expect(f.properties).toEqual(ref?.properties);
      expect(f.geometry.type).toBe(ref?.geometry.type);
      expect(structure(f.geometry)).toEqual(structure(ref?.geometry ?? f.geometry));
    });
    const island = layer.features?.[1]?.geometry;
    expect(island?.type === 'MultiPolygon' && island.coordinates.map((p) => p.length)).toEqual([1, 2, 1]);
  });

  it('old datums: Beijing 1954 6° zone 20 and Xian 1980 3° CM 120E, with the datum warning', async () => {
    for (const [path, id] of [
      ['redline_beijing1954_21420.zip', 'EPSG:21420'],
      ['redline_xian1980_2385.zip', 'EPSG:2385'],
    ] as const) {
      const layer = await layerOf(path);
      expect(layer.crs.id).toBe(id);
      expect(layer.warnings.map((w) => w.code)).toEqual(['datum_shift_ignored']);
      // No datum shift applied: the lon/lat equals the source lon/lat (written on the same datum by GDAL).
      expect(layer.bbox?.[0]).toBeCloseTo(116.8, 7);
      expect(layer.features?.[0]?.properties).toEqual(EXPECTED_PROPS[0]);
    }
  });

  it('reads loose (unzipped) parts grouped by base name', async () => {
    const entries = unzipEntries('x.zip', fixture('redline_4527_gbk.zip'));
    const outcomes = await readVector(entries.map((e) => ({ name: e.name, bytes: e.bytes })));
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]?.ok && outcomes[0].layer.featureCount).toBe(3);
  });
});

describe('bad shapefiles', () => {
  it('truncated .shp', async () => {
    expect(await errorCode('bad/truncated_shp.zip')).toBe('truncated_file');
  });

  it('zip without .dbf is refused (attributes are needed)', async () => {
    expect(await errorCode('bad/no_dbf.zip')).toBe('shapefile_missing_dbf');
  });

  it('zip without .shx is read with the index rebuilt', async () => {
    const layer = await layerOf('bad/no_shx.zip');
    expect(layer.featureCount).toBe(3);
    expect(layer.warnings.map((w) => w.code)).toEqual(['shx_rebuilt']);
  });

  it('no .prj and projected coordinates: asks, suggesting the zone from the false easting; answer accepted', async () => {
    const outcome = await readOne('bad/no_prj_projected.zip');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.code).toBe('missing_prj');
      expect(outcome.error.detail.candidates).toBe('EPSG:4527,EPSG:2415,EPSG:2363');
    }
    const layer = await layerOf('bad/no_prj_projected.zip', 'EPSG:4527');
    expect(layer.crs.source).toBe('user');
    expect(layer.bbox?.[0]).toBeCloseTo(116.8, 7);
  });

  it('no .prj and degree coordinates: read as CGCS2000 lon/lat with a warning', async () => {
    const layer = await layerOf('bad/no_prj_degrees.zip');
    expect(layer.crs).toMatchObject({ id: 'EPSG:4490', source: 'assumed' });
    expect(layer.warnings.map((w) => w.code)).toEqual(['crs_assumed_lonlat']);
  });

  it('unknown CRS (.prj of Hong Kong 1980 Grid) names the CRS', async () => {
    const outcome = await readOne('bad/unknown_crs.zip');
    expect(!outcome.ok && outcome.error.code).toBe('unknown_crs');
    expect(!outcome.ok && outcome.error.detail.crs).toBe('Hong_Kong_1980_Grid');
  });

  it('corrupt zip', async () => {
    expect(await errorCode('bad/corrupt.zip')).toBe('zip_corrupt');
  });

  it('missing .shp, empty .shp and a non-shapefile .shp', async () => {
    const parts = Object.fromEntries(
      unzipEntries('x.zip', fixture('redline_4527_gbk.zip')).map((e) => [e.name.slice(-3), e]),
    );
    const dbf = parts['dbf'];
    const shp = parts['shp'];
    if (!dbf || !shp) throw new Error('fixture parts missing');
    expect((await importErrorOf(() => readShapefile({ name: 'x', dbf }))).code).toBe('shapefile_missing_shp');
    const empty = { name: 'x.shp', bytes: new Uint8Array() };
    expect((await importErrorOf(() => readShapefile({ name: 'x', shp: empty, dbf }))).code).toBe(
      'empty_file',
    );
    const junk = { name: 'x.shp', bytes: new Uint8Array(200).fill(7) };
    expect((await importErrorOf(() => readShapefile({ name: 'x', shp: junk, dbf }))).code).toBe(
      'corrupt_file',
    );
  });
});
