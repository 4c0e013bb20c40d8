/**
 * Scan-line rasterisation of polygons (rings in pixel coordinates, any winding) onto a window: a pixel is
 * inside when its centre is inside by the even-odd rule of that polygon's rings (outer + holes). Several
 * polygons are OR-ed, so overlapping polygons do not cancel each other.
 */
import type { PixelWindow } from './types.ts';

/** A polygon's rings in pixel coordinates, each a flat `[x, y, …]` list (closing vertex optional). */
export type PixelRings = readonly (readonly number[])[];

interface Edge {
  yMin: number;
  yMax: number;
  x0: number;
  y0: number;
  slope: number;
}

function edgesInRows(rings: PixelRings, yTop: number, yBottom: number): Edge[] {
  const edges: Edge[] = [];
  for (const ring of rings) {
    const n = ring.length;
    for (let i = 0; i < n; i += 2) {
      const j = (i + 2) % n;
      const ax = ring[i]!;
      const ay = ring[i + 1]!;
      const bx = ring[j]!;
      const by = ring[j + 1]!;
      if (ay === by) continue;
      const yMin = Math.min(ay, by);
      const yMax = Math.max(ay, by);
      if (yMax < yTop || yMin > yBottom) continue;
      edges.push({ yMin, yMax, x0: ax, y0: ay, slope: (bx - ax) / (by - ay) });
    }
  }
  return edges.sort((a, b) => a.yMin - b.yMin);
}

/**
 * Set `out[(row − y0)·width + (col − x0)] = value` for the window's pixels whose centre is inside the polygon.
 * `out` is the window's mask (window width × height).
 */
export function rasterizePolygon(rings: PixelRings, window: PixelWindow, out: Uint8Array, value = 1): void {
  const width = window.x1 - window.x0;
  const edges = edgesInRows(rings, window.y0 + 0.5, window.y1 - 0.5);
  if (edges.length === 0) return;
  let next = 0;
  let active: Edge[] = [];
  const xs: number[] = [];
  for (let row = window.y0; row < window.y1; row += 1) {
    const yc = row + 0.5;
    while (next < edges.length && edges[next]!.yMin <= yc) active.push(edges[next++]!);
    // Half-open in y ([yMin, yMax)) so a vertex on the scan line is counted once.
    active = active.filter((e) => e.yMax > yc);
    if (active.length === 0) {
      if (next >= edges.length) break;
      continue;
    }
    xs.length = 0;
    for (const e of active) if (e.yMin <= yc) xs.push(e.x0 + (yc - e.y0) * e.slope);
    xs.sort((a, b) => a - b);
    const base = (row - window.y0) * width;
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const from = Math.max(window.x0, Math.ceil(xs[k]! - 0.5));
      const to = Math.min(window.x1, Math.ceil(xs[k + 1]! - 0.5));
      for (let col = from; col < to; col += 1) out[base + col - window.x0] = value;
    }
  }
}

/** Rasterise several polygons (OR-ed) into a new window mask. */
export function rasterizePolygons(polygons: readonly PixelRings[], window: PixelWindow): Uint8Array {
  const out = new Uint8Array((window.x1 - window.x0) * (window.y1 - window.y0));
  for (const rings of polygons) rasterizePolygon(rings, window, out);
  return out;
}
