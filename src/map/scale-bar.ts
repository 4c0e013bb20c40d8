const EARTH_CIRCUMFERENCE_M = 40075016.686;

/** Ground metres per screen pixel in Web Mercator at a latitude and zoom (deck.gl uses 512-px tiles). */
export function metresPerPixel(latitude: number, zoom: number): number {
  return (EARTH_CIRCUMFERENCE_M * Math.cos((latitude * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** A scale bar: the largest 1-2-5 length that fits in `maxPixels`, its width in pixels and its label. */
export function scaleBar(
  latitude: number,
  zoom: number,
  maxPixels = 120,
): { pixels: number; metres: number; label: string } {
  const perPixel = metresPerPixel(latitude, zoom);
  const maxMetres = perPixel * maxPixels;
  const magnitude = 10 ** Math.floor(Math.log10(maxMetres));
  const metres = [5, 2, 1].map((n) => n * magnitude).find((candidate) => candidate <= maxMetres) ?? magnitude;
  const label = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
  return { pixels: metres / perPixel, metres, label };
}
