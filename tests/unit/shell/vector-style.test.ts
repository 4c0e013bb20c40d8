import { describe, expect, it } from 'vitest';
import {
  KIND_STYLE,
  OUTLINE_LIMIT,
  drawsCoarse,
  polygonDataAt,
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
    // The whole row of squares is in view: exact means all of it.
    const everything: [number, number, number, number] = [-1, -1, 50, 1];
    const [fill] = vectorLayers('L', 'redline', large, { zoom: 10, bounds: everything });
    expect(indicesOf(fill)).toBe(large.polygons.coarseIndices);
    const exact = vectorLayers('L', 'redline', large, { zoom: 14, bounds: everything })[0];
    expect(indicesOf(exact)).toBe(large.polygons.indices);
  });

  it('always draws an ordinary layer exactly, with its outlines', () => {
    const small = squares(10, 0.001);
    expect(drawsCoarse(small, 3)).toBe(false);
    // Even when most of it is off screen: culling is only worth its copy for large layers.
    const drawn = vectorLayers('S', 'reserve', small, { zoom: 3, bounds: [0, 0, 0.001, 0.001] });
    expect(drawn.map((layer) => layer.id)).toEqual(['vector-S-fill', 'vector-S-outline']);
    expect(indicesOf(drawn[0])).toBe(small.polygons.indices);
  });

  it('zoomed in on a large layer, draws only the polygons near the view, and keeps them while the view stays near', () => {
    const large = squares(OUTLINE_LIMIT, 0.001);
    // Squares start every 0.002°: a view of 0.01° × 0.01° around x = 10 sees about 5 of 20,000.
    const view = { zoom: 16, bounds: [10, -0.004, 10.01, 0.006] as [number, number, number, number] };
    const data = polygonDataAt(large, view);
    // The region reaches half a view further on each side: x from 9.995 to 10.015.
    expect(data.length).toBeGreaterThan(5);
    expect(data.length).toBeLessThan(15);
    expect(data.attributes.indices.length).toBe(6 * data.length);
    // A small pan inside the region: the same data, so nothing is redrawn or uploaded again.
    const panned = { zoom: 16, bounds: [10.003, -0.004, 10.013, 0.006] as [number, number, number, number] };
    expect(polygonDataAt(large, panned)).toBe(data);
    // A pan out of it: a new subset around the new view.
    const away = { zoom: 16, bounds: [30, -0.004, 30.01, 0.006] as [number, number, number, number] };
    const moved = polygonDataAt(large, away);
    expect(moved).not.toBe(data);
    const xs = moved.attributes.getPolygon.value.filter((_, i) => i % 2 === 0);
    expect(Math.min(...xs)).toBeGreaterThan(29.99);
    expect(Math.max(...xs)).toBeLessThan(30.02);
    // The layer's fill draws that subset.
    expect(indicesOf(vectorLayers('L', 'redline', large, away)[0])).toBe(moved.attributes.indices);
  });
});
