/** GIS exports: GeoJSON and GeoParquet in EPSG:4490 with the annex field names, read back independently. */
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import {
  casesInScope,
  casesToGeoJson,
  casesToGeoParquet,
  featuresToGeoParquet,
  geoJsonBytes,
  PATCH_FIELDS,
} from '../../../src/io/geo-export.ts';
import { readFileSync } from 'node:fs';
import { readParquet } from '../../../src/io/parquet-read.ts';
import { readVector } from '../../../src/io/vector-read.ts';
import { sourceFromBytes } from '../../../src/io/vector-source.ts';
import { buildAnnex, formatCell, roundedAreas, selectAnnex1 } from '../../../src/core/case/annex.ts';
import { caseStates } from '../../../src/core/case/ledger.ts';
import type { CaseState } from '../../../src/core/model.ts';
import { SAMPLE_CATALOG, SAMPLE_SETTINGS, sampleLedger } from '../../golden/sample-ledger.ts';

/** A small square around the centre, so every case has an outline. */
const square = (cx: number, cy: number, d = 0.001): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [cx - d, cy - d],
      [cx + d, cy - d],
      [cx + d, cy + d],
      [cx - d, cy + d],
      [cx - d, cy - d],
    ],
  ],
});

function sampleCases(): CaseState[] {
  return caseStates(sampleLedger()).map((c, i) =>
    // One case keeps no outline: it must come out with a null geometry, not be dropped.
    i === 0 ? c : { ...c, patch: { ...c.patch, geometry: square(c.patch.cx, c.patch.cy) } },
  );
}

describe('GeoJSON export', () => {
  it('holds every patch with the annex field names, in order, and the EPSG:4490 crs member', () => {
    const cases = casesInScope(sampleCases(), 'patches');
    const fc = casesToGeoJson(cases, SAMPLE_SETTINGS, SAMPLE_CATALOG);
    expect(fc.crs.properties.name).toBe('urn:ogc:def:crs:EPSG::4490');
    expect(fc.features.map((f) => f.id)).toEqual(cases.map((c) => c.id));
    for (const f of fc.features) expect(Object.keys(f.properties ?? {})).toEqual(PATCH_FIELDS);
    expect(fc.features.filter((f) => f.geometry === null)).toHaveLength(1);
    // The attribute values are those of the 附件1 row of the same case.
    const annex = buildAnnex(1, cases, SAMPLE_SETTINGS, SAMPLE_CATALOG, { preselected: true, province: '' });
    fc.features.forEach((f, i) => {
      const row = annex.rows[i] ?? [];
      expect(f.properties?.['图斑编号']).toBe(row[0]);
      expect(f.properties?.['中心经度']).toBeCloseTo(Number(row[4]), 6);
      expect(f.properties?.['位置描述']).toBe(row[6]);
      expect(f.properties?.['办理阶段']).not.toBe('');
    });
    const text = new TextDecoder().decode(geoJsonBytes(fc));
    expect(JSON.parse(text)).toEqual(fc);
  });

  it('scope "cases" holds the cases confirmed by the consultation (附件1)', () => {
    const all = sampleCases();
    const fc = casesToGeoJson(casesInScope(all, 'cases'), SAMPLE_SETTINGS, SAMPLE_CATALOG);
    expect(fc.features.map((f) => f.id)).toEqual(selectAnnex1(all).map((c) => c.id));
    expect(fc.features.length).toBeLessThan(all.length);
  });
});

describe('GeoParquet export', () => {
  it('writes WKB geometry and GeoParquet 1.1 metadata that hyparquet reads back', async () => {
    const cases = casesInScope(sampleCases(), 'patches');
    const bytes = casesToGeoParquet(cases, SAMPLE_SETTINGS, SAMPLE_CATALOG);
    const buffer = bytes.slice().buffer;
    const meta = parquetMetadata(buffer);
    const geo = JSON.parse(meta.key_value_metadata?.find((kv) => kv.key === 'geo')?.value ?? '{}') as {
      version: string;
      primary_column: string;
      columns: Record<string, { encoding: string; crs: { id: { code: number } }; bbox: number[] }>;
    };
    expect(geo.primary_column).toBe('geometry');
    expect(geo.columns.geometry?.encoding).toBe('WKB');
    expect(geo.columns.geometry?.crs.id.code).toBe(4490);
    const xs = cases.filter((c) => c.patch.geometry).map((c) => c.patch.cx);
    expect(geo.columns.geometry?.bbox[0]).toBeCloseTo(Math.min(...xs) - 0.001, 9);
    expect(meta.schema.slice(1).map((s) => s.name)).toEqual([...PATCH_FIELDS, 'geometry']);
    expect(meta.schema.find((s) => s.name === '面积（公顷）')?.type).toBe('DOUBLE');

    // hyparquet sees the `geo` metadata and decodes the WKB itself: an independent check of our encoding.
    const rows = await parquetReadObjects({ file: buffer, utf8: false });
    expect(rows.map((r) => r['图斑编号'])).toEqual(cases.map((c) => c.id));
    rows.forEach((row, i) => {
      const expected = cases[i]?.patch.geometry;
      expect(row.geometry ?? null).toEqual(expected ?? null);
    });
  });

  it('is read by the app’s own layer reader as EPSG:4490 with its attributes', async () => {
    const cases = casesInScope(sampleCases(), 'cases');
    const bytes = casesToGeoParquet(cases, SAMPLE_SETTINGS, SAMPLE_CATALOG);
    const layer = await readParquet(sourceFromBytes('cases.parquet', bytes));
    expect(layer.crs.id).toBe('EPSG:4490');
    // The reader skips features without geometry (the case without an outline).
    const drawn = cases.filter((c) => c.patch.geometry);
    expect(drawn.length).toBe(cases.length - 1);
    expect(layer.features?.map((f) => f.properties?.['图斑编号'])).toEqual(drawn.map((c) => c.id));
    expect(layer.features?.[0]?.geometry).toEqual(drawn[0]?.patch.geometry);
  });

  it('keeps the types of generic layer properties (numbers, booleans, text, objects as JSON)', async () => {
    const features = [
      {
        type: 'Feature' as const,
        geometry: square(109, 21),
        properties: { n: 1.5, b: true, s: '红线', o: { a: 1 } },
      },
      {
        type: 'Feature' as const,
        geometry: square(109.1, 21),
        properties: { n: null, s: 'x', extra: 'only here' },
      },
    ];
    const bytes = featuresToGeoParquet(features);
    const rows = await parquetReadObjects({ file: bytes.slice().buffer, utf8: false });
    expect(rows.map((r) => [r.n, r.b, r.s, r.o, r.extra])).toEqual([
      [1.5, true, '红线', '{"a":1}', null],
      [null, null, 'x', null, 'only here'],
    ]);
  });
});

describe('reference layers in a bundle', () => {
  it('the sample red lines survive GeoJSON → GeoParquet → the app’s reader unchanged', async () => {
    const read = async (name: string, bytes: Uint8Array) => {
      const [outcome] = await readVector([{ name, bytes }]);
      if (!outcome?.ok) throw new Error(`${name} not read`);
      return outcome.layer;
    };
    const original = await read(
      'redlines.geojson',
      new Uint8Array(readFileSync('sample-data/beihai/redlines.geojson')),
    );
    const features = original.features ?? [];
    expect(features.length).toBeGreaterThan(10);
    const back = await read('redline-01.parquet', featuresToGeoParquet(features));
    expect(back.crs.id).toBe('EPSG:4490');
    expect(back.features?.map((f) => f.geometry)).toEqual(features.map((f) => f.geometry));
    expect(back.features?.map((f) => f.properties)).toEqual(features.map((f) => f.properties));
  });
});

describe('areas are rounded alike in every export', () => {
  // 0.42524 ha with 0.42536 ha inside red lines (two overlay sums that disagree in the last digits).
  const tipped = (): CaseState[] => {
    const [first, ...rest] = sampleCases();
    const c = first as CaseState;
    return [{ ...c, patch: { ...c.patch, areaHa: 0.42524, redlineHa: 0.42536 } }, ...rest];
  };

  it('rounds both areas to the project decimals and keeps the red-line part within the whole', () => {
    for (const decimals of [2, 3, 4]) {
      const settings = { ...SAMPLE_SETTINGS, areaDecimals: decimals };
      const cases = tipped();
      const fc = casesToGeoJson(cases, settings, SAMPLE_CATALOG);
      const csv = buildAnnex(1, cases, settings, SAMPLE_CATALOG, { preselected: true, province: '' });
      fc.features.forEach((f, i) => {
        const area = f.properties?.['面积（公顷）'] as number;
        const redline = f.properties?.['红线内面积（公顷）'] as number;
        expect(redline).toBeLessThanOrEqual(area);
        // What the GIS file holds is what the list prints.
        const column = csv.columns.find((c) => c.kind === 'area');
        const printed = column ? formatCell(column, csv.rows[i]?.[7] ?? '', decimals) : '';
        expect(String(area.toFixed(printed.split('.')[1]?.length ?? 0))).toBe(printed);
      });
      const first = fc.features[0]?.properties ?? {};
      expect(first['面积（公顷）']).toBe(Number((0.42524).toFixed(decimals)));
    }
  });

  it('GeoParquet holds the same rounded areas as GeoJSON', async () => {
    const cases = tipped();
    const fc = casesToGeoJson(cases, SAMPLE_SETTINGS, SAMPLE_CATALOG);
    const bytes = casesToGeoParquet(cases, SAMPLE_SETTINGS, SAMPLE_CATALOG);
    const rows = await parquetReadObjects({ file: bytes.slice().buffer });
    rows.forEach((row, i) => {
      expect(row['面积（公顷）']).toBe(fc.features[i]?.properties?.['面积（公顷）']);
      expect(row['红线内面积（公顷）']).toBe(fc.features[i]?.properties?.['红线内面积（公顷）']);
    });
  });

  it('roundedAreas clamps after rounding and follows the area’s precision', () => {
    expect(roundedAreas(0.42524, 0.42536, 2)).toEqual({ areaHa: 0.43, redlineHa: 0.43, decimals: 2 });
    expect(roundedAreas(0.42524, 0.42536, 4)).toEqual({ areaHa: 0.4252, redlineHa: 0.4252, decimals: 4 });
    expect(roundedAreas(0.0045, 0.0045, 2)).toEqual({ areaHa: 0.0045, redlineHa: 0.0045, decimals: 4 });
  });
});
