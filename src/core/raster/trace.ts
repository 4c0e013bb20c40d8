/**
 * Boundary tracing of a binary mask into polygons with holes, along pixel edges (vertices at pixel corners,
 * integer coordinates, x right, y down). Foreground is treated as 8-connected, matching `labelComponents(…, 8)`:
 * where two foreground pixels touch only at a corner the boundary passes through that corner, and rings that
 * touch themselves there are split so every ring is simple; rings may touch each other at single points
 * (valid OGC/GeoJSON). Outer rings wind clockwise on screen (positive shoelace area in y-down coordinates),
 * holes counter-clockwise.
 */
import type { FlatRing, PixelPolygon } from './types.ts';

// Directions, clockwise on screen: east, south, west, north.
const DX = [1, 0, -1, 0] as const;
const DY = [0, 1, 0, -1] as const;

/** Twice the signed (shoelace) area of a flat ring. */
export function ringArea2(ring: FlatRing): number {
  let s = 0;
  const n = ring.length;
  for (let i = 0; i < n; i += 2) {
    const j = (i + 2) % n;
    s += ring[i]! * ring[j + 1]! - ring[j]! * ring[i + 1]!;
  }
  return s;
}

/** Even-odd point-in-ring test. */
export function pointInRing(px: number, py: number, ring: FlatRing): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const xi = ring[i]!;
    const yi = ring[i + 1]!;
    const xj = ring[j]!;
    const yj = ring[j + 1]!;
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Directed boundary edges, as a 4-bit mask of outgoing directions per vertex. */
function boundaryEdges(mask: Uint8Array, width: number, height: number): Uint8Array {
  const vw = width + 1;
  const edges = new Uint8Array(vw * (height + 1));
  const fg = (x: number, y: number): boolean =>
    x >= 0 && y >= 0 && x < width && y < height && mask[y * width + x] === 1;
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) {
      if (mask[y * width + x] !== 1) continue;
      // Clockwise around the pixel, foreground on the right of each edge.
      if (!fg(x, y - 1)) edges[y * vw + x]! |= 1 << 0;
      if (!fg(x + 1, y)) edges[y * vw + x + 1]! |= 1 << 1;
      if (!fg(x, y + 1)) edges[(y + 1) * vw + x + 1]! |= 1 << 2;
      if (!fg(x - 1, y)) edges[(y + 1) * vw + x]! |= 1 << 3;
    }
  return edges;
}

/** Follow edges into closed vertex sequences (corners only). Turning left first joins diagonal pixels. */
function followRings(edges: Uint8Array, width: number): FlatRing[] {
  const vw = width + 1;
  const used = new Uint8Array(edges.length);
  const rings: FlatRing[] = [];
  for (let start = 0; start < edges.length; start += 1) {
    while ((edges[start]! & ~used[start]!) !== 0) {
      const free = edges[start]! & ~used[start]!;
      let dir = 0;
      while (!(free & (1 << dir))) dir += 1;
      const startDir = dir;
      let v = start;
      const ring: FlatRing = [];
      for (;;) {
        used[v] = used[v]! | (1 << dir);
        const x = (v % vw) + DX[dir]!;
        const y = Math.floor(v / vw) + DY[dir]!;
        v = y * vw + x;
        const out = edges[v]!;
        let next = -1;
        for (const turn of [3, 0, 1]) {
          const d = (dir + turn) % 4;
          if (out & (1 << d)) {
            next = d;
            break;
          }
        }
        if (next !== dir) ring.push(x, y);
        if (v === start && next === startDir) break;
        if (next < 0) break; // cannot happen on a well-formed boundary
        dir = next;
      }
      rings.push(ring);
    }
  }
  return rings;
}

/** Split a ring at vertices it visits more than once, so each returned ring is simple. */
export function splitAtRepeats(ring: FlatRing): FlatRing[] {
  const out: FlatRing[] = [];
  const stack: number[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < ring.length; i += 2) {
    const x = ring[i]!;
    const y = ring[i + 1]!;
    const key = `${x},${y}`;
    const at = seen.get(key);
    if (at !== undefined) {
      const loop = stack.splice(at);
      for (let k = 0; k < loop.length; k += 2) seen.delete(`${loop[k]},${loop[k + 1]}`);
      if (loop.length >= 6) out.push(loop);
    }
    seen.set(key, stack.length);
    stack.push(x, y);
  }
  if (stack.length >= 6) out.push(stack);
  return out;
}

/**
 * Trace every foreground region of `mask` (1 = foreground) into polygons with holes, in pixel-corner
 * coordinates of the mask (add the mask's origin to place them).
 */
export function traceMask(mask: Uint8Array, width: number, height: number): PixelPolygon[] {
  const rings = followRings(boundaryEdges(mask, width, height), width).flatMap(splitAtRepeats);
  const outers: { ring: FlatRing; area: number }[] = [];
  const holes: FlatRing[] = [];
  for (const ring of rings) {
    const area = ringArea2(ring);
    if (area > 0) outers.push({ ring, area });
    else if (area < 0) holes.push(ring);
  }
  const polygons: PixelPolygon[] = outers.map(({ ring }) => ({ outer: ring, holes: [] }));
  for (const hole of holes) {
    // A point just inside the hole: the middle of its first edge, nudged to the left (background) side.
    const x0 = hole[0]!;
    const y0 = hole[1]!;
    const dx = Math.sign(hole[2]! - x0);
    const dy = Math.sign(hole[3]! - y0);
    const px = (x0 + hole[2]!) / 2 + 0.25 * dy;
    const py = (y0 + hole[3]!) / 2 - 0.25 * dx;
    let best = -1;
    for (let i = 0; i < outers.length; i += 1) {
      const o = outers[i]!;
      if ((best < 0 || o.area < outers[best]!.area) && pointInRing(px, py, o.ring)) best = i;
    }
    if (best >= 0) polygons[best]!.holes.push(hole);
  }
  return polygons;
}
