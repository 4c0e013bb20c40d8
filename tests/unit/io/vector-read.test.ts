import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readVector } from '../../../src/io/vector-read.ts';
import { wkbAt } from '../../../src/io/vector-types.ts';
import { decodeWkb } from '../../../src/core/geo/wkb.ts';
import { unzipEntries } from '../../../src/io/shapefile/zip.ts';
import { fixture, importErrorOf } from './helpers.ts';

describe('readVector', () => {
  it('reads several files at once: one outcome per layer, failures do not stop the others', async () => {
    const outcomes = await readVector([
      { name: 'small.geojson', bytes: fixture('small.geojson') },
      { name: 'bad.geojson', bytes: fixture('bad/truncated.geojson') },
      { name: 'photo.jpg', bytes: new Uint8Array([1, 2, 3]) },
      { name: 'points.csv', bytes: fixture('points_utf8_bom.csv') },
    ]);
    expect(outcomes.map((o) => (o.ok ? `ok:${o.layer.format}` : `error:${o.error.code}`)).sort()).toEqual([
      'error:truncated_file',
      'error:unsupported_format',
      'ok:csv',
      'ok:geojson',
    ]);
  });

  it('opens a zip holding two shapefiles and a GeoJSON as three layers', async () => {
    const entries = Object.fromEntries([
      ...unzipEntries('a.zip', fixture('redline_4527_gbk.zip')).map((e) => [`a/${e.name}`, e.bytes] as const),
      ...unzipEntries('b.zip', fixture('holes_4545_utf8.zip')).map((e) => [`b/${e.name}`, e.bytes] as const),
      ['c/small.geojson', fixture('small.geojson')] as const,
      ['readme.txt', new TextEncoder().encode('metadata')] as const,
    ]);
    const outcomes = await readVector([{ name: 'bundle.zip', bytes: zipSync(entries) }]);
    expect(outcomes.map((o) => (o.ok ? o.layer.name : o.error.code)).sort()).toEqual([
      'holes',
      'small',
      '生态保护红线',
    ]);
  });

  it('a zip without layers is reported as such', async () => {
    const outcomes = await readVector([
      { name: 'docs.zip', bytes: zipSync({ 'a.pdf': new Uint8Array([1]) }) },
    ]);
    expect(outcomes.map((o) => !o.ok && o.error.code)).toEqual(['zip_no_layers']);
  });

  it('reads File objects (browser input) through their streams', async () => {
    const file = new File([fixture('small.geojson').slice().buffer as ArrayBuffer], 'small.geojson');
    const [outcome] = await readVector([file]);
    expect(outcome?.ok && outcome.layer.featureCount).toBe(3);
  });

  it('can skip GeoJSON features and keep only the WKB rows', async () => {
    const [outcome] = await readVector([{ name: 'small.geojson', bytes: fixture('small.geojson') }], {
      keepFeatures: false,
    });
    if (!outcome?.ok) throw new Error('expected a layer');
    expect(outcome.layer.features).toBeNull();
    expect(decodeWkb(wkbAt(outcome.layer.rows, 2)).type).toBe('Polygon');
  });

  it('cancellation rejects with cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await importErrorOf(() =>
      readVector([{ name: 'small.geojson', bytes: fixture('small.geojson') }], { signal: controller.signal }),
    );
    expect(error.code).toBe('cancelled');
  });
});
