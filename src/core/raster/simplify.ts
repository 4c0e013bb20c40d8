/**
 * Douglas–Peucker simplification of traced pixel polygons to about one pixel, keeping validity: vertices
 * shared between rings (touch points) are never removed, and a polygon whose simplified rings would cross
 * falls back to a smaller tolerance, then to the exact staircase (which is valid by construction).
 * Simplified vertices are a subset of the originals, so all tests run on exact integer coordinates.
 */
import { ringArea2 } from './trace.ts';
import type { FlatRing, PixelPolygon } from './types.ts';

function segmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/** Simplify one closed ring; `locked` vertices (keys "x,y") are always kept. */
export function simplifyRing(
  ring: FlatRing,
  tolerance: number,
  locked: ReadonlySet<string> = new Set(),
): FlatRing {
  const n = ring.length / 2;
  if (n <= 4 || tolerance <= 0) return ring.slice();
  const keep = new Uint8Array(n);
  const anchors: number[] = [];
  for (let i = 0; i < n; i += 1) if (locked.has(`${ring[2 * i]},${ring[2 * i + 1]}`)) anchors.push(i);
  if (anchors.length < 2) {
    // Anchor the first vertex and the vertex farthest from it.
    let far = 0;
    let best = -1;
    for (let i = 0; i < n; i += 1) {
      const d = (ring[2 * i]! - ring[0]!) ** 2 + (ring[2 * i + 1]! - ring[1]!) ** 2;
      if (d > best) {
        best = d;
        far = i;
      }
    }
    for (const a of [0, far]) if (!anchors.includes(a)) anchors.push(a);
    anchors.sort((a, b) => a - b);
  }
  const tol2 = tolerance * tolerance;
  const stack: [number, number][] = [];
  for (let k = 0; k < anchors.length; k += 1) {
    const a = anchors[k]!;
    const b = anchors[(k + 1) % anchors.length]!;
    keep[a] = 1;
    stack.push([a, b === a ? a + n : b <= a ? b + n : b]);
  }
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    if (b - a < 2) continue;
    const ax = ring[2 * (a % n)]!;
    const ay = ring[2 * (a % n) + 1]!;
    const bx = ring[2 * (b % n)]!;
    const by = ring[2 * (b % n) + 1]!;
    let worst = -1;
    let at = -1;
    for (let i = a + 1; i < b; i += 1) {
      const j = i % n;
      const d = segmentDistance2(ring[2 * j]!, ring[2 * j + 1]!, ax, ay, bx, by);
      if (d > worst) {
        worst = d;
        at = i;
      }
    }
    if (worst > tol2) {
      keep[at % n] = 1;
      stack.push([a, at], [at, b]);
    }
  }
  const out: FlatRing = [];
  for (let i = 0; i < n; i += 1) if (keep[i]) out.push(ring[2 * i]!, ring[2 * i + 1]!);
  const before = ringArea2(ring);
  const after = ringArea2(out);
  // Refuse collapses and flips (tiny rings): keep the exact ring.
  if (out.length < 6 || Math.sign(after) !== Math.sign(before) || Math.abs(after) < 0.5 * Math.abs(before)) {
    return ring.slice();
  }
  return out;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
}

function onSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by);
}

type Segment = readonly [number, number, number, number];

/** True when two segments conflict: they intersect anywhere except at one shared endpoint. */
function conflict(s: Segment, t: Segment): boolean {
  const [ax, ay, bx, by] = s;
  const [cx, cy, dx, dy] = t;
  const shared =
    (ax === cx && ay === cy) ||
    (ax === dx && ay === dy) ||
    (bx === cx && by === cy) ||
    (bx === dx && by === dy);
  const o1 = orient(ax, ay, bx, by, cx, cy);
  const o2 = orient(ax, ay, bx, by, dx, dy);
  const o3 = orient(cx, cy, dx, dy, ax, ay);
  const o4 = orient(cx, cy, dx, dy, bx, by);
  if (shared) {
    // Sharing an endpoint is fine unless the segments overlap along a line.
    if (o1 !== 0 || o2 !== 0) return false;
    const dot = (bx - ax) * (dx - cx) + (by - ay) * (dy - cy);
    const sameStart = (ax === cx && ay === cy) || (bx === dx && by === dy);
    return sameStart ? dot > 0 : dot < 0;
  }
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && onSegment(ax, ay, bx, by, cx, cy)) return true;
  if (o2 === 0 && onSegment(ax, ay, bx, by, dx, dy)) return true;
  if (o3 === 0 && onSegment(cx, cy, dx, dy, ax, ay)) return true;
  if (o4 === 0 && onSegment(cx, cy, dx, dy, bx, by)) return true;
  return false;
}

/** True when no two segments of the rings conflict (bucketed on a coarse grid). */
export function ringsAreSimpleAndDisjoint(rings: readonly FlatRing[], cell = 16): boolean {
  const segments: Segment[] = [];
  for (const ring of rings)
    for (let i = 0; i < ring.length; i += 2) {
      const j = (i + 2) % ring.length;
      segments.push([ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!]);
    }
  const buckets = new Map<string, number[]>();
  segments.forEach(([ax, ay, bx, by], index) => {
    for (let gx = Math.floor(Math.min(ax, bx) / cell); gx <= Math.floor(Math.max(ax, bx) / cell); gx += 1)
      for (let gy = Math.floor(Math.min(ay, by) / cell); gy <= Math.floor(Math.max(ay, by) / cell); gy += 1) {
        const key = `${gx},${gy}`;
        const list = buckets.get(key);
        if (list) list.push(index);
        else buckets.set(key, [index]);
      }
  });
  for (const list of buckets.values())
    for (let p = 0; p < list.length; p += 1)
      for (let q = p + 1; q < list.length; q += 1)
        if (conflict(segments[list[p]!]!, segments[list[q]!]!)) return false;
  return true;
}

/** Vertices that occur in more than one ring of the polygon (touch points), as "x,y" keys. */
function sharedVertices(polygon: PixelPolygon): Set<string> {
  const count = new Map<string, number>();
  for (const ring of [polygon.outer, ...polygon.holes])
    for (let i = 0; i < ring.length; i += 2) {
      const key = `${ring[i]},${ring[i + 1]}`;
      count.set(key, (count.get(key) ?? 0) + 1);
    }
  return new Set([...count].filter(([, c]) => c > 1).map(([k]) => k));
}

/** Simplify a traced polygon to `tolerance` pixels (about 1), keeping it valid. */
export function simplifyPolygon(polygon: PixelPolygon, tolerance = 1): PixelPolygon {
  const locked = sharedVertices(polygon);
  for (let tol = tolerance; tol >= tolerance / 4 && tol > 0; tol /= 2) {
    const outer = simplifyRing(polygon.outer, tol, locked);
    const holes = polygon.holes.map((h) => simplifyRing(h, tol, locked));
    if (ringsAreSimpleAndDisjoint([outer, ...holes])) return { outer, holes };
  }
  return { outer: polygon.outer.slice(), holes: polygon.holes.map((h) => h.slice()) };
}
