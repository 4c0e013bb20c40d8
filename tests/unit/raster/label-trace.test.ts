import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelComponents } from '../../../src/core/raster/label.ts';
import { rasterizePolygons } from '../../../src/core/raster/rasterize.ts';
import { ringsAreSimpleAndDisjoint, simplifyPolygon } from '../../../src/core/raster/simplify.ts';
import { ringArea2, traceMask } from '../../../src/core/raster/trace.ts';
import type { PixelPolygon } from '../../../src/core/raster/types.ts';
import { maskFromRows, rowsFromMask } from './helpers.ts';

const rings = (p: PixelPolygon): number[][] => [p.outer, ...p.holes];

describe('labelComponents', () => {
  it('joins diagonal pixels with 8-connectivity only', () => {
    const { mask, width, height } = maskFromRows(['#..', '.#.', '..#']);
    expect(labelComponents(mask, width, height, 8).count).toBe(1);
    expect(labelComponents(mask, width, height, 4).count).toBe(3);
  });
  it('merges the arms of a U met late in the scan', () => {
    const { mask, width, height } = maskFromRows(['#.#.#', '#.#.#', '#####']);
    const { labels, count } = labelComponents(mask, width, height);
    expect(count).toBe(1);
    expect(new Set([...labels].filter((l) => l > 0))).toEqual(new Set([1]));
  });
});

describe('traceMask', () => {
  it('traces a square as one clockwise ring of 4 corners', () => {
    const { mask, width, height } = maskFromRows(['....', '.##.', '.##.', '....']);
    const polys = traceMask(mask, width, height);
    expect(polys).toHaveLength(1);
    const corners = new Set<string>();
    for (let i = 0; i < polys[0]!.outer.length; i += 2)
      corners.add(`${polys[0]!.outer[i]},${polys[0]!.outer[i + 1]}`);
    expect(corners).toEqual(new Set(['1,1', '3,1', '3,3', '1,3']));
    expect(ringArea2(polys[0]!.outer)).toBe(8);
  });
  it('traces a ring of pixels into an outer ring with one hole', () => {
    const { mask, width, height } = maskFromRows(['#####', '#...#', '#...#', '#####']);
    const polys = traceMask(mask, width, height);
    expect(polys).toHaveLength(1);
    expect(polys[0]!.holes).toHaveLength(1);
    expect(ringArea2(polys[0]!.outer) / 2).toBe(20);
    expect(ringArea2(polys[0]!.holes[0]!) / 2).toBe(-6);
  });
  it('splits diagonal-only contact into two simple rings touching at a corner', () => {
    const { mask, width, height } = maskFromRows(['#.', '.#']);
    const polys = traceMask(mask, width, height);
    expect(polys).toHaveLength(2);
    expect(polys.map((p) => ringArea2(p.outer) / 2)).toEqual([1, 1]);
  });
  it('keeps an island inside a hole as its own polygon, and a pocket closed by a corner as a hole', () => {
    const { mask, width, height } = maskFromRows([
      '#######',
      '#.....#',
      '#.###.#',
      '#.#.#.#',
      '#.###.#',
      '#.....#',
      '#######',
    ]);
    const polys = traceMask(mask, width, height);
    expect(polys).toHaveLength(2);
    const areas = polys.map((p) => [ringArea2(p.outer) / 2, ...p.holes.map((h) => ringArea2(h) / 2)]);
    expect(areas).toContainEqual([49, -25]);
    expect(areas).toContainEqual([9, -1]);
    const pocket = maskFromRows(['###.', '#.#.', '##.#', '...#']);
    const p2 = traceMask(pocket.mask, pocket.width, pocket.height);
    // The pair at the right touches the rest only at the corner (3,2): two polygons; the pocket is a hole.
    const areas2 = p2.map((p) => [ringArea2(p.outer) / 2, ...p.holes.map((h) => ringArea2(h) / 2)]);
    expect(areas2).toContainEqual([8, -1]);
    expect(areas2).toContainEqual([2]);
  });
});

/** Random masks: trace, rasterise back at pixel centres, compare. */
const maskArb = fc
  .record({ w: fc.integer({ min: 1, max: 12 }), h: fc.integer({ min: 1, max: 12 }), seed: fc.integer() })
  .chain(({ w, h }) =>
    fc.array(fc.integer({ min: 0, max: 1 }), { minLength: w * h, maxLength: w * h }).map((bits) => ({
      w,
      h,
      mask: Uint8Array.from(bits),
    })),
  );

describe('trace → rasterise round trip', () => {
  it('reproduces any mask exactly, with simple non-crossing rings', () => {
    fc.assert(
      fc.property(maskArb, ({ w, h, mask }) => {
        const polys = traceMask(mask, w, h);
        const back = rasterizePolygons(polys.map(rings), { x0: 0, y0: 0, x1: w, y1: h });
        expect(rowsFromMask(back, w, h)).toEqual(rowsFromMask(mask, w, h));
        for (const p of polys) expect(ringsAreSimpleAndDisjoint(rings(p))).toBe(true);
        let area = 0;
        for (const p of polys) for (const r of rings(p)) area += ringArea2(r) / 2;
        expect(area).toBe(mask.reduce((s, v) => s + v, 0));
      }),
      { numRuns: 400 },
    );
  });
  it('simplified polygons stay valid and within about one pixel of the mask', () => {
    fc.assert(
      fc.property(maskArb, ({ w, h, mask }) => {
        for (const p of traceMask(mask, w, h)) {
          const s = simplifyPolygon(p, 1);
          expect(ringsAreSimpleAndDisjoint(rings(s))).toBe(true);
          expect(Math.sign(ringArea2(s.outer))).toBe(1);
          const exact = ringArea2(p.outer);
          expect(Math.abs(ringArea2(s.outer) - exact)).toBeLessThanOrEqual(Math.max(2, exact * 0.6));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('simplifyPolygon', () => {
  it('turns a long staircase into a straight-ish edge', () => {
    const rows = Array.from({ length: 20 }, (_, y) => '#'.repeat(y + 1) + '.'.repeat(20 - y - 1));
    const { mask, width, height } = maskFromRows(rows);
    const [p] = traceMask(mask, width, height);
    const s = simplifyPolygon(p!, 1);
    expect(p!.outer.length / 2).toBe(42);
    expect(s.outer.length / 2).toBeLessThanOrEqual(4);
  });
});
