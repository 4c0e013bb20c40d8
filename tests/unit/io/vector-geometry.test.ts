import { describe, expect, it } from 'vitest';
import { resolveCrs } from '../../../src/core/geo/crs.ts';
import { toLonLatTransformer } from '../../../src/core/geo/reproject.ts';
import { cleanGeometry, ringArea2, type CleanStats } from '../../../src/io/vector-geometry.ts';

const stats = (): CleanStats => ({ ringsClosed: 0 });

describe('cleanGeometry', () => {
  it('orients polygons RFC 7946 style: outer counter-clockwise, holes clockwise', () => {
    const cwOuter = [
      [0, 0],
      [0, 10],
      [10, 10],
      [10, 0],
      [0, 0],
    ];
    const ccwHole = [
      [2, 2],
      [4, 2],
      [4, 4],
      [2, 4],
      [2, 2],
    ];
    const result = cleanGeometry({ type: 'Polygon', coordinates: [cwOuter, ccwHole] }, null, stats());
    if (!result.ok || result.geometry.type !== 'Polygon') throw new Error('polygon expected');
    expect(ringArea2(result.geometry.coordinates[0] ?? [])).toBeGreaterThan(0);
    expect(ringArea2(result.geometry.coordinates[1] ?? [])).toBeLessThan(0);
  });

  it('closes open rings (counted) and drops zero-area holes, keeping a figure-eight', () => {
    const s = stats();
    const result = cleanGeometry(
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [10, 0],
            [10, 10],
            [0, 10],
          ],
          [
            [1, 1],
            [1, 1],
            [1, 1],
            [1, 1],
          ],
          [
            [2, 2],
            [4, 4],
            [4, 2],
            [2, 4],
            [2, 2],
          ], // figure-eight: signed area 0 but a real ring
        ],
      },
      null,
      s,
    );
    expect(s.ringsClosed).toBe(1);
    expect(result.ok && result.geometry.type === 'Polygon' && result.geometry.coordinates.length).toBe(2);
  });

  it('drops Z/M and rejects missing or non-numeric coordinates', () => {
    expect(cleanGeometry({ type: 'Point', coordinates: [117, 31, 12] }, null, stats())).toEqual({
      ok: true,
      geometry: { type: 'Point', coordinates: [117, 31] },
    });
    expect(cleanGeometry({ type: 'Point', coordinates: [117] }, null, stats())).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(
      cleanGeometry(
        {
          type: 'LineString',
          coordinates: [
            [0, NaN],
            [1, 1],
          ],
        },
        null,
        stats(),
      ).ok,
    ).toBe(false);
    expect(
      cleanGeometry(
        {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 1],
              [0, 0],
            ],
          ],
        },
        null,
        stats(),
      ).ok,
    ).toBe(false);
    expect(cleanGeometry({ type: 'Circle', coordinates: [0, 0] }, null, stats())).toEqual({
      ok: false,
      reason: 'unsupported',
    });
  });

  it('reprojects and flags coordinates outside lon/lat, remembering the first source position', () => {
    const t = toLonLatTransformer(resolveCrs(4527));
    const ok = cleanGeometry(
      { type: 'Point', coordinates: [39547652.4609549, 3453256.27190272] },
      t,
      stats(),
    );
    expect(ok.ok && ok.geometry.type === 'Point' && ok.geometry.coordinates[0]).toBeCloseTo(117.5, 8);
    const s = stats();
    expect(cleanGeometry({ type: 'Point', coordinates: [500000, 3500000] }, null, s)).toEqual({
      ok: false,
      reason: 'out_of_range',
    });
    expect(s.firstOutOfRange).toEqual([500000, 3500000]);
  });
});
