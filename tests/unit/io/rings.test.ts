import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { assemblePolygon, pointInRing } from '../../../src/io/shapefile/rings.ts';

/** Axis-aligned square ring; clockwise (shapefile outer) or counter-clockwise (shapefile hole). */
function square(x0: number, y0: number, size: number, clockwise: boolean): Position[] {
  const ccw: Position[] = [
    [x0, y0],
    [x0 + size, y0],
    [x0 + size, y0 + size],
    [x0, y0 + size],
    [x0, y0],
  ];
  return clockwise ? [...ccw].reverse() : ccw;
}

describe('assemblePolygon (shapefile ring rules)', () => {
  it('one outer ring with holes → Polygon with the holes', () => {
    const outer = square(0, 0, 10, true);
    const h1 = square(1, 1, 2, false);
    const h2 = square(6, 6, 2, false);
    expect(assemblePolygon([outer, h1, h2], { orphanHoles: 0 })).toEqual({
      type: 'Polygon',
      coordinates: [outer, h1, h2],
    });
  });

  it('gives each hole to the smallest containing outer ring (island with its own hole inside a hole)', () => {
    const a = square(0, 0, 100, true);
    const h1 = square(10, 10, 80, false);
    const island = square(20, 20, 60, true);
    const h2 = square(40, 40, 10, false); // inside a, h1 and island: belongs to island
    const b = square(200, 0, 10, true);
    const h3 = square(202, 2, 2, false);
    const result = assemblePolygon([a, h1, island, h2, b, h3], { orphanHoles: 0 });
    expect(result).toEqual({
      type: 'MultiPolygon',
      coordinates: [
        [a, h1],
        [island, h2],
        [b, h3],
      ],
    });
  });

  it('holes given before their outer ring, and holes touching the outer ring at a vertex', () => {
    const outer = square(0, 0, 10, true);
    const touching: Position[] = [
      [0, 0],
      [5, 2],
      [2, 5],
      [0, 0],
    ]; // CCW, shares vertex (0,0)
    const result = assemblePolygon([touching, outer], { orphanHoles: 0 });
    expect(result).toEqual({ type: 'Polygon', coordinates: [outer, touching] });
  });

  it('keeps a hole that lies in no outer ring as its own polygon and counts it', () => {
    const stats = { orphanHoles: 0 };
    const outer = square(0, 0, 10, true);
    const stray = square(50, 50, 5, false);
    expect(assemblePolygon([outer, stray], stats)).toEqual({
      type: 'MultiPolygon',
      coordinates: [[outer], [stray]],
    });
    expect(stats.orphanHoles).toBe(1);
  });

  it('files that ignore orientation (all rings counter-clockwise) are nested by containment', () => {
    const outer = square(0, 0, 10, false);
    const hole = square(2, 2, 2, false);
    const other = square(20, 0, 5, false);
    expect(assemblePolygon([outer, hole, other], { orphanHoles: 0 })).toEqual({
      type: 'MultiPolygon',
      coordinates: [[outer, hole], [other]],
    });
  });

  it('drops zero-area rings', () => {
    const flat: Position[] = [
      [0, 0],
      [1, 1],
      [2, 2],
      [0, 0],
    ];
    expect(assemblePolygon([flat], { orphanHoles: 0 })).toBeNull();
  });
});

describe('pointInRing', () => {
  const ring = square(0, 0, 10, false);
  it('inside, outside, on an edge and on a vertex', () => {
    expect(pointInRing(5, 5, ring)).toBe(1);
    expect(pointInRing(15, 5, ring)).toBe(-1);
    expect(pointInRing(10, 5, ring)).toBe(0);
    expect(pointInRing(0, 0, ring)).toBe(0);
  });
});
