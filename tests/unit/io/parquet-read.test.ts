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

  it('refuses corrupt page headers that made the decoder spin (fuzz findings), quickly and with a reason', async () => {
    for (const n of [116, 248, 314, 827]) {
      const started = performance.now();
      const error = await importErrorOf(() => read(`fuzz/parquet-hang-${n}.parquet`));
      expect(error.code, `case ${n}`).toBe('corrupt_file');
      expect(String(error.detail.reason), `case ${n}`).toMatch(/Parquet/);
      expect(performance.now() - started, `case ${n} answered promptly`).toBeLessThan(2000);
    }
  });

  it('refuses a forged run length that used to grow an array until V8 aborted (fuzz crash 1587)', async () => {
    const error = await importErrorOf(() => read('fuzz/parquet-crash-1587.parquet'));
    expect(error.code).toBe('corrupt_file');
    expect(error.detail.reason).toBe('Parquet run longer than its page');
  });

  it('a schema element without a name is a corrupt file, not an internal error (fuzz case 2545)', async () => {
    const error = await importErrorOf(() => read('fuzz/parquet-internal-2545.parquet'));
    expect(error.code).not.toBe('internal');
  });

  it('refuses a column chunk whose path is not in the schema (its failure used to escape unhandled)', async () => {
    const leaked: unknown[] = [];
    const onLeak = (reason: unknown) => leaked.push(reason);
    process.on('unhandledRejection', onLeak);
    try {
      const error = await importErrorOf(() => read('fuzz/parquet-leak-660.parquet'));
      expect(error.detail.reason).toBe('Parquet column not in its schema');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(leaked).toEqual([]);
    } finally {
      process.off('unhandledRejection', onLeak);
    }
  });

  it('refuses a file whose row count disagrees with its row groups', async () => {
    const bytes = new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: 'geometry', data: [encodeWkb({ type: 'Point', coordinates: [1, 2] })], type: 'BYTE_ARRAY' },
        ],
      }),
    );
    // The footer's num_rows (field 3, i64 zigzag varint 2 = one row) is the first 0x16 0x02 after the schema;
    // set it to a huge count, which used to make the batch loop run for ever on empty reads.
    const footerLength = new DataView(bytes.buffer).getUint32(bytes.byteLength - 8, true);
    const footer = bytes.byteLength - 8 - footerLength;
    let at = -1;
    for (let i = footer; i < bytes.byteLength - 9; i += 1)
      if (bytes[i] === 0x16 && bytes[i + 1] === 0x02 && bytes[i + 2] === 0x19) at = i + 1;
    expect(at, 'num_rows found in the footer').toBeGreaterThan(0);
    const forged = new Uint8Array(bytes.byteLength);
    forged.set(bytes);
    forged[at] = 0x7e; // zigzag 63 rows, while the row group holds one
    const error = await importErrorOf(() => readParquet(sourceFromBytes('rows.parquet', forged)));
    expect(error.code).toBe('corrupt_file');
  });
});
