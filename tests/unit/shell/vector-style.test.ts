import { describe, expect, it } from 'vitest';
import {
  KIND_STYLE,
  OUTLINE_LIMIT,
  drawsCoarse,
  vectorLayers,
  vectorStyle,
} from '../../../src/map/vector-layers.ts';
import { DrawGeometryBuilder, type DrawGeometry } from '../../../src/io/draw-geometry.ts';

describe('vector layer style by size', () => {
  it('outlines an ordinary layer in its kind’s colours', () => {
    const style = vectorStyle('redline', 1200);
    expect(style.stroked).toBe(true);
    expect(style.fill).toEqual(KIND_STYLE.redline?.fill);
    expect(style.line).toEqual(KIND_STYLE.redline?.line);
  });

  it('draws a very large layer as fills in its line colour, visible even for admin (empty fill)', () => {
    for (const kind of ['redline', 'reserve', 'admin', 'control_zone', 'other']) {
      const style = vectorStyle(kind, OUTLINE_LIMIT);
      expect(style.stroked).toBe(false);
      expect(style.fill.slice(0, 3)).toEqual(KIND_STYLE[kind]?.line.slice(0, 3));
      expect(style.fill[3]).toBeGreaterThanOrEqual(90);
    }
    expect(vectorStyle('redline', OUTLINE_LIMIT - 1).stroked).toBe(true);
  });

  it('falls back to the “other” style for an unknown kind', () => {
    expect(vectorStyle('mystery', 10).line).toEqual(KIND_STYLE.other?.line);
  });
});

describe('vector layer level of detail', () => {
  /** `count` squares of `size` degrees in a row. */
  function squares(count: number, size: number): DrawGeometry {
    const builder = new DrawGeometryBuilder();
    for (let i = 0; i < count; i++) {
      const x = i * size * 2;
      builder.add(i, {
        type: 'Polygon',
        coordinates: [
          [
            [x, 0],
            [x + size, 0],
            [x + size, size],
            [x, size],
            [x, 0],
          ],
        ],
      });
    }
    return builder.finish();
  }
  const indicesOf = (layer: unknown): Uint32Array =>
    (layer as { props: { data: { attributes: { indices: Uint32Array } } } }).props.data.attributes.indices;

  it('draws a large layer coarse only while its polygons are a few pixels wide', () => {
    const large = squares(OUTLINE_LIMIT, 0.001);
    // 0.001° is ~1.4 px at zoom 10 and ~5.8 px at zoom 12 (512-px world at zoom 0).
    expect(drawsCoarse(large, 10)).toBe(true);
    expect(drawsCoarse(large, 12)).toBe(true);
    expect(drawsCoarse(large, 13)).toBe(false);
    const [fill] = vectorLayers('L', 'redline', large, 10);
    expect(indicesOf(fill)).toBe(large.polygons.coarseIndices);
    expect(indicesOf(vectorLayers('L', 'redline', large, 14)[0])).toBe(large.polygons.indices);
  });

  it('always draws an ordinary layer exactly, with its outlines', () => {
    const small = squares(10, 0.001);
    expect(drawsCoarse(small, 3)).toBe(false);
    const drawn = vectorLayers('S', 'reserve', small, 3);
    expect(drawn.map((layer) => layer.id)).toEqual(['vector-S-fill', 'vector-S-outline']);
    expect(indicesOf(drawn[0])).toBe(small.polygons.indices);
  });
});
