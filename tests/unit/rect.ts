import type { Polygon } from 'geojson';

/** An axis-aligned rectangle from (x0, y0) to (x1, y1), its ring closed, counter-clockwise when x0 < x1, y0 < y1. */
export const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});
