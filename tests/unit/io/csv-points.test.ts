import { describe, expect, it } from 'vitest';
import { parseCoordinate, parseCsv, readCsvPoints } from '../../../src/io/csv-points.ts';
import { sourceFromBytes } from '../../../src/io/vector-source.ts';
import { fixture, importErrorOf } from './helpers.ts';

const csv = (name: string, text: string) => sourceFromBytes(name, new TextEncoder().encode(text));

describe('readCsvPoints', () => {
  for (const [path, warnings] of [
    ['points_utf8_bom.csv', ['csv_rows_skipped']],
    ['points_gbk.csv', ['encoding_detected', 'csv_rows_skipped']],
  ] as const) {
    it(`${path}: 经度/纬度 columns, quoted comma, D°M'S", a row without coordinates`, async () => {
      const layer = await readCsvPoints(sourceFromBytes(path, fixture(path)));
      expect(layer.featureCount).toBe(3);
      expect(layer.crs).toMatchObject({ id: 'EPSG:4490', source: 'file' });
      expect(layer.warnings.map((w) => w.code)).toEqual(warnings);
      expect(layer.warnings.at(-1)?.detail).toEqual({ count: 1, example: 5 });
      expect(layer.features?.[1]?.properties).toEqual({
        编号: 'P02',
        名称: '新建厂房,待核实',
        经度: 117.1503,
        纬度: 31.552,
        '面积(公顷)': 0.8,
      });
      const p3 = layer.features?.[2]?.geometry;
      expect(p3?.type === 'Point' && p3.coordinates).toEqual([117 + 12 / 60 + 30 / 3600, 31.6]);
      expect(layer.fields.map((f) => f.type)).toEqual(['string', 'string', 'number', 'number', 'number']);
    });
  }

  it('lon/lat, x/y and longitude/latitude headers; tabs and semicolons', async () => {
    for (const text of [
      'name,lon,lat\na,117.1,31.2',
      'name\tX\tY\na\t117.1\t31.2',
      'name;Longitude;Latitude\na;117.1;31.2',
    ]) {
      const layer = await readCsvPoints(csv('p.csv', text));
      const g = layer.features?.[0]?.geometry;
      expect(g?.type === 'Point' && g.coordinates).toEqual([117.1, 31.2]);
    }
  });

  it('x/y in degrees is assumed CGCS2000 with a warning; swapped columns are detected', async () => {
    const xy = await readCsvPoints(csv('xy.csv', 'x,y\n117.1,31.2'));
    expect(xy.warnings.map((w) => w.code)).toEqual(['crs_assumed_lonlat']);
    const swapped = await readCsvPoints(csv('s.csv', '经度,纬度\n31.2,117.1\n31.5,117.3'));
    expect(swapped.warnings.map((w) => w.code)).toEqual(['csv_columns_swapped']);
    const g = swapped.features?.[0]?.geometry;
    expect(g?.type === 'Point' && g.coordinates).toEqual([117.1, 31.2]);
  });

  it('projected x/y needs a CRS: asked for, then read with the user choice', async () => {
    const text = 'id,x,y\n1,39547652.4609549,3453256.27190272';
    const error = await importErrorOf(() => readCsvPoints(csv('gk.csv', text)));
    expect(error.code).toBe('missing_crs');
    const layer = await readCsvPoints(csv('gk.csv', text), { crs: 4527 });
    const g = layer.features?.[0]?.geometry;
    expect(g?.type === 'Point' && g.coordinates[0]).toBeCloseTo(117.5, 8);
  });

  it('bad inputs: no coordinate columns, empty file, no valid row', async () => {
    expect(
      (await importErrorOf(() => readCsvPoints(sourceFromBytes('n.csv', fixture('bad/no_coordinates.csv')))))
        .code,
    ).toBe('csv_no_coordinates');
    expect((await importErrorOf(() => readCsvPoints(csv('e.csv', '')))).code).toBe('empty_file');
    expect((await importErrorOf(() => readCsvPoints(csv('v.csv', 'lon,lat\n,\nabc,def')))).code).toBe(
      'no_features',
    );
  });
});

describe('CSV helpers', () => {
  it('parses quotes, doubled quotes, newlines in quotes and CRLF', () => {
    expect(parseCsv('a,b\r\n"x,1","say ""hi""\nthere"\r\n', ',')).toEqual([
      ['a', 'b'],
      ['x,1', 'say "hi"\nthere'],
    ]);
  });

  it('parses decimal and D°M\'S" coordinates with hemispheres', () => {
    expect(parseCoordinate('117.5')).toBe(117.5);
    expect(parseCoordinate(`117°30'00"`)).toBe(117.5);
    expect(parseCoordinate('117度30分')).toBe(117.5);
    expect(parseCoordinate(`33°30′S`)).toBe(-33.5);
    expect(parseCoordinate('east')).toBeNaN();
  });
});
