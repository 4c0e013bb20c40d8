import type { Geotransform } from '../display/view-window.ts';

const A = 6378137;
const E2 = 0.0066943800229; // GRS80 / CGCS2000 first eccentricity squared

/** Area of one pixel in m² of a lon/lat grid at the given latitude (ellipsoidal radii of curvature). */
export function pixelAreaM2(transform: Geotransform, latitude: number): number {
  const phi = (latitude * Math.PI) / 180;
  const s = Math.sin(phi);
  const w = 1 - E2 * s * s;
  const meridional = (A * (1 - E2)) / (w * Math.sqrt(w));
  const primeVertical = A / Math.sqrt(w);
  const rad = Math.PI / 180;
  return (
    Math.abs(transform.dx) * rad * primeVertical * Math.cos(phi) * Math.abs(transform.dy) * rad * meridional
  );
}

/** True when the transform looks like degrees (the pipeline works on lon/lat grids only). */
export function isGeographic(transform: Geotransform, width: number, height: number): boolean {
  const x1 = transform.x0 + width * transform.dx;
  const y1 = transform.y0 + height * transform.dy;
  return (
    [transform.x0, x1].every((x) => Math.abs(x) <= 360) && [transform.y0, y1].every((y) => Math.abs(y) <= 90)
  );
}
