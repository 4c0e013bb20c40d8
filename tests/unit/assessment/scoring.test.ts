import { describe, expect, it } from 'vitest';
import { pointsOf, scoreTable, type ScoringRow } from '../../../src/core/assessment/scoring.ts';

const linear = (zeroAt: number, fullAt: number) => ({ kind: 'linear' as const, zeroAt, fullAt });
const table: ScoringRow[] = [
  { indicator: 'a', weight: 3, rule: linear(0, 100) },
  { indicator: 'b', weight: 1, rule: linear(60, 100) },
];

describe('scoring rules', () => {
  it('linear: 0 at one bound, 100 at the other, straight between, clamped outside', () => {
    expect(pointsOf(linear(60, 100), 80)).toBeCloseTo(50, 12);
    expect(pointsOf(linear(60, 100), 40)).toBe(0);
    expect(pointsOf(linear(60, 100), 120)).toBe(100);
    // Decreasing: fewer is better.
    expect(pointsOf(linear(10, 0), 2.5)).toBeCloseTo(75, 12);
  });

  it('thresholds: the best step reached, otherwise below all', () => {
    const fewer = {
      kind: 'thresholds' as const,
      atLeast: false,
      steps: [
        { bound: 2, points: 60 },
        { bound: 0, points: 100 },
      ],
      otherwise: 0,
    };
    expect(pointsOf(fewer, 0)).toBe(100);
    expect(pointsOf(fewer, 1)).toBe(60);
    expect(pointsOf(fewer, 3)).toBe(0);
    const more = {
      ...fewer,
      atLeast: true,
      steps: [
        { bound: 90, points: 100 },
        { bound: 80, points: 70 },
      ],
    };
    expect(pointsOf(more, 95)).toBe(100);
    expect(pointsOf(more, 85)).toBe(70);
    expect(pointsOf(more, 10)).toBe(0);
  });
});

describe('scoreTable', () => {
  it('is the weighted mean of the points', () => {
    const r = scoreTable(table, { a: 90, b: 80 });
    expect(r.total).toBeCloseTo((3 * 90 + 1 * 50) / 4, 12);
    expect(r.missing).toEqual([]);
    expect(r.weightSum).toBe(4);
  });

  it('a changed weight changes the total', () => {
    const heavierB = table.map((row) => (row.indicator === 'b' ? { ...row, weight: 3 } : row));
    expect(scoreTable(heavierB, { a: 90, b: 80 }).total).toBeCloseTo((3 * 90 + 3 * 50) / 6, 12);
  });

  it('a missing value is said as missing: no total, a partial over what is present, never a zero', () => {
    const r = scoreTable(table, { a: 90 });
    expect(r.missing).toEqual(['b']);
    expect(r.total).toBeUndefined();
    expect(r.partial).toBeCloseTo(90, 12);
    expect(r.rows[1]).toMatchObject({ indicator: 'b', value: undefined, points: undefined });
    // A real zero is a value, not missing.
    const zero = scoreTable(table, { a: 90, b: 0 });
    expect(zero.missing).toEqual([]);
    expect(zero.total).toBeCloseTo((3 * 90) / 4, 12);
  });

  it('a row weighted 0 is not awaited: its missing value does not hold back the total', () => {
    const r = scoreTable([...table, { indicator: 'c', weight: 0, rule: linear(0, 1) }], { a: 90, b: 80 });
    expect(r.missing).toEqual([]);
    expect(r.total).toBeCloseTo((3 * 90 + 1 * 50) / 4, 12);
    expect(r.rows[2]?.points).toBeUndefined();
  });

  it('all weights zero gives no total', () => {
    const r = scoreTable(
      table.map((row) => ({ ...row, weight: 0 })),
      { a: 1, b: 1 },
    );
    expect(r.total).toBeUndefined();
  });
});
