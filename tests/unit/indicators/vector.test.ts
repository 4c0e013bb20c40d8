import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { assessVector, splitByCounties, type CountyUnit } from '../../../src/core/indicators/vector.ts';
import { buildIndicatorTable } from '../../../src/core/indicators/indicators.ts';
import { geodesicAreaM2 } from '../../../src/core/geo/area.ts';
import { isNaturalClass, naturalShares } from '../../../src/core/indicators/landcover.ts';
import type { FvcSummary } from '../../../src/core/indicators/fvc.ts';

/**
 * A lon/lat box with a vertex every 0.01° along its south and north edges. Cells of 0.01° side by side are
 * congruent by rotation about the polar axis, so a box is exactly the sum of its cells: ratios of boxes are
 * ratios of their widths, by hand. The clipper drops vertices it sees as collinear in lon/lat, which bends a
 * clipped edge from its parallel to a geodesic: ratios then hold to ~1e-7, so they are compared to 5e-5.
 */
const box = (w: number, s: number, e: number, n: number): Polygon => {
  const steps = Math.round((e - w) / 0.01);
  const xs = Array.from({ length: steps + 1 }, (_, i) => Math.round((w + i * 0.01) * 1e6) / 1e6);
  return {
    type: 'Polygon',
    coordinates: [[...xs.map((x) => [x, s]), ...[...xs].reverse().map((x) => [x, n]), [w, s]]],
  };
};
const ha = (p: Polygon): number => geodesicAreaM2(p) / 10_000;

const A: CountyUnit = { code: '450501', name: 'A', geometry: box(110, 20, 110.1, 20.1) };
const B: CountyUnit = { code: '450502', name: 'B', geometry: box(110.1, 20, 110.2, 20.1) };

describe('vector sums and ratios on hand-made polygons', () => {
  it('splits a red line across two counties and keeps what lies outside', () => {
    // 0.04° in A, 0.1° in B, and 0.04° east of B: outside every county.
    const red = box(110.06, 20.02, 110.24, 20.08);
    const pieces = splitByCounties([red], [A, B]);
    const inA = pieces[0]!.reduce((s, p) => s + geodesicAreaM2(p), 0);
    const inB = pieces[1]!.reduce((s, p) => s + geodesicAreaM2(p), 0);
    const out = pieces[2]!.reduce((s, p) => s + geodesicAreaM2(p), 0);
    expect(inB / inA).toBeCloseTo(2.5, 4);
    expect(out / inA).toBeCloseTo(1, 4);
    expect((inA + inB + out) / geodesicAreaM2(red)).toBeCloseTo(1, 6);
  });

  it('gives the hand-computed ratios of area, change, human activity and natural land', () => {
    // Red line: west half of A. Baseline: all of A. So S/A = 50 %, ΔS = −50 %.
    const red = box(110, 20, 110.05, 20.1);
    const sums = assessVector({
      counties: [A, B],
      redlines: [red],
      baseline: [A.geometry],
      patches: [
        { id: 'p1', activityType: 'mining', redlineHa: ha(red) * 0.1, lon: 110.01, lat: 20.05 },
        { id: 'p2', activityType: 'mining', redlineHa: ha(red) * 0.05, lon: 110.02, lat: 20.05 },
        { id: 'p3', activityType: null, redlineHa: 3, lon: 110.15, lat: 20.05 },
        { id: 'p4', activityType: 'energy', redlineHa: 2, lon: 111, lat: 20.05 },
      ],
      landCover: {
        // The west 2/5 of the red line is woodland (0301 under 03*), the rest cropland.
        features: [
          { geometry: box(110, 20, 110.02, 20.1), cls: '0301' },
          { geometry: box(110.02, 20, 110.05, 20.1), cls: '0103' },
        ],
        natural: ['03*', '04*'],
      },
    });
    const table = buildIndicatorTable(sums, { counties: [A, B], totalLabel: '合计', outsideLabel: '外' });
    const [rowA, rowB, outside] = table.rows;
    expect(rowA!.redlineRatioPct).toBeCloseTo(50, 4);
    expect(rowA!.changePct).toBeCloseTo(-50, 4);
    expect(rowA!.areaKept).toBe(false);
    expect(rowA!.activityHa.mining).toBeCloseTo(ha(red) * 0.15, 9);
    expect(rowA!.activitySharePct).toBeCloseTo(15, 4);
    expect(rowA!.naturalRatioPct).toBeCloseTo(40, 4);
    expect(rowA!.patchCount).toBe(2);
    expect(rowB!.redlineHa).toBe(0);
    expect(rowB!.activityHa.unclassified).toBe(3);
    expect(rowB!.activitySharePct).toBeNull(); // no red line in B: no share
    expect(outside!.name).toBe('外');
    expect(outside!.activityHa.energy).toBe(2);
    // Totals are the sums of the rows.
    expect(table.total.redlineHa).toBeCloseTo(rowA!.redlineHa + rowB!.redlineHa + outside!.redlineHa, 9);
    expect(table.total.activityTotalHa).toBeCloseTo(ha(red) * 0.15 + 5, 9);
    expect(table.total.patchCount).toBe(4);
    expect(table.total.countyHa).toBeCloseTo(ha(A.geometry as Polygon) + ha(B.geometry as Polygon), 6);
    expect(table.total.redlineRatioPct).toBeCloseTo(25, 4);
    expect(table.total.name).toBe('合计');
  });

  it('puts FVC means per zone and raster natural shares into the rows', () => {
    const sums = assessVector({
      counties: [A],
      redlines: [box(110, 20, 110.05, 20.1)],
      baseline: null,
      patches: [],
      landCover: null,
    });
    const fvc = (zone: number, total: number): FvcSummary => ({
      soilPercent: 5,
      vegPercent: 95,
      ndviSoil: 0.1,
      ndviVeg: 0.8,
      meanFvc: total,
      zoneMeanFvc: [zone, null],
      pixels: 10,
      zonePixels: [10, 0],
    });
    const table = buildIndicatorTable(sums, {
      counties: [A],
      fvc: { t1: fvc(0.6, 0.6), t2: fvc(0.55, 0.55) },
      fvcTolerance: 0.01,
      rasterNatural: naturalShares({ zones: [{ '10': 3, '40': 1 }, {}] }, ['10']),
    });
    const row = table.rows[0]!;
    expect(row.fvcChange).toBeCloseTo(-0.05, 12);
    expect(row.functionKept).toBe(false);
    expect(row.naturalRatioPct).toBeCloseTo(75, 12);
    expect(row.naturalHa).toBeCloseTo(row.redlineHa * 0.75, 9);
    expect(row.changeHa).toBeNull();
    expect(row.areaKept).toBeNull();
    expect(table.rows).toHaveLength(1); // nothing outside the county: no extra row
  });

  it('matches natural classes exactly or by a * prefix', () => {
    expect(isNaturalClass('0301', ['03*'])).toBe(true);
    expect(isNaturalClass('03', ['03*'])).toBe(true);
    expect(isNaturalClass('1003', ['03*'])).toBe(false);
    expect(isNaturalClass('100', ['10'])).toBe(false);
    expect(isNaturalClass(' 10 ', ['10'])).toBe(true);
    expect(naturalShares({ zones: [{}, { '1': 2 }] }, ['2'])).toEqual({ zones: [null, 0], total: 0 });
  });
});
