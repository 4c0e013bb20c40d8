import type { Polygon, Position } from 'geojson';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { geodesicAreaM2 } from '../../../src/core/geo/area.ts';
import {
  intersection,
  overlayPatch,
  relateToBox,
  subtract,
  unionAll,
} from '../../../src/core/geo/overlay.ts';
import { bboxOf, type Areal } from '../../../src/core/geo/rings.ts';
import { FeatureIndex, type AreaFeature } from '../../../src/core/geo/spatial-index.ts';

// Hand-made cases near Hepu (109.2°E, 21.6°N); units of 0.001° ≈ 100 m.
const X = 109.2;
const Y = 21.6;
const u = 0.001;

/** Axis-aligned rectangle in units from the origin (counter-clockwise, closed). */
function rect(x0: number, y0: number, x1: number, y1: number): Position[] {
  return [
    [X + x0 * u, Y + y0 * u],
    [X + x1 * u, Y + y0 * u],
    [X + x1 * u, Y + y1 * u],
    [X + x0 * u, Y + y1 * u],
    [X + x0 * u, Y + y0 * u],
  ];
}
const box = (x0: number, y0: number, x1: number, y1: number, ...holes: Position[][]): Polygon => ({
  type: 'Polygon',
  coordinates: [rect(x0, y0, x1, y1), ...holes.map((h) => [...h].reverse())],
});
const area = (g: Areal) => geodesicAreaM2(g);
const index = (...geometries: Areal[]) =>
  new FeatureIndex<AreaFeature>(geometries.map((geometry, i) => ({ id: `F${i}`, geometry })));

function overlay(patch: Areal, redlines: Areal[], reserves: Areal[] = []) {
  return overlayPatch(patch, bboxOf(patch), area(patch), index(...redlines), index(...reserves));
}

describe('patch ∩ red lines − reserves', () => {
  it('takes the whole patch without clipping when one red line contains it', () => {
    const patch = box(4, 4, 6, 6);
    const result = overlay(patch, [box(0, 0, 10, 10)]);
    expect(result.redline).toBe(patch); // the same object: the clipper was skipped
    expect(result.redlineM2).toBe(area(patch));
    expect(result.redlines).toEqual([{ id: 'F0', m2: area(patch) }]);
  });

  it('clips a patch crossing a red-line boundary', () => {
    const result = overlay(box(8, 4, 12, 6), [box(0, 0, 10, 10)]);
    expect(result.redlineM2).toBeCloseTo(area(box(8, 4, 10, 6)), 4);
    expect(result.redlines[0]?.m2).toBeCloseTo(area(box(8, 4, 10, 6)), 4);
  });

  it('finds no overlap for a patch that only touches a red line along an edge', () => {
    const result = overlay(box(10, 2, 12, 4), [box(0, 0, 10, 10)]);
    expect(result.redline).toBeNull();
    expect(result.redlineM2).toBe(0);
    expect(result.redlines).toEqual([]);
  });

  it('keeps the whole patch when it touches the red line boundary from inside', () => {
    const patch = box(8, 2, 10, 4);
    const result = overlay(patch, [box(0, 0, 10, 10)]);
    expect(result.redlineM2).toBeCloseTo(area(patch), 4);
  });

  it('sums a patch across two red lines sharing an edge, without a gap or double count', () => {
    const patch = box(8, 2, 12, 4);
    const result = overlay(patch, [box(0, 0, 10, 10), box(10, 0, 20, 10)]);
    expect(result.redlineM2).toBeCloseTo(area(patch), 4);
    expect(result.redlines.map((o) => o.id)).toEqual(['F0', 'F1']);
    expect(result.redlines[0]!.m2 + result.redlines[1]!.m2).toBeCloseTo(area(patch), 4);
  });

  it('counts the part inside overlapping red lines once', () => {
    const patch = box(4, 4, 9, 6);
    const result = overlay(patch, [box(0, 0, 7, 10), box(5, 0, 8, 10)]);
    expect(result.redlineM2).toBeCloseTo(area(box(4, 4, 8, 6)), 4);
    const covered = overlay(box(5.5, 4, 6.5, 6), [box(0, 0, 7, 10), box(5, 0, 8, 10)]);
    expect(covered.redlineM2).toBe(area(box(5.5, 4, 6.5, 6)));
    expect(covered.redlines).toHaveLength(2);
  });

  it('measures a sliver: a 0.1 m strip along the patch edge', () => {
    const strip = 1e-6 / u; // 1e-6° ≈ 0.1 m, in units
    const result = overlay(box(0, 0, 2, 2), [box(2 - strip, -5, 9, 9)]);
    const expected = area(box(2 - strip, 0, 2, 2));
    expect(expected).toBeGreaterThan(15); // ≈ 0.1 m × 220 m
    expect(result.redlineM2).toBeGreaterThan(0);
    expect(Math.abs(result.redlineM2 - expected) / expected).toBeLessThan(1e-3);
  });

  it('handles multipolygon red lines and multipolygon patches', () => {
    const redline: Areal = {
      type: 'MultiPolygon',
      coordinates: [box(0, 0, 4, 10).coordinates, box(6, 0, 10, 10).coordinates],
    };
    const result = overlay(box(3, 4, 7, 6), [redline]);
    expect(result.redlineM2).toBeCloseTo(area(box(3, 4, 4, 6)) + area(box(6, 4, 7, 6)), 4);
    const patch: Areal = {
      type: 'MultiPolygon',
      coordinates: [box(1, 1, 2, 2).coordinates, box(4.5, 1, 5.5, 2).coordinates],
    };
    expect(overlay(patch, [redline]).redlineM2).toBeCloseTo(area(box(1, 1, 2, 2)), 4);
  });

  it('respects holes in red lines', () => {
    const redline = box(0, 0, 10, 10, rect(3, 3, 7, 7));
    expect(overlay(box(4, 4, 6, 6), [redline]).redlineM2).toBe(0);
    expect(overlay(box(2, 4, 4, 6), [redline]).redlineM2).toBeCloseTo(area(box(2, 4, 3, 6)), 4);
    // The hole lies wholly inside the patch: no edges cross, yet the patch is not all inside.
    expect(overlay(box(2, 2, 8, 8), [redline]).redlineM2).toBeCloseTo(
      area(box(2, 2, 8, 8)) - area(box(3, 3, 7, 7)),
      4,
    );
    // Likewise a small red-line island inside a large patch.
    expect(overlay(box(2, 2, 8, 8), [box(4, 4, 5, 5)]).redlineM2).toBeCloseTo(area(box(4, 4, 5, 5)), 4);
  });

  it('keeps a patch with a hole whole when it lies inside a red line', () => {
    const patch = box(2, 2, 6, 6, rect(3, 3, 5, 5));
    expect(overlay(patch, [box(0, 0, 10, 10)]).redlineM2).toBeCloseTo(
      area(box(2, 2, 6, 6)) - area(box(3, 3, 5, 5)),
      4,
    );
  });

  it('excludes reserves: entirely and in part', () => {
    const patch = box(4, 4, 6, 6);
    const inside = overlay(patch, [box(0, 0, 10, 10)], [box(3, 3, 7, 7)]);
    expect(inside.redlineM2).toBe(0);
    expect(inside.redline).toBeNull();
    expect(inside.reserves).toEqual([{ id: 'F0', m2: area(patch) }]);
    const part = overlay(box(4, 4, 8, 6), [box(0, 0, 10, 10)], [box(7, 0, 12, 10)]);
    expect(part.redlineM2).toBeCloseTo(area(box(4, 4, 7, 6)), 4);
    expect(part.reserves[0]?.m2).toBeCloseTo(area(box(7, 4, 8, 6)), 4);
    // Reserve touching the patch only along an edge removes nothing.
    expect(overlay(patch, [box(0, 0, 10, 10)], [box(6, 0, 9, 9)]).redlineM2).toBe(area(patch));
  });

  it('classifies features against the patch box exactly', () => {
    const patch = box(4, 4, 6, 6);
    const b = bboxOf(patch);
    const probe = patch.coordinates[0]![0]!;
    expect(relateToBox(box(0, 0, 10, 10), bboxOf(box(0, 0, 10, 10)), b, probe)).toBe('contains');
    expect(relateToBox(box(5, 0, 10, 10), bboxOf(box(5, 0, 10, 10)), b, probe)).toBe('crossing');
    const ring = box(0, 0, 10, 10, rect(3, 3, 7, 7));
    expect(relateToBox(ring, bboxOf(ring), b, probe)).toBe('disjoint');
  });
});

/** A star-shaped polygon (always simple) around (cx, cy) in units. */
function star(cx: number, cy: number, radii: number[], phase: number): Polygon {
  const ring: Position[] = radii.map((r, i) => {
    const a = phase + (2 * Math.PI * i) / radii.length;
    return [X + (cx + r * Math.cos(a)) * u, Y + (cy + r * Math.sin(a)) * u];
  });
  ring.push(ring[0]!);
  return { type: 'Polygon', coordinates: [ring] };
}

const starArb = (maxR: number) =>
  fc
    .record({
      cx: fc.double({ min: -5, max: 5, noNaN: true }),
      cy: fc.double({ min: -5, max: 5, noNaN: true }),
      radii: fc.array(fc.double({ min: maxR / 4, max: maxR, noNaN: true }), { minLength: 5, maxLength: 40 }),
      phase: fc.double({ min: 0, max: 6.28, noNaN: true }),
    })
    .map((s) => star(s.cx, s.cy, s.radii, s.phase));

const radiiArb = fc.array(fc.double({ min: 0.75, max: 3, noNaN: true }), { minLength: 5, maxLength: 40 });

/** A patch of one or two star parts; the second sits 7 units right of the first, so they never overlap. */
const patchArb = fc
  .record({
    cx: fc.double({ min: -5, max: 5, noNaN: true }),
    cy: fc.double({ min: -5, max: 5, noNaN: true }),
    radii: radiiArb,
    second: fc.option(radiiArb, { nil: undefined }),
  })
  .map(({ cx, cy, radii, second }): Areal => {
    const first = star(cx, cy, radii, 0);
    if (!second) return first;
    return {
      type: 'MultiPolygon',
      coordinates: [first.coordinates, star(cx + 7, cy, second, 0.3).coordinates],
    };
  });

/** A red line: a star, sometimes with a star-shaped hole around its centre. */
const redlineArb = fc
  .tuple(starArb(8), fc.boolean(), fc.double({ min: 0.3, max: 1.5, noNaN: true }))
  .map(([outer, withHole, holeR]): Areal => {
    if (!withHole) return outer;
    const ring = outer.coordinates[0]!;
    // Centred on the vertex mean (≤ 1.2 units from the star's centre) with radius ≤ 0.45 units: inside,
    // since every outer radius is ≥ 2 units.
    const n = ring.length - 1;
    const cx = ring.slice(0, n).reduce((sum, p) => sum + p[0]!, 0) / n;
    const cy = ring.slice(0, n).reduce((sum, p) => sum + p[1]!, 0) / n;
    const hole: Position[] = [0, 1, 2, 3, 4, 5].map((k) => [
      cx + holeR * 0.3 * u * Math.cos(-k),
      cy + holeR * 0.3 * u * Math.sin(-k),
    ]);
    hole.push(hole[0]!);
    return { type: 'Polygon', coordinates: [ring, hole] };
  });

describe('fast paths agree with a plain exact intersection', () => {
  it('gives the same areas as clipping the full, uncropped features', () => {
    fc.assert(
      fc.property(
        patchArb,
        fc.array(redlineArb, { minLength: 1, maxLength: 2 }),
        starArb(4),
        (patch, redlines, reserve) => {
          const result = overlay(patch, redlines, [reserve]);
          // The two sides clip in a different order; polyclip-ts snaps intersection points to a tolerance
          // and can leave sub-micrometre spikes, worth < 0.001 m² here. 0.01 m² is 1e-6 ha.
          const tolerance = 0.01;
          redlines.forEach((redline, i) => {
            const piece = intersection(patch, redline);
            const reported = result.redlines.find((o) => o.id === `F${i}`)?.m2 ?? 0;
            expect(Math.abs(reported - (piece ? area(piece) : 0))).toBeLessThan(tolerance);
          });
          const merged = unionAll(redlines);
          const inside = merged ? intersection(patch, merged) : null;
          const outsideReserve = inside ? subtract(inside, [reserve]) : null;
          const expected = outsideReserve ? area(outsideReserve) : 0;
          expect(Math.abs(result.redlineM2 - expected)).toBeLessThan(tolerance);
        },
      ),
      { numRuns: 150, seed: 5 },
    );
  });
});
