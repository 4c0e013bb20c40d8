import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { decodeWkb, geometryBbox } from '../../../src/core/geo/wkb.ts';
import { FeatureRowsBuilder } from '../../../src/io/vector-rows.ts';
import { wkbAt } from '../../../src/io/vector-types.ts';

describe('FeatureRowsBuilder', () => {
  it('grows past its initial capacity and keeps every row intact', () => {
    const builder = new FeatureRowsBuilder();
    const polys: Polygon[] = [];
    for (let i = 0; i < 3000; i++) {
      const x = 100 + i * 0.001;
      const ring = Array.from({ length: 3 + (i % 7) }, (_, k) => [
        x + Math.cos(k) * 0.01,
        30 + Math.sin(k) * 0.01,
      ]);
      const poly: Polygon = { type: 'Polygon', coordinates: [[...ring, ring[0] ?? [0, 0]]] };
      polys.push(poly);
      builder.add(i * 2, JSON.stringify({ i }), poly, geometryBbox(poly) ?? [0, 0, 0, 0]);
    }
    const rows = builder.finish();
    expect(rows.count).toBe(3000);
    expect(rows.wkbOffsets).toHaveLength(3001);
    expect(rows.wkb.byteLength).toBe(rows.wkbOffsets[3000]);
    for (const i of [0, 1023, 1024, 2047, 2999]) {
      expect(rows.fid[i]).toBe(i * 2);
      expect(JSON.parse(rows.props[i] ?? '')).toEqual({ i });
      expect(decodeWkb(wkbAt(rows, i))).toEqual(polys[i]);
      expect([rows.minx[i], rows.miny[i], rows.maxx[i], rows.maxy[i]]).toEqual(
        geometryBbox(polys[i] as Polygon),
      );
    }
  });
});
