import type { MultiPolygon, Polygon, Position } from 'geojson';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deleteVertex,
  findSelfIntersection,
  insertVertexAfter,
  moveVertex,
  OutlineEditError,
  outlineVertices,
} from '../../../src/core/geo/outline-edit.ts';
import { lineCrossesItself, mergeOutlines, splitByLine } from '../../../src/core/geo/outline-split.ts';
import { geodesicAreaM2 } from '../../../src/core/geo/area.ts';
import { planarPolygonArea, polygonsOf, type Areal } from '../../../src/core/geo/rings.ts';

/** A small square near Beihai (lon, lat degrees), side `s`, south-west corner at (x, y). */
function square(x: number, y: number, s = 0.01): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + s, y],
        [x + s, y + s],
        [x, y + s],
        [x, y],
      ],
    ],
  };
}

const X = 109.1;
const Y = 21.5;

/** A regular hexagon of radius 0.01° around (X, Y). */
const hexagon: Polygon = {
  type: 'Polygon',
  coordinates: [
    [0, 1, 2, 3, 4, 5, 0].map((k) => [
      X + 0.01 * Math.cos((k * Math.PI) / 3),
      Y + 0.01 * Math.sin((k * Math.PI) / 3),
    ]),
  ],
};

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof OutlineEditError) return error.code;
    throw error;
  }
  return undefined;
}

const planar = (g: Areal): number => polygonsOf(g).reduce((sum, p) => sum + planarPolygonArea(p), 0);

describe('moveVertex', () => {
  it('lists each vertex once, without the closing repeat', () => {
    const holed: Polygon = {
      type: 'Polygon',
      coordinates: [
        ...square(X, Y, 0.04).coordinates,
        [
          [X + 0.01, Y + 0.01],
          [X + 0.01, Y + 0.03],
          [X + 0.03, Y + 0.03],
          [X + 0.03, Y + 0.01],
          [X + 0.01, Y + 0.01],
        ],
      ],
    };
    const vertices = outlineVertices(holed);
    expect(vertices).toHaveLength(8);
    expect(vertices[4]).toMatchObject({ polygon: 0, ring: 1, index: 0 });
  });

  it('moves a vertex and grows the area; moving the first vertex keeps the ring closed', () => {
    const original = square(X, Y);
    const moved = moveVertex(original, { polygon: 0, ring: 0, index: 2 }, [X + 0.02, Y + 0.02]);
    expect(geodesicAreaM2(moved)).toBeGreaterThan(geodesicAreaM2(original) * 1.4);
    const first = moveVertex(original, { polygon: 0, ring: 0, index: 0 }, [X - 0.005, Y - 0.005]);
    const ring = (first as Polygon).coordinates[0] as Position[];
    expect(ring[0]).toEqual([X - 0.005, Y - 0.005]);
    expect(ring[ring.length - 1]).toEqual(ring[0]);
    expect(ring).toHaveLength(5);
    // The input is not changed.
    expect(original.coordinates[0]?.[0]).toEqual([X, Y]);
  });

  it('refuses a move that makes the outline cross itself, with the place', () => {
    // Dragging the north-east corner past the south edge folds the square into a bow-tie.
    const error = (() => {
      try {
        moveVertex(square(X, Y), { polygon: 0, ring: 0, index: 2 }, [X + 0.005, Y - 0.01]);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(OutlineEditError);
    expect((error as OutlineEditError).code).toBe('self_intersection');
    expect((error as OutlineEditError).at).toEqual([X + 0.005, Y - 0.01]);
  });

  it('refuses a vertex dropped on its neighbour, onto a neighbouring edge, or an unknown vertex', () => {
    const s = square(X, Y);
    expect(codeOf(() => moveVertex(s, { polygon: 0, ring: 0, index: 1 }, [X, Y]))).toBe('degenerate');
    // Onto the line of its two neighbours: the ring folds back on itself.
    expect(codeOf(() => moveVertex(s, { polygon: 0, ring: 0, index: 1 }, [X - 0.01, Y]))).toBe(
      'self_intersection',
    );
    expect(codeOf(() => moveVertex(s, { polygon: 0, ring: 0, index: 4 }, [X, Y]))).toBe('no_vertex');
    expect(codeOf(() => moveVertex(s, { polygon: 1, ring: 0, index: 0 }, [X, Y]))).toBe('no_vertex');
  });

  it('refuses a hole vertex moved outside its polygon, and a part moved into another part', () => {
    const holed: Polygon = {
      type: 'Polygon',
      coordinates: [...square(X, Y, 0.04).coordinates, ...square(X + 0.01, Y + 0.01, 0.02).coordinates],
    };
    expect(codeOf(() => moveVertex(holed, { polygon: 0, ring: 1, index: 0 }, [X - 0.01, Y - 0.01]))).toBe(
      'self_intersection',
    );
    const multi: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [square(X, Y).coordinates, square(X + 0.02, Y).coordinates],
    };
    expect(codeOf(() => moveVertex(multi, { polygon: 0, ring: 0, index: 1 }, [X + 0.025, Y - 0.001]))).toBe(
      'self_intersection',
    );
    expect(() => moveVertex(multi, { polygon: 1, ring: 0, index: 1 }, [X + 0.04, Y - 0.01])).not.toThrow();
  });

  it('never returns an outline that crosses itself (random moves of a hexagon)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.double({ min: -0.02, max: 0.02, noNaN: true }),
        fc.double({ min: -0.02, max: 0.02, noNaN: true }),
        (index, dx, dy) => {
          try {
            const moved = moveVertex(hexagon, { polygon: 0, ring: 0, index }, [X + dx, Y + dy]);
            expect(findSelfIntersection(moved)).toBeNull();
          } catch (error) {
            expect(error).toBeInstanceOf(OutlineEditError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('adding and deleting vertices', () => {
  it('adds a vertex halfway along an edge without changing the shape, then moves it', () => {
    const base = square(X, Y);
    const { geometry, vertex } = insertVertexAfter(base, { polygon: 0, ring: 0, index: 1 });
    expect(vertex).toEqual({ polygon: 0, ring: 0, index: 2 });
    const expected = [
      [X, Y],
      [X + 0.01, Y],
      [X + 0.01, Y + 0.005],
      [X + 0.01, Y + 0.01],
      [X, Y + 0.01],
    ];
    const got = outlineVertices(geometry).map((v) => v.position);
    expect(got).toHaveLength(5);
    got.forEach(([x, y], i) => {
      expect(x).toBeCloseTo(expected[i]?.[0] ?? NaN, 12);
      expect(y).toBeCloseTo(expected[i]?.[1] ?? NaN, 12);
    });
    expect(geodesicAreaM2(geometry)).toBeCloseTo(geodesicAreaM2(base), 3);
    // Pulled outwards, the new vertex makes a pentagon bigger than the square.
    const pulled = moveVertex(geometry, vertex, [X + 0.015, Y + 0.005]);
    expect(geodesicAreaM2(pulled)).toBeGreaterThan(geodesicAreaM2(base));
    // After the last vertex, the new one goes on the closing edge and the ring stays closed.
    const last = insertVertexAfter(base, { polygon: 0, ring: 0, index: 3 }).geometry as Polygon;
    expect(last.coordinates[0]?.at(-2)?.[0]).toBe(X);
    expect(last.coordinates[0]?.at(-2)?.[1]).toBeCloseTo(Y + 0.005, 12);
    expect(last.coordinates[0]?.at(-1)).toEqual(last.coordinates[0]?.[0]);
  });

  it('deletes a vertex, keeping the ring closed even when it was the first', () => {
    const pentagon = insertVertexAfter(square(X, Y), { polygon: 0, ring: 0, index: 1 }).geometry;
    expect(outlineVertices(deleteVertex(pentagon, { polygon: 0, ring: 0, index: 2 }))).toHaveLength(4);
    const triangle = deleteVertex(square(X, Y), { polygon: 0, ring: 0, index: 0 }) as Polygon;
    expect(triangle.coordinates[0]).toEqual([
      [X + 0.01, Y],
      [X + 0.01, Y + 0.01],
      [X, Y + 0.01],
      [X + 0.01, Y],
    ]);
    expect(findSelfIntersection(triangle)).toBeNull();
  });

  it('refuses to leave fewer than three vertices, a flat ring, or an outline that crosses itself', () => {
    const triangle = deleteVertex(square(X, Y), { polygon: 0, ring: 0, index: 0 });
    expect(codeOf(() => deleteVertex(triangle, { polygon: 0, ring: 0, index: 0 }))).toBe('degenerate');
    // A dart: deleting its reflex tip would join two vertices through the hole next to it.
    const holed: Polygon = {
      type: 'Polygon',
      coordinates: [
        square(X, Y, 0.04).coordinates[0] as Position[],
        [
          [X + 0.015, Y + 0.015],
          [X + 0.015, Y + 0.025],
          [X + 0.025, Y + 0.025],
          [X + 0.025, Y + 0.015],
          [X + 0.015, Y + 0.015],
        ],
      ],
    };
    const notched = moveVertex(
      insertVertexAfter(holed, { polygon: 0, ring: 0, index: 0 }).geometry,
      { polygon: 0, ring: 0, index: 1 },
      [X + 0.02, Y + 0.01],
    );
    // The notch (0.02, 0.01) runs up to just below the hole; removing the corner (0.04, 0) would cut across it.
    expect(codeOf(() => deleteVertex(notched, { polygon: 0, ring: 0, index: 2 }))).toBe('self_intersection');
    expect(codeOf(() => deleteVertex(square(X, Y), { polygon: 0, ring: 1, index: 0 }))).toBe('no_vertex');
  });

  it('never returns an outline that crosses itself (random deletions of a moved hexagon)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.double({ min: -0.02, max: 0.02, noNaN: true }),
        fc.double({ min: -0.02, max: 0.02, noNaN: true }),
        fc.integer({ min: 0, max: 5 }),
        (moved, dx, dy, deleted) => {
          try {
            const shape = moveVertex(hexagon, { polygon: 0, ring: 0, index: moved }, [X + dx, Y + dy]);
            const fewer = deleteVertex(shape, { polygon: 0, ring: 0, index: deleted });
            expect(findSelfIntersection(fewer)).toBeNull();
            expect(outlineVertices(fewer)).toHaveLength(5);
          } catch (error) {
            expect(error).toBeInstanceOf(OutlineEditError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('splitByLine', () => {
  it('cuts a square in two along a straight line; the parts add up to the whole', () => {
    const s = square(X, Y);
    const parts = splitByLine(s, [
      [X + 0.003, Y - 0.002],
      [X + 0.003, Y + 0.012],
    ]);
    expect(parts).toHaveLength(2);
    const total = parts.reduce((sum, p) => sum + geodesicAreaM2(p), 0);
    expect(total / geodesicAreaM2(s)).toBeCloseTo(1, 8);
    expect(geodesicAreaM2(parts[0]!) / geodesicAreaM2(s)).toBeCloseTo(0.7, 3);
  });

  it('extends a line that stops short of the edge, and cuts along a bent line', () => {
    const s = square(X, Y);
    const short = splitByLine(s, [
      [X + 0.005, Y + 0.002],
      [X + 0.005, Y + 0.008],
    ]);
    expect(short).toHaveLength(2);
    const bent = splitByLine(s, [
      [X - 0.001, Y + 0.005],
      [X + 0.005, Y + 0.008],
      [X + 0.011, Y + 0.005],
    ]);
    expect(bent).toHaveLength(2);
    expect(bent.reduce((sum, p) => sum + planar(p), 0)).toBeCloseTo(planar(s), 12);
  });

  it('gives three parts when a zig-zag line crosses twice', () => {
    const parts = splitByLine(square(X, Y), [
      [X + 0.002, Y - 0.001],
      [X + 0.005, Y + 0.011],
      [X + 0.008, Y - 0.001],
    ]);
    expect(parts).toHaveLength(3);
  });

  it('refuses a line that misses the patch, a single point, and a line crossing itself', () => {
    const s = square(X, Y);
    expect(
      codeOf(() =>
        splitByLine(s, [
          [X + 0.02, Y],
          [X + 0.03, Y + 0.01],
        ]),
      ),
    ).toBe('no_cut');
    expect(codeOf(() => splitByLine(s, [[X, Y]]))).toBe('line_too_short');
    expect(
      codeOf(() =>
        splitByLine(s, [
          [X - 0.001, Y + 0.002],
          [X + 0.011, Y + 0.008],
          [X + 0.011, Y + 0.002],
          [X - 0.001, Y + 0.008],
        ]),
      ),
    ).toBe('line_self_intersection');
    expect(
      lineCrossesItself([
        [0, 0],
        [1, 0],
        [2, 0],
      ]),
    ).toBe(false);
  });

  it('splits a polygon with a hole; the hole stays out of both parts', () => {
    const holed: Polygon = {
      type: 'Polygon',
      coordinates: [...square(X, Y, 0.04).coordinates, ...square(X + 0.01, Y + 0.01, 0.02).coordinates],
    };
    const parts = splitByLine(holed, [
      [X + 0.02, Y - 0.01],
      [X + 0.02, Y + 0.05],
    ]);
    expect(parts).toHaveLength(2);
    expect(parts.reduce((sum, p) => sum + planar(p), 0)).toBeCloseTo(planar(holed), 12);
  });
});

describe('mergeOutlines', () => {
  it('merges the two parts of a split back into the original outline', () => {
    const s = square(X, Y);
    const [a, b] = splitByLine(s, [
      [X + 0.004, Y - 0.002],
      [X + 0.006, Y + 0.012],
    ]);
    const merged = mergeOutlines(a!, b!);
    expect(merged.type).toBe('Polygon');
    expect(geodesicAreaM2(merged) / geodesicAreaM2(s)).toBeCloseTo(1, 8);
  });

  it('merges overlapping patches into one polygon smaller than the sum', () => {
    const a = square(X, Y);
    const b = square(X + 0.005, Y + 0.005);
    const merged = mergeOutlines(a, b);
    expect(merged.type).toBe('Polygon');
    expect(geodesicAreaM2(merged) / geodesicAreaM2(a)).toBeCloseTo(1.75, 3);
  });

  it('refuses disjoint patches unless a multipolygon is allowed', () => {
    const a = square(X, Y);
    const b = square(X + 0.05, Y);
    expect(codeOf(() => mergeOutlines(a, b))).toBe('disjoint');
    const merged = mergeOutlines(a, b, true);
    expect(merged.type).toBe('MultiPolygon');
    expect(geodesicAreaM2(merged) / (geodesicAreaM2(a) + geodesicAreaM2(b))).toBeCloseTo(1, 8);
  });
});
