import { describe, expect, it } from 'vitest';
import type { Geometry, Position } from 'geojson';
import { encodeWkb } from '../../../src/core/geo/wkb.ts';
import {
  DrawGeometryBuilder,
  drawGeometryBuffers,
  drawGeometryFromWkb,
  type DrawGeometry,
} from '../../../src/io/draw-geometry.ts';

const square = (x: number, y: number, size: number): Position[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

/** Sum of the triangles' areas (shoelace), from the interleaved positions. */
function triangleArea(positions: Float64Array, indices: Uint32Array): number {
  const x = (i: number | undefined): number => positions[2 * (i ?? 0)] ?? NaN;
  const y = (i: number | undefined): number => positions[2 * (i ?? 0) + 1] ?? NaN;
  let area = 0;
  for (let t = 0; t < indices.length; t += 3) {
    const [a, b, c] = [indices[t], indices[t + 1], indices[t + 2]];
    area += Math.abs((x(b) - x(a)) * (y(c) - y(a)) - (x(c) - x(a)) * (y(b) - y(a))) / 2;
  }
  return area;
}

function build(geometries: (Geometry | null)[]): DrawGeometry {
  const builder = new DrawGeometryBuilder();
  geometries.forEach((g, i) => builder.add(i, g));
  return builder.finish();
}

describe('draw geometry', () => {
  it('triangulates a polygon with a hole exactly (the hole stays empty)', () => {
    const g = build([{ type: 'Polygon', coordinates: [square(0, 0, 4), square(1, 1, 2).reverse()] }]);
    expect(g.polygons.feature).toEqual(new Uint32Array([0]));
    expect(Array.from(g.polygons.starts)).toEqual([0, 10]);
    expect(Array.from(g.polygons.ringStarts)).toEqual([0, 5, 10]);
    expect(triangleArea(g.polygons.positions, g.polygons.indices)).toBeCloseTo(16 - 4, 10);
  });

  it('splits a multipolygon into polygons of one feature, with absolute indices', () => {
    const g = build([
      { type: 'Polygon', coordinates: [square(10, 10, 1)] },
      { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(5, 5, 2)]] },
    ]);
    expect(Array.from(g.polygons.feature)).toEqual([0, 1, 1]);
    expect(Array.from(g.polygons.starts)).toEqual([0, 5, 10, 15]);
    expect(Math.min(...g.polygons.indices.subarray(6))).toBeGreaterThanOrEqual(5);
    expect(triangleArea(g.polygons.positions, g.polygons.indices)).toBeCloseTo(1 + 1 + 4, 10);
  });

  it('draws each polygon coarse as at most two triangles of its outer ring, and knows the typical size', () => {
    const g = build([
      { type: 'Polygon', coordinates: [square(0, 0, 4), square(1, 1, 2).reverse()] },
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 1],
            [0, 0],
          ],
        ],
      },
      { type: 'Polygon', coordinates: [square(0, 0, 0.5)] },
    ]);
    expect(g.polygons.coarseIndices.length).toBe(3 * (2 + 1 + 2));
    // Coarse triangles only use outer-ring vertices of their own polygon.
    const outerOfFirst = new Set([0, 1, 2, 3, 4]);
    for (const i of g.polygons.coarseIndices.subarray(0, 6)) expect(outerOfFirst.has(i)).toBe(true);
    expect(g.polygons.typicalExtent).toBe(1);
  });

  it('keeps lines as paths and points as positions, and skips degenerate parts', () => {
    const g = build([
      {
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
          [2, 0],
        ],
      },
      {
        type: 'MultiPoint',
        coordinates: [
          [3, 3],
          [4, 4],
        ],
      },
      { type: 'LineString', coordinates: [[9, 9]] },
      null,
      { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [7, 8] }] },
    ]);
    expect(g.featureCount).toBe(5);
    expect(Array.from(g.lines.starts)).toEqual([0, 3]);
    expect(Array.from(g.lines.feature)).toEqual([0]);
    expect(Array.from(g.points.positions)).toEqual([3, 3, 4, 4, 7, 8]);
    expect(Array.from(g.points.feature)).toEqual([1, 1, 4]);
    expect(g.polygons.feature.length).toBe(0);
  });

  it('gives the same buffers from WKB as from the geometries', () => {
    const geometries: Geometry[] = [
      { type: 'Polygon', coordinates: [square(0, 0, 4), square(1, 1, 2).reverse()] },
      {
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
        ],
      },
      { type: 'Point', coordinates: [5, 6] },
    ];
    const parts = geometries.map(encodeWkb);
    const offsets = [0];
    for (const part of parts) offsets.push((offsets.at(-1) ?? 0) + part.length);
    const wkb = new Uint8Array(offsets.at(-1) ?? 0);
    parts.forEach((part, i) => wkb.set(part, offsets[i]));
    expect(drawGeometryFromWkb(wkb, offsets, parts.length)).toEqual(build(geometries));
  });

  it('lists every buffer for transfer, none shared', () => {
    const g = build([{ type: 'Polygon', coordinates: [square(0, 0, 1)] }]);
    const buffers = drawGeometryBuffers(g);
    expect(buffers).toHaveLength(13);
    expect(new Set(buffers).size).toBe(13);
  });

  it('records each polygon’s outer box and where its triangles start', () => {
    const g = build([
      { type: 'Polygon', coordinates: [square(0, 0, 1)] },
      { type: 'Polygon', coordinates: [square(5, 2, 3)] },
    ]);
    expect(Array.from(g.polygons.boxes)).toEqual([0, 0, 1, 1, 5, 2, 8, 5]);
    expect(Array.from(g.polygons.indexStarts)).toEqual([0, 6, 12]);
  });
});
