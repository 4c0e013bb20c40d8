/**
 * Put one date on the other's grid: a RasterSource that reads the source image's pixels under each target
 * pixel centre (nearest neighbour, so spectra are not blended). Used when T1 and T2 grids or CRSs differ:
 * T1 is resampled onto T2's grid. Target pixels outside the source read as nodata.
 */
import type { BandArray, Geotransform, PixelWindow } from '../raster/types.ts';
import { mapToPixel } from './mask.ts';
import type { RasterSource } from './types.ts';

/** Map coordinates of the target grid → map coordinates of the source grid (omit when both share a CRS). */
export type MapTransform = (x: number, y: number) => [number, number];

/**
 * `source` (on `sourceGt`) seen through the target grid (`targetGt`, width × height). Sources without a
 * nodata value get 0 as nodata, so pixels off the source are not read as dark land.
 */
export function resampledSource(
  source: RasterSource,
  sourceGt: Geotransform,
  target: { width: number; height: number; geotransform: Geotransform },
  targetToSource?: MapTransform,
  /** Bands the source returns (for windows that miss the source entirely). */
  bandCount = 4,
): RasterSource {
  const toPixel = mapToPixel(sourceGt);
  const gt = target.geotransform;
  const nodata = source.nodata ?? 0;
  const locate = (col: number, row: number): [number, number] => {
    const x = gt[0] + col * gt[1] + row * gt[2];
    const y = gt[3] + col * gt[4] + row * gt[5];
    const [sx, sy] = targetToSource ? targetToSource(x, y) : [x, y];
    return toPixel(sx, sy);
  };
  return {
    width: target.width,
    height: target.height,
    nodata,
    async readWindow(w: PixelWindow, signal?: AbortSignal): Promise<BandArray[]> {
      const ww = w.x1 - w.x0;
      const wh = w.y1 - w.y0;
      // Source pixel of every target pixel centre of the window.
      const cols = new Float64Array(ww * wh);
      const rows = new Float64Array(ww * wh);
      let minC = Infinity;
      let minR = Infinity;
      let maxC = -Infinity;
      let maxR = -Infinity;
      for (let r = 0; r < wh; r += 1)
        for (let c = 0; c < ww; c += 1) {
          const [sc, sr] = locate(w.x0 + c + 0.5, w.y0 + r + 0.5);
          const i = r * ww + c;
          cols[i] = Math.floor(sc);
          rows[i] = Math.floor(sr);
          if (Number.isFinite(sc) && Number.isFinite(sr)) {
            minC = Math.min(minC, cols[i]!);
            maxC = Math.max(maxC, cols[i]!);
            minR = Math.min(minR, rows[i]!);
            maxR = Math.max(maxR, rows[i]!);
          }
        }
      const read = {
        x0: Math.max(0, minC),
        y0: Math.max(0, minR),
        x1: Math.min(source.width, maxC + 1),
        y1: Math.min(source.height, maxR + 1),
      };
      const empty = !(read.x1 > read.x0 && read.y1 > read.y0);
      const bands = empty ? [] : await source.readWindow(read, signal);
      // Same sample type as the source (a Float32Array when nothing of the source is under the window).
      const out: BandArray[] = empty
        ? Array.from({ length: bandCount }, () => new Float32Array(ww * wh).fill(nodata))
        : bands.map((b) => {
            const o = b.slice(0, 0);
            const made = new (o.constructor as new (n: number) => BandArray)(ww * wh);
            return made.fill(nodata);
          });
      if (empty) return out;
      const rw = read.x1 - read.x0;
      for (let i = 0; i < ww * wh; i += 1) {
        const c = cols[i]!;
        const r = rows[i]!;
        if (c < read.x0 || c >= read.x1 || r < read.y0 || r >= read.y1) continue;
        const j = (r - read.y0) * rw + (c - read.x0);
        for (let b = 0; b < out.length; b += 1) out[b]![i] = (bands[b] as BandArray)[j]!;
      }
      return out;
    },
  };
}
