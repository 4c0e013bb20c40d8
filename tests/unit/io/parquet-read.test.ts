import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { encodeWkb } from '../../../src/core/geo/wkb.ts';
import { readParquet } from '../../../src/io/parquet-read.ts';
import { sourceFromBytes } from '../../../src/io/vector-source.ts';
import { fixture, importErrorOf } from './helpers.ts';

const read = (path: string) => readParquet(sourceFromBytes(path, fixture(path)));

describe('readParquet', () => {
  it('GeoParquet with a PROJJSON CRS (EPSG:4527) is reprojected to lon/lat', async () => {
    const layer = await read('redline_4527.parquet');
    expect(layer.crs).toMatchObject({ id: 'EPSG:4527', source: 'file' });
    expect(layer.featureCount).toBe(3);
    expect(layer.features?.[0]?.properties).toEqual({
      名称: '巢湖生态保护红线',
      code: '340100-001',
      area: 12.5,
      n: 1,
    });
    expect(layer.fields).toEqual([
      { name: '名称', type: 'string' },
      { name: 'code', type: 'string' },
      { name: 'area', type: 'number' },
      { name: 'n', type: 'integer' },
    ]);
    const bbox = layer.bbox ?? [];
    [116.8, 31.2, 117.3, 31.88].forEach((v, i) => expect(bbox[i]).toBeCloseTo(v, 6));
  });

  it('GeoParquet without crs is OGC:CRS84 (the spec default)', async () => {
    const layer = await read('redline_crs84.parquet');
    expect(layer.crs).toMatchObject({ id: 'EPSG:4326', source: 'default' });
    expect(layer.bbox).toEqual([116.8, 31.2, 117.3, 31.88]);
  });

  it('plain Parquet with a WKB "geom" column, degrees: assumed lon/lat with a warning', async () => {
    const layer = await read('redline_plain_wkb.parquet');
    expect(layer.crs.source).toBe('assumed');
    expect(layer.warnings.map((w) => w.code)).toEqual(['crs_assumed_lonlat']);
  });

  it('refuses files without a geometry column, truncated files and non-WKB encodings', async () => {
    const noGeom = new Uint8Array(
      parquetWriteBuffer({ columnData: [{ name: 'a', data: [1, 2], type: 'INT32' }] }),
    );
    expect((await importErrorOf(() => readParquet(sourceFromBytes('a.parquet', noGeom)))).code).toBe(
      'parquet_no_geometry',
    );
    const full = fixture('redline_4527.parquet');
    expect(
      (await importErrorOf(() => readParquet(sourceFromBytes('t.parquet', full.subarray(0, 300))))).code,
    ).toBe('truncated_file');
    expect(
      (await importErrorOf(() => readParquet(sourceFromBytes('j.parquet', new TextEncoder().encode('{}')))))
        .code,
    ).toBe('corrupt_file');
    const geo = {
      version: '1.1.0',
      primary_column: 'geometry',
      columns: { geometry: { encoding: 'point' } },
    };
    const native = new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: 'geometry', data: [encodeWkb({ type: 'Point', coordinates: [1, 2] })], type: 'BYTE_ARRAY' },
        ],
        kvMetadata: [{ key: 'geo', value: JSON.stringify(geo) }],
      }),
    );
    expect(
      (await importErrorOf(() => readParquet(sourceFromBytes('n.parquet', native)))).detail,
    ).toMatchObject({ encoding: 'point' });
  });
});
