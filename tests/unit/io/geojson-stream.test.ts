import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GeoJsonScanner, scanGeoJson, type GeoJsonEvent } from '../../../src/io/geojson-stream.ts';
import { importErrorOf } from './helpers.ts';

const encoder = new TextEncoder();

/** Feed `bytes` cut at `cuts` and collect every event. */
function scan(bytes: Uint8Array, cuts: number[] = []): GeoJsonEvent[] {
  const scanner = new GeoJsonScanner('t.geojson');
  const points = [...new Set(cuts.map((c) => Math.min(bytes.length, Math.max(0, c))))].sort((a, b) => a - b);
  const events: GeoJsonEvent[] = [];
  let from = 0;
  for (const to of [...points, bytes.length]) {
    events.push(...scanner.push(bytes.subarray(from, to)));
    from = to;
  }
  scanner.end();
  return events;
}

const tricky = {
  type: 'FeatureCollection',
  name: 'a "quoted" \\ name, with {braces} and [brackets]',
  crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4527' } },
  features: [
    {
      type: 'Feature',
      properties: { 名称: '红线\\"}]', n: 1, esc: '\\\\' },
      geometry: { type: 'Point', coordinates: [1, 2] },
    },
    { type: 'Feature', properties: null, geometry: null },
    {
      type: 'Feature',
      properties: { s: 'ends with backslash \\' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
        ],
      },
    },
  ],
  bbox: [0, 0, 1, 2],
};

describe('GeoJsonScanner', () => {
  it('yields top-level members and each feature, whatever the chunk boundaries', () => {
    const text = JSON.stringify(tricky, null, 1);
    const bytes = encoder.encode(text);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: bytes.length }), { maxLength: 12 }), (cuts) => {
        const events = scan(bytes, cuts);
        const members = Object.fromEntries(
          events.flatMap((e) => (e.kind === 'member' ? [[e.key, e.value]] : [])),
        );
        const features = events.flatMap((e) => (e.kind === 'feature' ? [e.value] : []));
        expect(members).toEqual({ type: tricky.type, name: tricky.name, crs: tricky.crs, bbox: tricky.bbox });
        expect(features).toEqual(tricky.features);
      }),
      { numRuns: 200 },
    );
  });

  it('handles every single-byte split of a small document (incl. BOM)', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(JSON.stringify(tricky))]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(scan(bytes, [cut]).filter((e) => e.kind === 'feature')).toHaveLength(3);
    }
  });

  it('yields features in order with their index and members after the features too', () => {
    const text = '{"features":[{"a":1},{"a":2}],"type":"FeatureCollection","crs":null}';
    expect(scan(encoder.encode(text))).toEqual([
      { kind: 'feature', index: 0, value: { a: 1 } },
      { kind: 'feature', index: 1, value: { a: 2 } },
      { kind: 'member', key: 'type', value: 'FeatureCollection' },
      { kind: 'member', key: 'crs', value: null },
    ]);
  });

  it('treats an empty features array and a single Feature as members', () => {
    expect(scan(encoder.encode('{"type":"FeatureCollection","features":[]}'))).toEqual([
      { kind: 'member', key: 'type', value: 'FeatureCollection' },
    ]);
    const feature = { type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] }, properties: {} };
    expect(scan(encoder.encode(JSON.stringify(feature))).map((e) => e.kind)).toEqual([
      'member',
      'member',
      'member',
    ]);
  });

  it('decodes GBK text when the bytes are not UTF-8', () => {
    const gbk = new Uint8Array([
      ...encoder.encode('{"type":"FeatureCollection","features":[{"p":"'),
      0xba,
      0xec,
      0xcf,
      0xdf, // 红线 in GBK
      ...encoder.encode('"}]}'),
    ]);
    const scanner = new GeoJsonScanner('gbk.geojson');
    const events = scanner.push(gbk);
    scanner.end();
    expect(events[1]).toEqual({ kind: 'feature', index: 0, value: { p: '红线' } });
    expect(scanner.encodingFallback).toBe('GBK');
  });

  it('reports truncation, syntax errors, arrays and empty input', async () => {
    const full = encoder.encode(JSON.stringify(tricky));
    expect((await importErrorOf(() => scan(full.subarray(0, full.length - 5)))).code).toBe('truncated_file');
    expect(
      (await importErrorOf(() => scan(encoder.encode('{"type":"FeatureCollection","features":[{"a":1,}]}'))))
        .code,
    ).toBe('invalid_json');
    expect((await importErrorOf(() => scan(encoder.encode('[{"type":"Feature"}]')))).code).toBe(
      'not_geojson',
    );
    expect((await importErrorOf(() => scan(encoder.encode('  \n')))).code).toBe('empty_file');
    expect((await importErrorOf(() => scan(encoder.encode('{"a":1} x')))).code).toBe('invalid_json');
  });

  it('streams through an async iterable', async () => {
    async function* chunks(): AsyncGenerator<Uint8Array> {
      const bytes = encoder.encode(JSON.stringify(tricky));
      for (let i = 0; i < bytes.length; i += 16) yield bytes.subarray(i, i + 16);
    }
    const kinds: string[] = [];
    for await (const e of scanGeoJson('s.geojson', chunks())) kinds.push(e.kind);
    expect(kinds.filter((k) => k === 'feature')).toHaveLength(3);
  });
});
