import { describe, expect, it } from 'vitest';
import { CELL, classifyCells, coverageOf } from '../../../src/core/pass/coverage.ts';

const tile = { x0: 0, y0: 0, x1: 1000, y1: 1000 };

describe('coverage of a tile', () => {
  it('counts region cells with both dates, one, none, detected and cloud-masked', () => {
    const cells = 10;
    // Region: the west 8 columns.
    const region = new Uint8Array(cells * cells).map((_, i) => (i % cells < 8 ? 1 : 0));
    // T1 covers the west half, T2 everything but the south row.
    const codes = classifyCells(
      tile,
      cells,
      region,
      [{ x0: 0, y0: 0, x1: 500, y1: 1000 }],
      [{ x0: 0, y0: 100, x1: 1000, y1: 1000 }],
    );
    const count = (code: number): number => codes.filter((c) => c === code).length;
    expect(count(CELL.outside)).toBe(20);
    expect(count(CELL.both)).toBe(45);
    expect(count(CELL.t1Only)).toBe(5);
    expect(count(CELL.t2Only)).toBe(27);
    expect(count(CELL.none)).toBe(3);
    const detected = codes.map((c) => (c === CELL.both ? 1 : 0));
    const cloud = new Uint8Array(codes.length);
    cloud[11] = 1; // a cell with both dates
    cloud[9] = 1; // outside the region: not counted
    const ha = coverageOf(codes, 1, detected, cloud);
    expect(ha).toEqual({ region_ha: 80, both_ha: 45, one_ha: 32, none_ha: 3, detected_ha: 45, cloud_ha: 1 });
    expect(coverageOf(codes, 0.5, detected, cloud, (i) => i < 50).region_ha).toBe(20);
  });

  it('counts every cell as region without red lines', () => {
    const codes = classifyCells(tile, 4, null, [tile], []);
    expect(coverageOf(codes, 2)).toMatchObject({ region_ha: 32, one_ha: 32, both_ha: 0 });
  });
});
