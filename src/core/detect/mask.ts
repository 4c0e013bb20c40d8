/**
 * Search region from polygons in lon/lat: inside any `include` polygon (red lines) and outside every
 * `exclude` polygon (nature reserves), rasterised per window at pixel centres.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { rasterizePolygon } from '../raster/rasterize.ts';
import type { Geotransform, PixelWindow } from '../raster/types.ts';
import type { WindowMask } from './types.ts';
import { DetectInputError } from './types.ts';

/** [lon, lat] → map coordinates of the imagery's CRS. */
export type FromLonLat = (lon: number, lat: number) => [number, number];

interface PixelShape {
  rings: number[][];
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Inverse of a geotransform: map (x, y) → pixel (col, row). */
export function mapToPixel(gt: Geotransform): (x: number, y: number) => [number, number] {
  const det = gt[1] * gt[5] - gt[2] * gt[4];
  if (det === 0) throw new DetectInputError('no_georef', { reason: 'singular geotransform' });
  return (x, y) => {
    const dx = x - gt[0];
    const dy = y - gt[3];
    return [(gt[5] * dx - gt[2] * dy) / det, (-gt[4] * dx + gt[1] * dy) / det];
  };
}

function toPixelShapes(
  geometries: readonly (Polygon | MultiPolygon)[],
  gt: Geotransform,
  fromLonLat?: FromLonLat,
): PixelShape[] {
  const toPixel = mapToPixel(gt);
  const shapes: PixelShape[] = [];
  const polygonsOf = (g: Polygon | MultiPolygon): Position[][][] =>
    g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const geometry of geometries)
    for (const polygon of polygonsOf(geometry)) {
      const shape: PixelShape = { rings: [], x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
      for (const ring of polygon) {
        const flat: number[] = [];
        for (const pos of ring) {
          const [mx, my] = fromLonLat ? fromLonLat(pos[0]!, pos[1]!) : [pos[0]!, pos[1]!];
          const [c, r] = toPixel(mx, my);
          flat.push(c, r);
          shape.x0 = Math.min(shape.x0, c);
          shape.y0 = Math.min(shape.y0, r);
          shape.x1 = Math.max(shape.x1, c);
          shape.y1 = Math.max(shape.y1, r);
        }
        shape.rings.push(flat);
      }
      shapes.push(shape);
    }
  return shapes;
}

const overlaps = (s: PixelShape, w: PixelWindow): boolean =>
  s.x1 >= w.x0 && s.x0 <= w.x1 && s.y1 >= w.y0 && s.y0 <= w.y1;

/**
 * Window mask of the region. `include` undefined = the whole scene; `include` = [] = nothing.
 * `fromLonLat` maps lon/lat into the imagery's CRS (omit for lon/lat grids).
 */
export function polygonRegionMask(
  region: { include?: readonly (Polygon | MultiPolygon)[]; exclude?: readonly (Polygon | MultiPolygon)[] },
  gt: Geotransform,
  fromLonLat?: FromLonLat,
): WindowMask {
  const include = region.include ? toPixelShapes(region.include, gt, fromLonLat) : null;
  const exclude = toPixelShapes(region.exclude ?? [], gt, fromLonLat);
  return (window) => {
    const n = (window.x1 - window.x0) * (window.y1 - window.y0);
    const inc = include ? include.filter((s) => overlaps(s, window)) : null;
    const exc = exclude.filter((s) => overlaps(s, window));
    if (!inc && exc.length === 0) return null;
    const out = new Uint8Array(n);
    if (inc) for (const s of inc) rasterizePolygon(s.rings, window, out, 1);
    else out.fill(1);
    for (const s of exc) rasterizePolygon(s.rings, window, out, 0);
    return out;
  };
}
