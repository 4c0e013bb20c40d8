import fc from 'fast-check';
import type { Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  decodeWkb,
  encodeWkb,
  geometryBbox,
  WkbError,
  wkbBbox,
  wkbByteLength,
} from '../../../src/core/geo/wkb.ts';

const coord = fc.double({ min: -180, max: 180, noNaN: true });
const pos = fc.tuple(coord, coord).map((p): Position => p);
const ring = fc.array(pos, { minLength: 3, maxLength: 8 }).map((r) => [...r, r[0] as Position]);
const poly = fc.array(ring, { minLength: 1, maxLength: 3 });
const geometry: fc.Arbitrary<Geometry> = fc.oneof(
  pos.map((c) => ({ type: 'Point' as const, coordinates: c })),
  fc.array(pos, { minLength: 2, maxLength: 6 }).map((c) => ({ type: 'LineString' as const, coordinates: c })),
  poly.map((c) => ({ type: 'Polygon' as const, coordinates: c })),
  fc.array(pos, { maxLength: 5 }).map((c) => ({ type: 'MultiPoint' as const, coordinates: c })),
  fc
    .array(fc.array(pos, { minLength: 2, maxLength: 4 }), { maxLength: 3 })
    .map((c) => ({ type: 'MultiLineString' as const, coordinates: c })),
  fc.array(poly, { maxLength: 3 }).map((c) => ({ type: 'MultiPolygon' as const, coordinates: c })),
);

/** Hand-built WKB of POINT(1 2) in several dialects. */
function pointWkb(littleEndian: boolean, type: number, extra: number[], srid?: number): Uint8Array {
  const values = [1, 2, ...extra];
  const bytes = new Uint8Array(5 + (srid === undefined ? 0 : 4) + 8 * values.length);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, littleEndian ? 1 : 0);
  view.setUint32(1, type >>> 0, littleEndian);
  let o = 5;
  if (srid !== undefined) {
    view.setUint32(o, srid, littleEndian);
    o += 4;
  }
  for (const v of values) {
    view.setFloat64(o, v, littleEndian);
    o += 8;
  }
  return bytes;
}

describe('WKB', () => {
  it('round-trips every 2D geometry type and sizes it exactly', () => {
    fc.assert(
      fc.property(geometry, (g) => {
        const bytes = encodeWkb(g);
        expect(bytes.byteLength).toBe(wkbByteLength(g));
        expect(decodeWkb(bytes)).toEqual(g);
        expect(wkbBbox(bytes)).toEqual(geometryBbox(g));
      }),
      { numRuns: 300 },
    );
  });

  it('writes the OGC layout: little-endian byte order, type code, counts', () => {
    const bytes = encodeWkb({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    });
    const view = new DataView(bytes.buffer);
    expect(view.getUint8(0)).toBe(1);
    expect(view.getUint32(1, true)).toBe(3);
    expect(view.getUint32(5, true)).toBe(1);
    expect(view.getUint32(9, true)).toBe(4);
    expect(view.getFloat64(13 + 16, true)).toBe(1);
    expect(bytes.byteLength).toBe(9 + 4 + 4 * 16);
  });

  it('reads big endian, ISO Z/M/ZM and EWKB Z/M/SRID, keeping x/y', () => {
    const expected = { type: 'Point', coordinates: [1, 2] };
    expect(decodeWkb(pointWkb(false, 1, []))).toEqual(expected);
    expect(decodeWkb(pointWkb(true, 1001, [3]))).toEqual(expected);
    expect(decodeWkb(pointWkb(false, 2001, [4]))).toEqual(expected);
    expect(decodeWkb(pointWkb(true, 3001, [3, 4]))).toEqual(expected);
    expect(decodeWkb(pointWkb(true, 0x80000001, [3]))).toEqual(expected);
    expect(decodeWkb(pointWkb(false, 0xc0000001, [3, 4]))).toEqual(expected);
    expect(decodeWkb(pointWkb(true, 0x20000001, [], 4490))).toEqual(expected);
    expect(decodeWkb(pointWkb(true, 0xa0000001, [3], 4490))).toEqual(expected);
  });

  it('reads ISO Z polygons with the right stride', () => {
    const ring = [
      [0, 0, 9],
      [2, 0, 9],
      [2, 3, 9],
      [0, 0, 9],
    ];
    const bytes = new Uint8Array(9 + 4 + ring.length * 24);
    const view = new DataView(bytes.buffer);
    view.setUint8(0, 1);
    view.setUint32(1, 1003, true);
    view.setUint32(5, 1, true);
    view.setUint32(9, ring.length, true);
    ring.flat().forEach((v, i) => view.setFloat64(13 + i * 8, v, true));
    expect(decodeWkb(bytes)).toEqual({ type: 'Polygon', coordinates: [ring.map((p) => p.slice(0, 2))] });
    expect(wkbBbox(bytes)).toEqual([0, 0, 2, 3]);
  });

  it('rejects truncated or unknown WKB', () => {
    const bytes = encodeWkb({
      type: 'LineString',
      coordinates: [
        [0, 0],
        [1, 1],
      ],
    });
    expect(() => decodeWkb(bytes.subarray(0, bytes.byteLength - 3))).toThrow(WkbError);
    expect(() => decodeWkb(pointWkb(true, 17, []))).toThrow(/unsupported WKB geometry type 17/);
    expect(() => decodeWkb(new Uint8Array([7, 1, 0, 0, 0]))).toThrow(/byte order/);
  });

  it('has no bbox for empty geometries', () => {
    expect(geometryBbox({ type: 'MultiPolygon', coordinates: [] })).toBeNull();
    expect(decodeWkb(encodeWkb({ type: 'Point', coordinates: [] }))).toEqual({
      type: 'Point',
      coordinates: [],
    });
  });
});
