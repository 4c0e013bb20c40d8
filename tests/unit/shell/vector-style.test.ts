import { describe, expect, it } from 'vitest';
import { KIND_STYLE, OUTLINE_LIMIT, vectorStyle } from '../../../src/map/vector-layers.ts';

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
