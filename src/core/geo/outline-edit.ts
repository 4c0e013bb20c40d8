/**
 * Pure helpers for editing a patch outline by hand: list, move, add and delete vertices (rings stay closed; an
 * edit that makes the outline cross itself, or leaves a ring without area, is refused). Split and merge live in outline-split.ts.
 */
import type { Position } from 'geojson';
import { GeometryError, planarRingArea, polygonsOf, segmentsMayIntersect, type Areal } from './rings.ts';

/** Why an outline edit was refused; the UI turns the code into a sentence (src/i18n/outline-messages.ts). */
export type OutlineErrorCode =
  | 'no_vertex'
  | 'self_intersection'
  | 'degenerate'
  | 'line_too_short'
  | 'line_self_intersection'
  | 'no_cut'
  | 'disjoint'
  | 'empty';

/** An outline edit that cannot be made; `code` says why, `at` is where (lon, lat) when there is a place. */
export class OutlineEditError extends GeometryError {
  constructor(
    readonly code: OutlineErrorCode,
    message: string,
    readonly at?: [number, number],
  ) {
    super(message);
    this.name = 'OutlineEditError';
  }
}

/** One vertex of an areal geometry: polygon, ring and index in the ring (never the closing repeat). */
export interface VertexRef {
  polygon: number;
  ring: number;
  index: number;
}

/** A vertex with its place in the geometry. */
export interface OutlineVertex extends VertexRef {
  position: [number, number];
}

/** Every vertex of the geometry once (the closing repeat of each ring left out). */
export function outlineVertices(geometry: Areal): OutlineVertex[] {
  const out: OutlineVertex[] = [];
  polygonsOf(geometry).forEach((polygon, p) =>
    polygon.forEach((ring, r) => {
      for (let i = 0; i < ring.length - 1; i += 1) {
        const [x = 0, y = 0] = ring[i] ?? [];
        out.push({ polygon: p, ring: r, index: i, position: [x, y] });
      }
    }),
  );
  return out;
}

const cloneRings = (geometry: Areal): Position[][][] =>
  polygonsOf(geometry).map((polygon) => polygon.map((ring) => ring.map((p) => [...p])));

const rebuild = (geometry: Areal, polygons: Position[][][]): Areal =>
  geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: polygons[0] ?? [] }
    : { type: 'MultiPolygon', coordinates: polygons };

const same = (a: Position, b: Position): boolean => a[0] === b[0] && a[1] === b[1];

/** Cross product sign of c against a→b (exact enough for the user-scale moves checked here). */
function side(a: Position, b: Position, c: Position): number {
  const cross = (b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!);
  return Math.sign(cross);
}

/** True when c lies on segment a–b (collinear and within its box). */
function onSegment(a: Position, b: Position, c: Position): boolean {
  if (side(a, b, c) !== 0) return false;
  return (
    Math.min(a[0]!, b[0]!) <= c[0]! &&
    c[0]! <= Math.max(a[0]!, b[0]!) &&
    Math.min(a[1]!, b[1]!) <= c[1]! &&
    c[1]! <= Math.max(a[1]!, b[1]!)
  );
}

/**
 * True when edges a–b and c–d meet anywhere but at one shared end: a crossing, a touch, or two edges with a
 * shared end that fold back over each other.
 */
export function edgesConflict(a: Position, b: Position, c: Position, d: Position): boolean {
  const shared = same(a, c) || same(a, d) || same(b, c) || same(b, d);
  if (!shared) return segmentsMayIntersect(a, b, c, d);
  // Adjacent edges: they conflict only when the far end of one lies on the other.
  const [p, q] = same(a, c) || same(a, d) ? [a, b] : [b, a];
  const r = same(p, c) ? d : c;
  return same(q, r) || onSegment(p, q, r) || onSegment(p, r, q);
}

/** An edge of the ring being edited: from vertex `k` (a) to vertex `k + 1` (b). */
interface RingEdge {
  a: Position;
  b: Position;
  k: number;
}

/**
 * Refuses (self_intersection, at `at`) when one of `edges`, new edges of ring `ref` (n vertices), meets any other
 * edge of the outline; with an edge next to it in the ring, only more than their shared end counts.
 */
function refuseCrossings(
  polygons: Position[][][],
  ref: { polygon: number; ring: number },
  n: number,
  edges: readonly RingEdge[],
  at: [number, number],
): void {
  for (let p = 0; p < polygons.length; p += 1) {
    const polygon = polygons[p] as Position[][];
    for (let r = 0; r < polygon.length; r += 1) {
      const other = polygon[r] as Position[];
      const onMyRing = p === ref.polygon && r === ref.ring;
      for (let j = 0; j < other.length - 1; j += 1) {
        // The new edges are checked against everything else, not against themselves.
        if (onMyRing && edges.some((e) => e.k === j)) continue;
        const c = other[j] as Position;
        const d = other[j + 1] as Position;
        for (const { a, b, k } of edges) {
          const adjacent = onMyRing && (j === (k + 1) % n || j === (k - 1 + n) % n);
          const conflict = adjacent ? edgesConflict(a, b, c, d) : segmentsMayIntersect(a, b, c, d);
          if (conflict) throw new OutlineEditError('self_intersection', 'the outline would cross itself', at);
        }
      }
    }
  }
}

/**
 * Moves one vertex to `to` (the closing repeat follows the first vertex). Refuses a move that puts the
 * vertex onto a neighbour, flattens its ring, or makes either of its two edges meet another edge.
 */
export function moveVertex(geometry: Areal, ref: VertexRef, to: [number, number]): Areal {
  const polygons = cloneRings(geometry);
  const ring = polygons[ref.polygon]?.[ref.ring];
  const n = (ring?.length ?? 0) - 1;
  if (!ring || ref.index < 0 || ref.index >= n) throw new OutlineEditError('no_vertex', 'no such vertex');
  ring[ref.index] = [to[0], to[1]];
  if (ref.index === 0) ring[n] = [to[0], to[1]];
  const prev = ring[(ref.index - 1 + n) % n] as Position;
  const next = ring[(ref.index + 1) % n] as Position;
  const moved = ring[ref.index] as Position;
  if (same(moved, prev) || same(moved, next))
    throw new OutlineEditError('degenerate', 'the vertex falls onto its neighbour', to);
  const mine = [
    { a: prev, b: moved, k: (ref.index - 1 + n) % n },
    { a: moved, b: next, k: ref.index },
  ];
  refuseCrossings(polygons, ref, n, mine, to);
  if (planarRingArea(ring) === 0) throw new OutlineEditError('degenerate', 'the ring has no area', to);
  return rebuild(geometry, polygons);
}

/**
 * Adds a vertex halfway along the edge that starts at `ref`. The new vertex lies on the old edge, so the outline
 * stays the same shape (and valid) until the vertex is moved. Returns the new geometry and the new vertex.
 */
export function insertVertexAfter(geometry: Areal, ref: VertexRef): { geometry: Areal; vertex: VertexRef } {
  const polygons = cloneRings(geometry);
  const ring = polygons[ref.polygon]?.[ref.ring];
  const n = (ring?.length ?? 0) - 1;
  if (!ring || ref.index < 0 || ref.index >= n) throw new OutlineEditError('no_vertex', 'no such vertex');
  const a = ring[ref.index] as Position;
  const b = ring[ref.index + 1] as Position;
  const middle: Position = [(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2];
  ring.splice(ref.index + 1, 0, middle);
  return {
    geometry: rebuild(geometry, polygons),
    vertex: { polygon: ref.polygon, ring: ref.ring, index: ref.index + 1 },
  };
}

/**
 * Removes one vertex, joining its neighbours. Refuses when the ring would keep fewer than three vertices or no
 * area, or when the joining edge would meet another edge.
 */
export function deleteVertex(geometry: Areal, ref: VertexRef): Areal {
  const polygons = cloneRings(geometry);
  const ring = polygons[ref.polygon]?.[ref.ring];
  const n = (ring?.length ?? 0) - 1;
  if (!ring || ref.index < 0 || ref.index >= n) throw new OutlineEditError('no_vertex', 'no such vertex');
  const [x = 0, y = 0] = ring[ref.index] ?? [];
  if (n <= 3) throw new OutlineEditError('degenerate', 'a ring needs at least three vertices', [x, y]);
  ring.splice(ref.index, 1);
  // Keep the ring closed on its (possibly new) first vertex.
  ring[ring.length - 1] = [...(ring[0] as Position)];
  const m = ring.length - 1;
  const k = (ref.index - 1 + m) % m; // the joining edge runs from vertex k to k + 1
  refuseCrossings(polygons, ref, m, [{ a: ring[k] as Position, b: ring[k + 1] as Position, k }], [x, y]);
  if (planarRingArea(ring) === 0) throw new OutlineEditError('degenerate', 'the ring has no area', [x, y]);
  return rebuild(geometry, polygons);
}

/** First point where the outline meets itself other than at the shared end of adjacent edges, else null. */
export function findSelfIntersection(geometry: Areal): [number, number] | null {
  const edges: { a: Position; b: Position; ring: string; i: number; n: number }[] = [];
  polygonsOf(geometry).forEach((polygon, p) =>
    polygon.forEach((ring, r) => {
      for (let i = 0; i < ring.length - 1; i += 1)
        edges.push({
          a: ring[i] as Position,
          b: ring[i + 1] as Position,
          ring: `${p}:${r}`,
          i,
          n: ring.length - 1,
        });
    }),
  );
  for (let x = 0; x < edges.length; x += 1) {
    for (let y = x + 1; y < edges.length; y += 1) {
      const e = edges[x]!;
      const f = edges[y]!;
      const adjacent = e.ring === f.ring && (f.i - e.i === 1 || (e.i === 0 && f.i === e.n - 1));
      const conflict = adjacent
        ? edgesConflict(e.a, e.b, f.a, f.b)
        : segmentsMayIntersect(e.a, e.b, f.a, f.b);
      if (conflict) return [e.a[0]!, e.a[1]!];
    }
  }
  return null;
}
