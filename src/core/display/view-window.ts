/** Affine geotransform of a north-up image: map x = x0 + col * dx, map y = y0 + row * dy (dy < 0). */
export interface Geotransform {
  x0: number;
  y0: number;
  dx: number;
  dy: number;
}

/** A pixel window [col0, row0, col1, row1) of an image. */
export type PixelWindow = [number, number, number, number];

/**
 * The pixel window of an image that covers a view, given the view's corners already in the image's CRS.
 * Returns null when the view and the image do not overlap. Samples along the edges are passed in by the
 * caller for projected CRSs (edges curve), so this only takes the extremes.
 */
export function windowForView(
  cornersInImageCrs: readonly [number, number][],
  transform: Geotransform,
  width: number,
  height: number,
): PixelWindow | null {
  let minCol = Infinity;
  let maxCol = -Infinity;
  let minRow = Infinity;
  let maxRow = -Infinity;
  for (const [x, y] of cornersInImageCrs) {
    const col = (x - transform.x0) / transform.dx;
    const row = (y - transform.y0) / transform.dy;
    minCol = Math.min(minCol, col);
    maxCol = Math.max(maxCol, col);
    minRow = Math.min(minRow, row);
    maxRow = Math.max(maxRow, row);
  }
  // A micro-pixel tolerance so that floating-point noise never adds a whole row or column.
  const eps = 1e-6;
  const col0 = Math.max(0, Math.floor(minCol + eps));
  const row0 = Math.max(0, Math.floor(minRow + eps));
  const col1 = Math.min(width, Math.ceil(maxCol - eps));
  const row1 = Math.min(height, Math.ceil(maxRow - eps));
  if (col1 <= col0 || row1 <= row0) return null;
  return [col0, row0, col1, row1];
}

/** Output size for a window shown on `screenPixels` of the screen: never more pixels than the window has. */
export function outputSize(
  window: PixelWindow,
  screenWidth: number,
  screenHeight: number,
  cap = 2048,
): [number, number] {
  const w = window[2] - window[0];
  const h = window[3] - window[1];
  const scale = Math.min(1, screenWidth / w, screenHeight / h, cap / Math.max(w, h));
  return [Math.max(1, Math.round(w * scale)), Math.max(1, Math.round(h * scale))];
}

/** Map coordinates of a pixel corner. */
export function pixelToMap(transform: Geotransform, col: number, row: number): [number, number] {
  return [transform.x0 + col * transform.dx, transform.y0 + row * transform.dy];
}
