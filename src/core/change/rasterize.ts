import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Maps lon/lat (or map) coordinates to fractional pixel coordinates [col, row]. */
export type ToPixel = (position: Position) => [number, number];

/** Rings of one or more polygons, already in pixel coordinates. */
export type PixelRings = [number, number][][];

/**
 * The rings of each polygon (outer and holes) in pixel coordinates, one entry per polygon: fill each entry
 * separately (even-odd inside a polygon empties its holes; separate fills let overlapping polygons add up).
 */
export function polygonsInPixels(
  geometries: readonly (Polygon | MultiPolygon)[],
  toPixel: ToPixel,
): PixelRings[] {
  const out: PixelRings[] = [];
  for (const geometry of geometries) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) out.push(polygon.map((ring) => ring.map(toPixel)));
  }
  return out;
}

/**
 * Scanline fill (even-odd over all rings, so holes stay empty) of rows [row0, row0 + rows) of a grid `width`
 * wide: a pixel is inside when its centre is. Writes `value` into `out` (row-major, strip-local).
 */
export function fillRings(
  rings: PixelRings,
  width: number,
  row0: number,
  rows: number,
  out: Uint8Array,
  value = 1,
): void {
  const crossings: number[] = [];
  for (let r = 0; r < rows; r++) {
    const cy = row0 + r + 0.5;
    crossings.length = 0;
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] as [number, number];
        const [xj, yj] = ring[j] as [number, number];
        if (yi > cy !== yj > cy) crossings.push(xi + ((cy - yi) * (xj - xi)) / (yj - yi));
      }
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      // Pixel x is inside when x + 0.5 lies in [c0, c1).
      const from = Math.max(0, Math.ceil((crossings[k] as number) - 0.5));
      const to = Math.min(width, Math.ceil((crossings[k + 1] as number) - 0.5));
      if (to > from) out.fill(value, r * width + from, r * width + to);
    }
  }
}
