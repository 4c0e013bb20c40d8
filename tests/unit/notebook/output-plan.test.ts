import { describe, expect, it } from 'vitest';
import { encodeWkb } from '../../../src/core/geo/wkb.ts';
import {
  chartData,
  geometryColumns,
  rowsToFeatures,
  sqlResult,
  toJsonValue,
  MAX_STORED_ROWS,
} from '../../../src/core/notebook/output.ts';
import { layoutChart, niceTicks } from '../../../src/core/notebook/chart.ts';
import {
  addDays,
  addMonths,
  areaStatus,
  emptyPlan,
  planStatuses,
  boxRing,
  type PlanArea,
} from '../../../src/core/notebook/plan.ts';

describe('query rows to stored outputs', () => {
  it('keeps JSON values, formats dates and describes blobs', () => {
    expect(toJsonValue(1.5)).toBe(1.5);
    expect(toJsonValue(10n)).toBe(10);
    expect(toJsonValue(2n ** 70n)).toBe('1180591620717411303424');
    expect(toJsonValue(Date.UTC(2026, 0, 2), 'Date<DAY>')).toBe('2026-01-02');
    expect(toJsonValue(Date.UTC(2026, 0, 2, 3, 4, 5), 'Timestamp<MICROSECOND>')).toBe(
      '2026-01-02T03:04:05.000Z',
    );
    expect(toJsonValue(new Uint8Array(7))).toBe('BLOB(7 B)');
    expect(toJsonValue(Number.NaN)).toBe('NaN');
    expect(toJsonValue({ toJSON: () => [1, 2n] })).toEqual([1, 2]);
  });

  it('turns a geom WKB column or lon/lat columns into features', () => {
    const wkb = encodeWkb({
      type: 'Polygon',
      coordinates: [
        [
          [109.5, 21.5],
          [109.6, 21.5],
          [109.6, 21.6],
          [109.5, 21.5],
        ],
      ],
    });
    const columns = [
      { name: 'id', type: 'Utf8' },
      { name: 'geom', type: 'Binary' },
    ];
    const result = sqlResult(columns, [
      { id: 'a', geom: wkb },
      { id: 'b', geom: null },
      { id: 'c', geom: new Uint8Array([9]) },
    ]);
    if (result.type !== 'sql') throw new Error();
    expect(result.rows).toEqual([
      ['a', `BLOB(${wkb.length} B)`],
      ['b', null],
      ['c', 'BLOB(1 B)'],
    ]);
    expect(result.features).toHaveLength(1);
    expect(result.features?.[0]).toMatchObject({ properties: { id: 'a' }, geometry: { type: 'Polygon' } });
    expect(
      geometryColumns([
        { name: 'CX', type: 'Float64' },
        { name: 'cy', type: 'Float64' },
      ]),
    ).toEqual({ lon: 'CX', lat: 'cy' });
    expect(geometryColumns([{ name: 'lon', type: 'Float64' }])).toBeNull();
    const points = rowsToFeatures(
      [
        { name: 'lon', type: 'Float64' },
        { name: 'lat', type: 'Float64' },
      ],
      [
        { lon: 109.123456789, lat: 21.5 },
        { lon: 500, lat: 1 },
      ],
    );
    expect(points).toEqual([
      {
        type: 'Feature',
        properties: { lon: 109.123456789, lat: 21.5 },
        geometry: { type: 'Point', coordinates: [109.1234568, 21.5] },
      },
    ]);
  });

  it('caps stored rows but reports the count', () => {
    const rows = Array.from({ length: MAX_STORED_ROWS + 5 }, (_, i) => ({ n: i }));
    const result = sqlResult([{ name: 'n', type: 'Int32' }], rows);
    expect(result).toMatchObject({ rowCount: MAX_STORED_ROWS + 5, truncated: true });
    if (result.type === 'sql') expect(result.rows).toHaveLength(MAX_STORED_ROWS);
  });

  it('builds chart series from named or numeric columns', () => {
    const result = sqlResult(
      [
        { name: 'county', type: 'Utf8' },
        { name: 'ha', type: 'Float64' },
        { name: 'n', type: 'Int32' },
      ],
      [
        { county: '海城区', ha: 1.5, n: 2 },
        { county: '银海区', ha: null, n: 3 },
      ],
    );
    if (result.type !== 'sql') throw new Error();
    expect(chartData(result, { type: 'bar', x: 'county', y: ['ha'] })).toEqual({
      type: 'chart',
      categories: ['海城区', '银海区'],
      series: [{ name: 'ha', values: [1.5, null] }],
    });
    expect(chartData(result, { type: 'bar', x: 'county', y: [] }).series.map((s) => s.name)).toEqual([
      'ha',
      'n',
    ]);
  });
});

describe('chart layout', () => {
  it('picks round ticks and lays out bars from zero', () => {
    expect(niceTicks(0, 97)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(-3, 7)).toEqual([-4, -2, 0, 2, 4, 6, 8]);
    const layout = layoutChart('bar', ['a', 'b'], [{ values: [50, -25] }]);
    const [a, b] = layout.bars;
    expect(a!.y + a!.height).toBeCloseTo(layout.zeroY, 9);
    expect(b!.y).toBeCloseTo(layout.zeroY, 9);
    expect(a!.height).toBeCloseTo(2 * b!.height, 9);
    expect(
      layoutChart('line', ['a', 'b', 'c'], [{ values: [1, null, 3] }]).lines[0]!.points.split(' '),
    ).toHaveLength(2);
  });
});

describe('monitoring plan', () => {
  const area = (frequency: PlanArea['frequency'], markedOn = '2026-01-10'): PlanArea => ({
    id: 'a',
    name: 'A',
    frequency,
    source: 'routine',
    bbox: [109.5, 21.5, 109.6, 21.6],
    ring: boxRing([109.5, 21.5, 109.6, 21.6]),
    markedOn,
  });
  const scene = (date: string, bbox: [number, number, number, number] = [109.4, 21.4, 109.7, 21.7]) => ({
    date,
    bbox,
  });

  it('adds civil months and days', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2025-06-15', 12)).toBe('2026-06-15');
    expect(addDays('2025-12-30', 5)).toBe('2026-01-04');
  });

  it('lists areas due or overdue for new imagery given the acquisition dates', () => {
    // Quarterly, last image 2025-10-01 → due 2026-01-01: overdue on 2026-01-10, due within 30 days before.
    expect(
      areaStatus(area('quarterly'), [scene('2025-10-01'), scene('2025-07-01')], '2026-01-10'),
    ).toMatchObject({
      lastImage: '2025-10-01',
      dueOn: '2026-01-01',
      status: 'overdue',
    });
    expect(areaStatus(area('quarterly'), [scene('2025-10-01')], '2025-12-15').status).toBe('due');
    expect(areaStatus(area('annual'), [scene('2025-10-01')], '2026-01-10').status).toBe('ok');
    // A scene that does not cover the area, or acquired after today, does not count.
    expect(
      areaStatus(area('annual'), [scene('2025-10-01', [0, 0, 1, 1]), scene('2026-05-01')], '2026-01-10'),
    ).toMatchObject({
      lastImage: null,
      dueOn: '2026-01-10',
      status: 'due',
    });
    // Instant checks: covered by an image on or after the day they were marked, else overdue after 7 days.
    expect(areaStatus(area('instant'), [scene('2026-01-12')], '2026-01-20').status).toBe('covered');
    expect(areaStatus(area('instant'), [scene('2026-01-01')], '2026-01-20').status).toBe('overdue');
    expect(areaStatus(area('instant'), [], '2026-01-12').status).toBe('due');
    const plan = {
      ...emptyPlan('p'),
      areas: [
        { ...area('annual'), id: 'x' },
        { ...area('quarterly'), id: 'y' },
      ],
    };
    expect(planStatuses(plan, [scene('2025-10-01')], '2026-01-10').map((s) => s.area.id)).toEqual(['y', 'x']);
  });
});
