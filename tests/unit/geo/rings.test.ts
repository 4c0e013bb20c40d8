import type { Position } from 'geojson';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arealFromPolygons,
  bboxOf,
  boundaryTouchesBox,
  GeometryError,
  planarPolygonArea,
  pointInAreal,
  pointInRing,
  segmentsMayIntersect,
  segmentTouchesBox,
  type BBox,
} from '../../../src/core/geo/rings.ts';

const square: Position[] = [
  [0, 0],
  [4, 0],
  [4, 4],
  [0, 4],
  [0, 0],
];
const hole: Position[] = [
  [1, 1],
  [1, 3],
  [3, 3],
  [3, 1],
  [1, 1],
];

describe('point in polygon', () => {
  it('tells inside, outside and boundary for a ring', () => {
    expect(pointInRing(2, 2, square)).toBe('inside');
    expect(pointInRing(5, 2, square)).toBe('outside');
    expect(pointInRing(4, 2, square)).toBe('boundary');
    expect(pointInRing(2, 0, square)).toBe('boundary');
    expect(pointInRing(0, 0, square)).toBe('boundary');
    expect(pointInRing(-1, 0, square)).toBe('outside'); // on the line of an edge, beyond it
  });

  it('treats holes as outside and multipolygon parts as inside', () => {
    const polygon = { type: 'Polygon' as const, coordinates: [square, hole] };
    expect(pointInAreal(2, 2, polygon)).toBe('outside');
    expect(pointInAreal(0.5, 2, polygon)).toBe('inside');
    expect(pointInAreal(1, 2, polygon)).toBe('boundary');
    const multi = {
      type: 'MultiPolygon' as const,
      coordinates: [[square], [square.map(([x, y]) => [x! + 10, y!])]],
    };
    expect(pointInAreal(12, 2, multi)).toBe('inside');
    expect(pointInAreal(7, 2, multi)).toBe('outside');
  });

  it('agrees with the winding of a convex ring on random points', () => {
    const ring: Position[] = [];
    for (let i = 0; i < 7; i += 1)
      ring.push([Math.cos((i * 2 * Math.PI) / 7), Math.sin((i * 2 * Math.PI) / 7)]);
    ring.push(ring[0]!);
    fc.assert(
      fc.property(
        fc.double({ min: -1.2, max: 1.2, noNaN: true }),
        fc.double({ min: -1.2, max: 1.2, noNaN: true }),
        (x, y) => {
          // Convex: inside iff strictly left of every edge.
          let sign = 1;
          for (let i = 0; i < 7; i += 1) {
            const [ax, ay] = ring[i] as [number, number];
            const [bx, by] = ring[i + 1] as [number, number];
            const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
            if (Math.abs(cross) < 1e-9) return; // too close to call: skip
            if (cross < 0) sign = -1;
          }
          expect(pointInRing(x, y, ring)).toBe(sign > 0 ? 'inside' : 'outside');
        },
      ),
      { numRuns: 500, seed: 1 },
    );
  });
});

describe('boxes and segments', () => {
  it('computes a bbox and rejects geometry without coordinates', () => {
    expect(bboxOf({ type: 'Polygon', coordinates: [square, hole] })).toEqual([0, 0, 4, 4]);
    expect(() => bboxOf({ type: 'MultiPolygon', coordinates: [] })).toThrow(GeometryError);
  });

  it('never misses a segment that crosses the box (sampled check)', () => {
    const box: BBox = [0, 0, 1, 1];
    const coord = fc.double({ min: -2, max: 3, noNaN: true });
    fc.assert(
      fc.property(fc.tuple(coord, coord, coord, coord), ([ax, ay, bx, by]) => {
        // A sample of the segment clearly inside the box (margin beats rounding) proves contact.
        let inside = false;
        for (let t = 0; t <= 1; t += 1 / 64) {
          const x = (1 - t) * ax + t * bx;
          const y = (1 - t) * ay + t * by;
          if (x >= 1e-9 && x <= 1 - 1e-9 && y >= 1e-9 && y <= 1 - 1e-9) inside = true;
        }
        if (inside) expect(segmentTouchesBox(ax, ay, bx, by, box)).toBe(true);
      }),
      { numRuns: 1000, seed: 2 },
    );
    expect(segmentTouchesBox(-1, 3.01, 3.01, -1, box)).toBe(false); // passes just outside the corner (1,1)
    expect(segmentTouchesBox(-1, 3, 3, -1, box)).toBe(true); // through the corner
  });

  it('tests segment pairs conservatively', () => {
    expect(segmentsMayIntersect([0, 0], [2, 2], [0, 2], [2, 0])).toBe(true); // cross
    expect(segmentsMayIntersect([0, 0], [2, 0], [1, 0], [1, 5])).toBe(true); // T-touch
    expect(segmentsMayIntersect([0, 0], [2, 0], [1, 0], [3, 0])).toBe(true); // collinear overlap
    expect(segmentsMayIntersect([0, 0], [2, 0], [0, 1e-6], [2, 1e-6])).toBe(false); // parallel, apart
    expect(segmentsMayIntersect([0, 0], [2, 2], [1.5, 0], [3, 1.4])).toBe(false); // near miss
  });

  it('finds a polygon boundary touching a box only when an edge comes near it', () => {
    const polygon = { type: 'Polygon' as const, coordinates: [square, hole] };
    expect(boundaryTouchesBox(polygon, [0.2, 0.2, 0.8, 0.8])).toBe(false);
    expect(boundaryTouchesBox(polygon, [0.5, 0.5, 1.5, 1.5])).toBe(true); // the hole's corner
    expect(boundaryTouchesBox(polygon, [3.5, 0.5, 4, 0.8])).toBe(true); // touches the outer edge
  });

  it('builds the smallest geometry from polygons and measures planar area', () => {
    expect(arealFromPolygons([])).toBeNull();
    expect(arealFromPolygons([[square]])?.type).toBe('Polygon');
    expect(arealFromPolygons([[square], [hole]])?.type).toBe('MultiPolygon');
    expect(planarPolygonArea([square, hole])).toBe(12);
  });
});
