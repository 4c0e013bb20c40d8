import { describe, expect, it } from 'vitest';
import earcut from 'earcut';
import { DrawGeometryBuilder } from '../../../src/io/draw-geometry.ts';
import { grown, holds, polygonIndex, polygonsIn } from '../../../src/map/view-subset.ts';

/** A square with a square hole, a triangle, a polygon dropped as degenerate, and a two-part multipolygon. */
function sample(): ReturnType<DrawGeometryBuilder['finish']> {
  const builder = new DrawGeometryBuilder();
  builder.add(0, {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [4, 0],
        [4, 4],
        [0, 4],
        [0, 0],
      ],
      [
        [1, 1],
        [1, 3],
        [3, 3],
        [3, 1],
        [1, 1],
      ],
    ],
  });
  builder.add(1, {
    type: 'Polygon',
    coordinates: [
      [
        [10, 0],
        [12, 0],
        [11, 2],
        [10, 0],
      ],
    ],
  });
  builder.add(2, { type: 'Polygon', coordinates: [[[5, 5]]] });
  builder.add(3, {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [20, 20],
          [21, 20],
          [21, 21],
          [20, 20],
        ],
      ],
      [
        [
          [30, 30],
          [31, 30],
          [31, 31],
          [30, 31],
          [30, 30],
        ],
      ],
    ],
  });
  return builder.finish();
}

describe('polygon index', () => {
  it('gives each drawn polygon its box and its own run of triangles', () => {
    const { polygons } = sample();
    const index = polygonIndex(polygons);
    expect(Array.from(index.boxes)).toEqual([0, 0, 4, 4, 10, 0, 12, 2, 20, 20, 21, 21, 30, 30, 31, 31]);
    expect(index.extent).toEqual([0, 0, 31, 31]);
    // Every triangle of polygon i refers to polygon i's vertices only.
    for (let i = 0; i < polygons.feature.length; i++) {
      const from = index.indexStarts[i] ?? 0;
      const to = index.indexStarts[i + 1] ?? 0;
      expect(to).toBeGreaterThan(from);
      for (const v of polygons.indices.subarray(from, to)) {
        expect(v).toBeGreaterThanOrEqual(polygons.starts[i] ?? 0);
        expect(v).toBeLessThan(polygons.starts[i + 1] ?? 0);
      }
    }
    expect(index.indexStarts.at(-1)).toBe(polygons.indices.length);
    // The square with a hole: 8 triangles, as earcut makes them.
    expect((index.indexStarts[1] ?? 0) / 3).toBe(
      earcut([0, 0, 4, 0, 4, 4, 0, 4, 0, 0, 1, 1, 1, 3, 3, 3, 3, 1, 1, 1], [5]).length / 3,
    );
  });
});

describe('polygons in a region', () => {
  it('copies the polygons whose box meets the region, with their triangles renumbered to the copy', () => {
    const { polygons } = sample();
    const index = polygonIndex(polygons);
    const data = polygonsIn(polygons, index, [3, -1, 10.5, 1]);
    // The holed square and the triangle meet it; the two parts far away do not.
    expect(data.length).toBe(2);
    const whole = polygonsIn(polygons, index, [-180, -90, 180, 90]);
    expect(whole.length).toBe(4);
    expect(Array.from(whole.attributes.getPolygon.value)).toEqual(Array.from(polygons.positions));
    expect(Array.from(whole.attributes.indices)).toEqual(Array.from(polygons.indices));
    expect(Array.from(whole.startIndices)).toEqual(Array.from(polygons.starts));
    // The subset draws the same triangles (same coordinates) as the whole layer does for those polygons.
    const corners = (positions: Float64Array, indices: Uint32Array): string[] =>
      Array.from(indices, (v) => `${positions[2 * v]},${positions[2 * v + 1]}`);
    const twoFirst = polygons.indices.subarray(0, index.indexStarts[2]);
    expect(corners(data.attributes.getPolygon.value, data.attributes.indices)).toEqual(
      corners(polygons.positions, twoFirst),
    );
    expect(polygonsIn(polygons, index, [50, 50, 60, 60]).length).toBe(0);
  });

  it('grows and compares boxes', () => {
    expect(grown([10, 20, 12, 24], 0.5)).toEqual([9, 18, 13, 26]);
    expect(grown([-179, -89, 179, 89], 1)).toEqual([-180, -90, 180, 90]);
    expect(holds([0, 0, 10, 10], [1, 1, 9, 9])).toBe(true);
    expect(holds([0, 0, 10, 10], [1, 1, 11, 9])).toBe(false);
  });
});
