/**
 * A tile of a pass as an ordinary detection input: the chosen pair's sources seen through a window (the tile's
 * pixels plus a halo of context, clipped to the image), the window's own geotransform, and a search mask that is
 * the region (red lines − reserves) cut to the tile's own pixels. The single-pair pipeline then runs on it as on
 * a small scene, with statistics of that window only, so a tile's result depends on the tile and its inputs.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { polygonRegionMask, type FromLonLat } from '../detect/mask.ts';
import type { DetectInput, RasterSource, WindowMask } from '../detect/types.ts';
import type { Geotransform, PixelWindow } from '../raster/types.ts';

/** A source read through a window of it. */
export function windowedSource(source: RasterSource, window: PixelWindow): RasterSource {
  return {
    width: window.x1 - window.x0,
    height: window.y1 - window.y0,
    nodata: source.nodata,
    readWindow: (w, signal, into) =>
      source.readWindow(
        { x0: w.x0 + window.x0, y0: w.y0 + window.y0, x1: w.x1 + window.x0, y1: w.y1 + window.y0 },
        signal,
        into,
      ),
  };
}

/** Geotransform of a window of a grid. */
export function windowGeotransform(gt: Geotransform, window: PixelWindow): Geotransform {
  return [
    gt[0] + window.x0 * gt[1] + window.y0 * gt[2],
    gt[1],
    gt[2],
    gt[3] + window.x0 * gt[4] + window.y0 * gt[5],
    gt[4],
    gt[5],
  ];
}

/** The read window of a tile: its pixels grown by `halo` on every side, clipped to the image. */
export function haloWindow(core: PixelWindow, halo: number, width: number, height: number): PixelWindow {
  return {
    x0: Math.max(0, core.x0 - halo),
    y0: Math.max(0, core.y0 - halo),
    x1: Math.min(width, core.x1 + halo),
    y1: Math.min(height, core.y1 + halo),
  };
}

/** `mask` restricted to `core` (both in the same pixel coordinates). */
export function coreMask(core: PixelWindow, mask?: WindowMask): WindowMask {
  return (w) => {
    const region = mask?.(w) ?? null;
    const ww = w.x1 - w.x0;
    const out = region ? region.slice() : new Uint8Array(ww * (w.y1 - w.y0)).fill(1);
    for (let r = w.y0; r < w.y1; r += 1)
      for (let c = w.x0; c < w.x1; c += 1)
        if (c < core.x0 || c >= core.x1 || r < core.y0 || r >= core.y1) out[(r - w.y0) * ww + (c - w.x0)] = 0;
    return out;
  };
}

export interface TileInput {
  input: DetectInput;
  /** The tile's own pixels, in the window's coordinates. */
  core: PixelWindow;
  /** True for a component box reaching the tile's border: it may continue in the next tile. */
  touchesBorder: (bbox: PixelWindow) => boolean;
}

/**
 * Detection input of one tile. `pair` is the pair's input on T2's grid; `tile` the tile's pixels on that grid;
 * `region` the red lines (include) and reserves (exclude) in lon/lat; `fromLonLat` into the grid CRS.
 */
export function tileInput(
  pair: DetectInput,
  tile: PixelWindow,
  halo: number,
  region: { include?: readonly (Polygon | MultiPolygon)[]; exclude?: readonly (Polygon | MultiPolygon)[] },
  fromLonLat?: FromLonLat,
): TileInput {
  const window = haloWindow(tile, halo, pair.t2.width, pair.t2.height);
  const gt = windowGeotransform(pair.geotransform, window);
  const core = {
    x0: tile.x0 - window.x0,
    y0: tile.y0 - window.y0,
    x1: tile.x1 - window.x0,
    y1: tile.y1 - window.y0,
  };
  const searched = region.include || region.exclude ? polygonRegionMask(region, gt, fromLonLat) : undefined;
  const input: DetectInput = {
    ...pair,
    t1: windowedSource(pair.t1, window),
    t2: windowedSource(pair.t2, window),
    geotransform: gt,
    mask: coreMask(core, searched),
  };
  return {
    input,
    core,
    touchesBorder: (b) => b.x0 <= core.x0 || b.y0 <= core.y0 || b.x1 >= core.x1 || b.y1 >= core.y1,
  };
}
