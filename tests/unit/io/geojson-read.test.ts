import { describe, expect, it } from 'vitest';
import { decodeWkb } from '../../../src/core/geo/wkb.ts';
import { readGeoJson } from '../../../src/io/geojson-read.ts';
import { sourceFromBytes } from '../../../src/io/vector-source.ts';
import { wkbAt } from '../../../src/io/vector-types.ts';
import { fixture, importErrorOf } from './helpers.ts';

const encoder = new TextEncoder();
const source = (name: string, text: string) => sourceFromBytes(name, encoder.encode(text), 64);

describe('readGeoJson', () => {
  it('reads a FeatureCollection in lon/lat with fields, bbox, WKB rows and RFC 7946 winding', async () => {
    const layer = await readGeoJson(sourceFromBytes('small.geojson', fixture('small.geojson'), 100));
    expect(layer.featureCount).toBe(3);
    expect(layer.crs).toMatchObject({ id: 'EPSG:4326', source: 'default' });
    expect(layer.fields).toEqual([
      { name: '名称', type: 'string' },
      { name: '编码', type: 'string' },
      { name: '类型', type: 'string' },
      { name: '面积', type: 'number' },
    ]);
    expect(layer.bbox).toEqual([116.8, 31.2, 117.3, 31.88]);
    const rows = layer.rows;
    expect(rows.count).toBe(3);
    expect(Array.from(rows.fid)).toEqual([0, 1, 2]);
    expect(JSON.parse(rows.props[1] ?? '')).toMatchObject({ 名称: '大别山水土保持红线' });
    expect(decodeWkb(wkbAt(rows, 1))).toEqual(layer.features?.[1]?.geometry);
    expect([rows.minx[1], rows.miny[1], rows.maxx[1], rows.maxy[1]]).toEqual([116.8, 31.2, 117.05, 31.35]);
    // The fixture's outer ring is counter-clockwise already, its hole clockwise: both must stay that way.
    const polygon = layer.features?.[0]?.geometry;
    expect(polygon?.type).toBe('Polygon');
    if (polygon?.type === 'Polygon') {
      expect(polygon.coordinates[0]?.[1]).toEqual([117.3, 31.5]);
      expect(polygon.coordinates[1]?.[1]).toEqual([117.15, 31.6]);
    }
  });

  it('honours the crs member (EPSG:4527 written by ogr2ogr)', async () => {
    const layer = await readGeoJson(
      sourceFromBytes('gk.geojson', fixture('redline_4527_crs_member.geojson')),
    );
    expect(layer.crs).toMatchObject({ id: 'EPSG:4527', source: 'file' });
    const bbox = layer.bbox ?? [];
    [116.8, 31.2, 117.3, 31.88].forEach((v, i) => expect(bbox[i]).toBeCloseTo(v, 6));
  });

  it('re-reads when the crs member comes after the features', async () => {
    const text = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[39547652.4609549,3453256.27190272]}}],"crs":{"type":"name","properties":{"name":"EPSG:4527"}}}`;
    const layer = await readGeoJson(source('late.geojson', text));
    const p = layer.features?.[0]?.geometry;
    expect(p?.type === 'Point' && p.coordinates[0]).toBeCloseTo(117.5, 8);
    expect(layer.crs.id).toBe('EPSG:4527');
  });

  it('reads a single Feature and a bare geometry', async () => {
    const feature = await readGeoJson(
      source(
        'f.json',
        '{"type":"Feature","properties":{"a":1},"geometry":{"type":"Point","coordinates":[117,31]}}',
      ),
    );
    expect(feature.features?.[0]?.properties).toEqual({ a: 1 });
    const bare = await readGeoJson(
      source('g.json', '{"type":"LineString","coordinates":[[117,31],[118,32]]}'),
    );
    expect(bare.features?.[0]?.geometry.type).toBe('LineString');
  });

  it('skips null and invalid geometries with warnings, and closes open rings', async () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: null },
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [117, 31],
                [118, 31],
                [118, 32],
              ],
            ],
          },
        },
        { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[117, 31]] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: ['a', 1] } },
      ],
    });
    const layer = await readGeoJson(source('w.geojson', text));
    expect(layer.featureCount).toBe(1);
    expect(layer.warnings).toEqual([
      { code: 'null_geometry_skipped', detail: { count: 1 } },
      { code: 'invalid_geometry_skipped', detail: { count: 2, example: 3 } },
      { code: 'rings_closed', detail: { count: 1 } },
    ]);
  });

  it('asks for a CRS when coordinates are not degrees and none is declared, suggesting the GK zone', async () => {
    const text =
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[39547652,3453256]}}]}';
    const error = await importErrorOf(() => readGeoJson(source('p.geojson', text)));
    expect(error.code).toBe('missing_crs');
    expect(error.detail.candidates).toBe('EPSG:4527,EPSG:2415,EPSG:2363');
    const answered = await readGeoJson(source('p.geojson', text), { crs: 'EPSG:4527' });
    expect(answered.crs).toMatchObject({ id: 'EPSG:4527', source: 'user' });
  });

  it('a declared CRS that does not fit the coordinates is refused, naming the CRS', async () => {
    const text =
      '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4490"}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[39547652,3453256]}}]}';
    const error = await importErrorOf(() => readGeoJson(source('wrong.geojson', text)));
    expect(error.code).toBe('coordinates_out_of_range');
    expect(error.detail.crs).toContain('EPSG:4490');
  });

  it('bad inputs: empty, truncated, syntax error, not GeoJSON, empty collection', async () => {
    const read = (path: string) => readGeoJson(sourceFromBytes(path, fixture(path)));
    expect((await importErrorOf(() => read('bad/empty.geojson'))).code).toBe('empty_file');
    expect((await importErrorOf(() => read('bad/truncated.geojson'))).code).toBe('truncated_file');
    expect((await importErrorOf(() => read('bad/syntax_error.geojson'))).code).toBe('invalid_json');
    expect((await importErrorOf(() => read('bad/not_geojson.json'))).detail).toMatchObject({
      type: 'Topology',
    });
    expect(
      (
        await importErrorOf(() =>
          readGeoJson(source('e.geojson', '{"type":"FeatureCollection","features":[]}')),
        )
      ).code,
    ).toBe('no_features');
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await importErrorOf(() =>
      readGeoJson(sourceFromBytes('small.geojson', fixture('small.geojson')), { signal: controller.signal }),
    );
    expect(error.code).toBe('cancelled');
  });
});
