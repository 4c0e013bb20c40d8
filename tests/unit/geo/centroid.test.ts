import type { Polygon, Position } from 'geojson';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { areaCentroid, interiorPoint, poleOfInaccessibility } from '../../../src/core/geo/centroid.ts';
import { pointInAreal, type Areal } from '../../../src/core/geo/rings.ts';

const X = 109.2;
const Y = 21.6;
const u = 0.001;
const ring = (points: [number, number][]): Position[] => {
  const r = points.map(([x, y]) => [X + x * u, Y + y * u]);
  return [...r, r[0]!];
};
const inside = (g: Areal, p: { lon: number; lat: number }) => pointInAreal(p.lon, p.lat, g) === 'inside';

describe('interior point', () => {
  it('is the area centroid for a convex patch', () => {
    const g: Polygon = {
      type: 'Polygon',
      coordinates: [
        ring([
          [0, 0],
          [4, 0],
          [4, 2],
          [0, 2],
        ]),
      ],
    };
    const p = interiorPoint(g);
    expect(p.method).toBe('centroid');
    expect(p.lon).toBeCloseTo(X + 2 * u, 12);
    expect(p.lat).toBeCloseTo(Y + 1 * u, 12);
  });

  it('weights an L-shape by area and keeps holes negative', () => {
    // L: 4×1 bar plus 1×3 leg: centroid (1.5, 1.0) by hand; it lies inside the L.
    const l: Polygon = {
      type: 'Polygon',
      coordinates: [
        ring([
          [0, 0],
          [4, 0],
          [4, 1],
          [1, 1],
          [1, 4],
          [0, 4],
        ]),
      ],
    };
    const c = areaCentroid(l)!;
    expect((c[0] - X) / u).toBeCloseTo((4 * 2 + 3 * 0.5) / 7, 9);
    expect((c[1] - Y) / u).toBeCloseTo((4 * 0.5 + 3 * 2.5) / 7, 9);
  });

  it('falls back to an interior point for a C-shape whose centroid is in the gap', () => {
    const c: Polygon = {
      type: 'Polygon',
      coordinates: [
        ring([
          [0, 0],
          [5, 0],
          [5, 1],
          [1, 1],
          [1, 4],
          [5, 4],
          [5, 5],
          [0, 5],
        ]),
      ],
    };
    const centroid = areaCentroid(c)!;
    expect(pointInAreal(centroid[0], centroid[1], c)).toBe('outside');
    const p = interiorPoint(c);
    expect(p.method).toBe('pole');
    expect(inside(c, p)).toBe(true);
  });

  it('avoids the hole of a ring-shaped patch and handles multipolygons', () => {
    const donut: Polygon = {
      type: 'Polygon',
      coordinates: [
        ring([
          [0, 0],
          [6, 0],
          [6, 6],
          [0, 6],
        ]),
        ring([
          [1, 1],
          [1, 5],
          [5, 5],
          [5, 1],
        ]),
      ],
    };
    expect(inside(donut, interiorPoint(donut))).toBe(true);
    const multi: Areal = {
      type: 'MultiPolygon',
      coordinates: [
        [
          ring([
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ]),
        ],
        [
          ring([
            [9, 0],
            [12, 0],
            [12, 3],
            [9, 3],
          ]),
        ],
      ],
    };
    const p = interiorPoint(multi);
    expect(inside(multi, p)).toBe(true);
    expect(p.lon).toBeGreaterThan(X + 9 * u); // on the larger part
  });

  it('finds the widest part of a dumbbell with the pole of inaccessibility', () => {
    const pole = poleOfInaccessibility([
      ring([
        [0, 0],
        [4, 0],
        [4, 1.8],
        [6, 1.8],
        [6, 0],
        [7, 0],
        [7, 4],
        [6, 4],
        [6, 2.2],
        [4, 2.2],
        [4, 4],
        [0, 4],
      ]),
    ])!;
    // The 4×4 block's centre is (2, 2); the other lobe is only 1 wide.
    expect((pole[0] - X) / u).toBeCloseTo(2, 1);
    expect((pole[1] - Y) / u).toBeCloseTo(2, 1);
  });

  it('always lies inside random star-shaped patches with holes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.2, max: 3, noNaN: true }), { minLength: 3, maxLength: 30 }),
        fc.double({ min: 0.01, max: 0.15, noNaN: true }),
        (radii, holeR) => {
          const outer = radii.map((r, i): [number, number] => {
            const a = (2 * Math.PI * i) / radii.length;
            return [r * Math.cos(a), r * Math.sin(a)];
          });
          const h: [number, number][] = [
            [-holeR, -holeR],
            [-holeR, holeR],
            [holeR, holeR],
            [holeR, -holeR],
          ];
          const g: Polygon = { type: 'Polygon', coordinates: [ring(outer), ring(h)] };
          expect(inside(g, interiorPoint(g))).toBe(true);
        },
      ),
      { numRuns: 300, seed: 3 },
    );
  });
});
