/**
 * Scanline rasterisation of polygons onto a pixel grid, block by block, by the pixel-centre rule (a pixel
 * belongs to a polygon when its centre lies inside; GDAL's default rule). Rings of one polygon combine by
 * even–odd (holes); separate polygons are painted in order, later ones over earlier ones, so overlapping
 * red lines never cancel each other out.
 */
import type { Position } from 'geojson';
import { polygonsOf, type Areal } from '../geo/rings.ts';

/** Maps a lon/lat position to fractional pixel coordinates (column, row) of a grid. */
export type ToPixel = (lon: number, lat: number) => [number, number];

/** A polygon and the value it paints (1…255). */
export interface PaintedShape {
  geometry: Areal;
  value: number;
}

interface Edges {
  /** Per edge: top y, bottom y, x at top, dx/dy, shape order. */
  top: Float64Array;
  bottom: Float64Array;
  xTop: Float64Array;
  slope: Float64Array;
  shape: Int32Array;
  /** Edge indexes sorted by top y. */
  order: Int32Array;
}

/** Pixel-space bounds [minCol, minRow, maxCol, maxRow] of what a rasteriser can paint. */
export type PixelBounds = [number, number, number, number];

/** Paints a fixed set of polygons into blocks of one grid. */
export class ScanlineRasterizer {
  readonly bounds: PixelBounds | null;
  readonly #edges: Edges;
  readonly #values: Uint8Array;

  constructor(shapes: readonly PaintedShape[], toPixel: ToPixel) {
    const top: number[] = [];
    const bottom: number[] = [];
    const xTop: number[] = [];
    const slope: number[] = [];
    const shape: number[] = [];
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    shapes.forEach((s, index) => {
      if (!(s.value >= 1 && s.value <= 255)) throw new RangeError(`paint value ${s.value} outside 1…255`);
      for (const polygon of polygonsOf(s.geometry))
        for (const ring of polygon) {
          const pixels = ring.map((p: Position) => toPixel(p[0] as number, p[1] as number));
          for (let i = 0; i + 1 < pixels.length; i += 1) {
            const [x0, y0] = pixels[i] as [number, number];
            const [x1, y1] = pixels[i + 1] as [number, number];
            minX = Math.min(minX, x0);
            maxX = Math.max(maxX, x0);
            minY = Math.min(minY, y0);
            maxY = Math.max(maxY, y0);
            if (y0 === y1 || !Number.isFinite(x0 + y0 + x1 + y1)) continue; // horizontal edges cross no scanline
            const down = y0 < y1;
            const ya = down ? y0 : y1;
            const xa = down ? x0 : x1;
            top.push(ya);
            bottom.push(down ? y1 : y0);
            xTop.push(xa);
            slope.push((x1 - x0) / (y1 - y0));
            shape.push(index);
          }
        }
    });
    const order = Int32Array.from(top.keys()).sort((a, b) => (top[a] as number) - (top[b] as number));
    this.#edges = {
      top: Float64Array.from(top),
      bottom: Float64Array.from(bottom),
      xTop: Float64Array.from(xTop),
      slope: Float64Array.from(slope),
      shape: Int32Array.from(shape),
      order,
    };
    this.#values = Uint8Array.from(shapes.map((s) => s.value));
    this.bounds = top.length > 0 ? [minX, minY, maxX, maxY] : null;
  }

  /** Whether a block [col0, row0, col1, row1) may contain painted pixels (bounding-box test). */
  mayTouch(col0: number, row0: number, col1: number, row1: number): boolean {
    const b = this.bounds;
    return b !== null && b[0] < col1 && b[2] > col0 && b[1] < row1 && b[3] > row0;
  }

  /**
   * Paint the block of `width` × `height` pixels whose top-left pixel is (col0, row0) into `out`
   * (row-major, `width` per row). Pixels no shape covers are left untouched.
   */
  paint(out: Uint8Array, col0: number, row0: number, width: number, height: number): void {
    if (!this.mayTouch(col0, row0, col0 + width, row0 + height)) return;
    const e = this.#edges;
    const yFirst = row0 + 0.5;
    const yLast = row0 + height - 0.5;
    // Edges that span any scanline of the block.
    const candidates: number[] = [];
    for (let k = 0; k < e.order.length; k += 1) {
      const i = e.order[k] as number;
      if ((e.top[i] as number) > yLast) break;
      if ((e.bottom[i] as number) > yFirst) candidates.push(i);
    }
    if (candidates.length === 0) return;
    const xs: number[] = [];
    const owners: number[] = [];
    const idx: number[] = [];
    for (let r = 0; r < height; r += 1) {
      const y = row0 + r + 0.5;
      xs.length = 0;
      owners.length = 0;
      for (const i of candidates) {
        // Half-open [top, bottom): a vertex shared by two edges is counted once.
        if ((e.top[i] as number) <= y && y < (e.bottom[i] as number)) {
          xs.push((e.xTop[i] as number) + (y - (e.top[i] as number)) * (e.slope[i] as number));
          owners.push(e.shape[i] as number);
        }
      }
      if (xs.length < 2) continue;
      idx.length = 0;
      for (let k = 0; k < xs.length; k += 1) idx.push(k);
      idx.sort(
        (a, b) => (owners[a] as number) - (owners[b] as number) || (xs[a] as number) - (xs[b] as number),
      );
      const rowOffset = r * width;
      for (let k = 0; k + 1 < idx.length; k += 2) {
        const a = idx[k] as number;
        const b = idx[k + 1] as number;
        if (owners[a] !== owners[b]) {
          k -= 1; // an odd crossing count (degenerate ring): resynchronise on the next shape
          continue;
        }
        const value = this.#values[owners[a] as number] as number;
        const from = Math.max(0, Math.ceil((xs[a] as number) - 0.5) - col0);
        const to = Math.min(width, Math.ceil((xs[b] as number) - 0.5) - col0);
        if (to > from) out.fill(value, rowOffset + from, rowOffset + to);
      }
    }
  }
}

/**
 * Zones of a block: 0 outside the assessed area (the red lines), k for a pixel inside the red lines and in
 * county k (1…K), K + 1 inside the red lines but outside every county.
 */
export class ZoneRasterizer {
  readonly #redlines: ScanlineRasterizer;
  readonly #counties: ScanlineRasterizer;
  readonly outsideZone: number;
  #inside = new Uint8Array(0);

  constructor(redlines: readonly Areal[], counties: readonly Areal[], toPixel: ToPixel) {
    if (counties.length > 254) throw new RangeError('at most 254 counties per assessment');
    this.#redlines = new ScanlineRasterizer(
      redlines.map((geometry) => ({ geometry, value: 1 })),
      toPixel,
    );
    this.#counties = new ScanlineRasterizer(
      counties.map((geometry, i) => ({ geometry, value: i + 1 })),
      toPixel,
    );
    this.outsideZone = counties.length + 1;
  }

  /** Whether any red line may fall in the block [col0, row0, col1, row1). */
  mayTouch(col0: number, row0: number, col1: number, row1: number): boolean {
    return this.#redlines.mayTouch(col0, row0, col1, row1);
  }

  /** Zone of every pixel of a block into `out` (length ≥ width × height); returns the pixels in red lines. */
  zones(out: Uint8Array, col0: number, row0: number, width: number, height: number): number {
    const n = width * height;
    out.fill(0, 0, n);
    if (this.#inside.length < n) this.#inside = new Uint8Array(n);
    const inside = this.#inside;
    inside.fill(0, 0, n);
    this.#redlines.paint(inside, col0, row0, width, height);
    this.#counties.paint(out, col0, row0, width, height);
    let count = 0;
    const outside = this.outsideZone;
    for (let i = 0; i < n; i += 1) {
      if (inside[i] === 0) out[i] = 0;
      else {
        if (out[i] === 0) out[i] = outside;
        count += 1;
      }
    }
    return count;
  }
}
