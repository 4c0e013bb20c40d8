/**
 * The fixed tile grid of a province pass. Tiles are squares of `size` map units of the grid CRS whose corners
 * are multiples of `size` (origin 0, 0 of the CRS), so a tile's extent never depends on the scenes given, their
 * order or the number of shards. Tile (ix, iy) covers ix·size ≤ x < (ix+1)·size and iy·size < y ≤ (iy+1)·size.
 */

/** A box in map units of the grid CRS. */
export interface MapBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One tile of the grid. */
export interface GridTile {
  /** `E<ix>N<iy>`: the tile's column and row in the grid (negative as `E-3`). */
  id: string;
  ix: number;
  iy: number;
  box: MapBox;
}

export const tileId = (ix: number, iy: number): string => `E${ix}N${iy}`;

/** The tile (ix, iy) of a grid of `size`. */
export function gridTile(ix: number, iy: number, size: number): GridTile {
  return {
    id: tileId(ix, iy),
    ix,
    iy,
    box: { x0: ix * size, y0: iy * size, x1: (ix + 1) * size, y1: (iy + 1) * size },
  };
}

/** Tiles whose extent meets `box` (open intersection: a box ending on a tile edge does not take the next tile). */
export function tilesOverBox(box: MapBox, size: number): GridTile[] {
  if (!(size > 0)) throw new RangeError('tile size must be > 0');
  const tiles: GridTile[] = [];
  if (!(box.x1 > box.x0 && box.y1 > box.y0)) return tiles;
  const ix0 = Math.floor(box.x0 / size);
  const ix1 = Math.ceil(box.x1 / size);
  const iy0 = Math.floor(box.y0 / size);
  const iy1 = Math.ceil(box.y1 / size);
  for (let iy = iy0; iy < iy1; iy += 1)
    for (let ix = ix0; ix < ix1; ix += 1) tiles.push(gridTile(ix, iy, size));
  return tiles;
}

/** Intersection of two boxes (null when they share no area). */
export function boxIntersection(a: MapBox, b: MapBox): MapBox | null {
  const box = {
    x0: Math.max(a.x0, b.x0),
    y0: Math.max(a.y0, b.y0),
    x1: Math.min(a.x1, b.x1),
    y1: Math.min(a.y1, b.y1),
  };
  return box.x1 > box.x0 && box.y1 > box.y0 ? box : null;
}

/**
 * Tiles of the pass: every grid tile that meets one of the region's boxes (red lines, or the imagery when no
 * red lines are given) and the union of the scene footprints of at least one date, without duplicates, in
 * row-major order (south to north, west to east). Which part of a tile is covered is measured later.
 */
export function passTiles(
  regionBoxes: readonly MapBox[],
  footprints: readonly MapBox[],
  size: number,
): GridTile[] {
  const seen = new Map<string, GridTile>();
  for (const region of regionBoxes)
    for (const footprint of footprints) {
      const meet = boxIntersection(region, footprint);
      if (!meet) continue;
      for (const tile of tilesOverBox(meet, size)) seen.set(tile.id, tile);
    }
  return [...seen.values()].sort((a, b) => a.iy - b.iy || a.ix - b.ix);
}

/**
 * Pixel window of a tile on a north-up image grid (geotransform g, no rotation): the pixels whose centres lie
 * in the tile (ix·size ≤ x < (ix+1)·size, iy·size < y ≤ (iy+1)·size), clipped to the image. Neighbouring tiles
 * on one image therefore split its pixels exactly, without gap or overlap. Null when none lie in the image.
 */
export function tilePixelWindow(
  box: MapBox,
  gt: readonly number[],
  width: number,
  height: number,
): { x0: number; y0: number; x1: number; y1: number } | null {
  const px = gt[1]!;
  const py = -gt[5]!;
  if (!(px > 0 && py > 0) || gt[2] !== 0 || gt[4] !== 0) return null;
  // Column c's centre is gt0 + (c + ½)·px: in [x0, x1) for ceil((x0−gt0)/px − ½) ≤ c < ceil((x1−gt0)/px − ½).
  const c0 = Math.max(0, Math.ceil((box.x0 - gt[0]!) / px - 0.5));
  const c1 = Math.min(width, Math.ceil((box.x1 - gt[0]!) / px - 0.5));
  // Row r's centre is gt3 − (r + ½)·py: in (y0, y1] for ceil((gt3−y1)/py − ½) ≤ r < ceil((gt3−y0)/py − ½).
  const r0 = Math.max(0, Math.ceil((gt[3]! - box.y1) / py - 0.5));
  const r1 = Math.min(height, Math.ceil((gt[3]! - box.y0) / py - 0.5));
  return c1 > c0 && r1 > r0 ? { x0: c0, y0: r0, x1: c1, y1: r1 } : null;
}

/** Footprint of a north-up image in map units. */
export function imageBox(gt: readonly number[], width: number, height: number): MapBox {
  const xa = gt[0]!;
  const xb = gt[0]! + width * gt[1]!;
  const ya = gt[3]!;
  const yb = gt[3]! + height * gt[5]!;
  return { x0: Math.min(xa, xb), y0: Math.min(ya, yb), x1: Math.max(xa, xb), y1: Math.max(ya, yb) };
}

/** True when box `inner` lies inside `outer` (edges included). */
export const boxContains = (outer: MapBox, inner: MapBox): boolean =>
  inner.x0 >= outer.x0 && inner.x1 <= outer.x1 && inner.y0 >= outer.y0 && inner.y1 <= outer.y1;
