import { describe, expect, it } from 'vitest';
import { packPatches, unpackPatches } from '../../../src/core/change/patch-codec.ts';
import type { ChangePatch } from '../../../src/core/change/patches.ts';

const base = {
  score: 0.5,
  activityType: 'other',
  activityConf: 0.2,
  problemType: 'other',
  areaM2: 100,
} as const;

describe('patch codec', () => {
  it('round-trips polygons with holes and multipolygons', () => {
    const patches: ChangePatch[] = [
      {
        ...base,
        direction: 'new_water',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [4, 0],
              [4, 4],
              [0, 0],
            ],
            [
              [1, 1],
              [2, 1],
              [2, 2],
              [1, 1],
            ],
          ],
        },
      },
      {
        ...base,
        direction: 'other_change',
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [5, 5],
                [6, 5],
                [6, 6],
                [5, 5],
              ],
            ],
            [
              [
                [7, 7],
                [8, 7],
                [8, 8],
                [7, 7],
              ],
            ],
          ],
        },
      },
    ];
    const packed = packPatches(patches);
    expect(packed.coords.length).toBe(16 * 2);
    expect(unpackPatches(packed)).toEqual(patches);
  });
});
