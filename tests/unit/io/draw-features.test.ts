import { describe, expect, it } from 'vitest';
import type { Geometry } from 'geojson';
import { DrawGeometryBuilder } from '../../../src/io/draw-geometry.ts';
import { featuresFromDraw } from '../../../src/io/draw-features.ts';
import { utf8Column } from '../../../src/io/feature-arrow.ts';

const ring = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 0],
];

function rebuild(
  geometries: Geometry[],
  props: Record<string, unknown>[],
): ReturnType<typeof featuresFromDraw> {
  const builder = new DrawGeometryBuilder();
  geometries.forEach((g, i) => builder.add(i, g));
  const column = utf8Column(props.map((p) => JSON.stringify(p)));
  return featuresFromDraw(builder.finish(), {
    fid: Int32Array.from(geometries.map((_, i) => 10 + i)),
    propsOffsets: column.valueOffsets,
    props: column.data,
  });
}

describe('features rebuilt from draw buffers', () => {
  it('gives the geometry as drawn: one part plain, several Multi, a mix a collection', () => {
    const [single, mixed] = rebuild(
      [
        { type: 'MultiPolygon', coordinates: [[ring]] },
        {
          type: 'GeometryCollection',
          geometries: [
            { type: 'Polygon', coordinates: [ring] },
            { type: 'Point', coordinates: [3, 4] },
          ],
        },
      ],
      [{ 名称: '甲' }, {}],
    );
    expect(single).toEqual({
      type: 'Feature',
      id: 10,
      properties: { 名称: '甲' },
      geometry: { type: 'Polygon', coordinates: [ring] },
    });
    expect(mixed?.id).toBe(11);
    expect(mixed?.geometry).toEqual({
      type: 'GeometryCollection',
      geometries: [
        { type: 'Polygon', coordinates: [ring] },
        { type: 'Point', coordinates: [3, 4] },
      ],
    });
  });
});
