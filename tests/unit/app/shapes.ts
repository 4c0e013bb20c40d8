import type { Polygon } from 'geojson';

/** A small closed polygon near Beihai whose west edge is at longitude `x`. */
export const square = (x: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, 21],
      [x + 0.01, 21],
      [x + 0.01, 21.01],
      [x, 21],
    ],
  ],
});
