/**
 * Seam merge of a pass: each tile is detected on its own, so a patch that crosses a tile border (and, where the
 * two tiles chose different scenes, a scene seam) arrives as one part per tile, each cut exactly at the border.
 * Parts of neighbouring tiles that share a stretch of their common border, or meet at a common corner
 * (8-connectivity, as the single-pair pipeline's tile assembler joins its own tiles), form one patch. Works on
 * outlines in the grid CRS, so it runs after the shards, whatever shard made which part.
 */
import type { MapBox } from './grid.ts';

/** A detected part: its tile, its outline (polygons → rings → flat x, y in the grid CRS) and its pixel size. */
export interface SeamPart {
  ix: number;
  iy: number;
  polygons: readonly (readonly (readonly number[])[])[];
  /** Ground size of a pixel of the part's imagery (map units). */
  pixel: number;
}

interface Touch {
  part: number;
  /** Side of the border line the part lies on (0 = west/south tile, 1 = east/north tile). */
  side: number;
  lo: number;
  hi: number;
}

class Groups {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  join(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Extent along a border (coordinate `along`: 0 = x, 1 = y) of `count` ring vertices from vertex `from`. */
function spanOf(
  ring: readonly number[],
  from: number,
  count: number,
  along: 0 | 1,
): { lo: number; hi: number } {
  const n = ring.length / 2;
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = from; k < from + count; k += 1) {
    const v = ring[2 * (k % n) + along]!;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return { lo, hi };
}

/**
 * Groups of parts that form one patch (indices into `parts`, ascending; groups ordered by their first index).
 * `size` is the tile size of the grid.
 */
export function seamGroups(parts: readonly SeamPart[], size: number): number[][] {
  const borders = new Map<string, Touch[]>();
  const corners = new Map<string, { part: number; ix: number; iy: number }[]>();
  const add = (key: string, touch: Touch): void => {
    const list = borders.get(key);
    if (list) list.push(touch);
    else borders.set(key, [touch]);
  };
  parts.forEach((p, part) => {
    const tol = p.pixel / 2;
    const west = p.ix * size;
    const east = (p.ix + 1) * size;
    const south = p.iy * size;
    const north = (p.iy + 1) * size;
    const lines: { key: string; side: number; on: (x: number, y: number) => boolean; along: 0 | 1 }[] = [
      { key: `V${p.ix}:${p.iy}`, side: 1, on: (x) => Math.abs(x - west) <= tol, along: 1 },
      { key: `V${p.ix + 1}:${p.iy}`, side: 0, on: (x) => Math.abs(x - east) <= tol, along: 1 },
      { key: `H${p.ix}:${p.iy}`, side: 1, on: (_, y) => Math.abs(y - south) <= tol, along: 0 },
      { key: `H${p.ix}:${p.iy + 1}`, side: 0, on: (_, y) => Math.abs(y - north) <= tol, along: 0 },
    ];
    for (const polygon of p.polygons)
      for (const ring of polygon) {
        const n = ring.length / 2;
        // Stretches of consecutive vertices on a border line (simplified outlines may touch with one vertex).
        for (const line of lines) {
          const on = (k: number): boolean => line.on(ring[2 * (k % n)]!, ring[2 * (k % n) + 1]!);
          let start = 0;
          while (start < n && on(start)) start += 1;
          if (start === n) {
            add(line.key, { part, side: line.side, ...spanOf(ring, 0, n, line.along) });
            continue;
          }
          for (let k = start + 1; k <= start + n; k += 1) {
            if (!on(k)) continue;
            let e = k;
            while (e + 1 <= start + n && on(e + 1)) e += 1;
            add(line.key, { part, side: line.side, ...spanOf(ring, k, e - k + 1, line.along) });
            k = e;
          }
        }
        for (let k = 0; k < n; k += 1) {
          const x = ring[2 * k]!;
          const y = ring[2 * k + 1]!;
          // Vertices at a tile corner (diagonal neighbours meet only there).
          for (const cx of [west, east])
            for (const cy of [south, north])
              if (Math.abs(x - cx) <= tol && Math.abs(y - cy) <= tol) {
                const key = `${Math.round(cx / size)}:${Math.round(cy / size)}`;
                const list = corners.get(key) ?? [];
                list.push({ part, ix: p.ix, iy: p.iy });
                corners.set(key, list);
              }
        }
      }
  });
  const groups = new Groups(parts.length);
  for (const touches of borders.values())
    for (const a of touches)
      for (const b of touches) {
        if (a.side !== 0 || b.side !== 1) continue;
        // Stretches that overlap or come within a pixel (a diagonal step across the border, or a corner the
        // simplification cut) join.
        const tol = Math.min(parts[a.part]!.pixel, parts[b.part]!.pixel);
        if (a.lo <= b.hi + tol && b.lo <= a.hi + tol) groups.join(a.part, b.part);
      }
  for (const list of corners.values())
    for (const a of list)
      for (const b of list) if (a.ix !== b.ix && a.iy !== b.iy) groups.join(a.part, b.part);
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < parts.length; i += 1) {
    const root = groups.find(i);
    const list = byRoot.get(root);
    if (list) list.push(i);
    else byRoot.set(root, [i]);
  }
  return [...byRoot.values()].sort((a, b) => a[0]! - b[0]!);
}

/** Bounding box of flat rings. */
export function ringsBox(polygons: readonly (readonly (readonly number[])[])[]): MapBox {
  const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const polygon of polygons)
    for (const ring of polygon)
      for (let k = 0; k < ring.length; k += 2) {
        box.x0 = Math.min(box.x0, ring[k]!);
        box.x1 = Math.max(box.x1, ring[k]!);
        box.y0 = Math.min(box.y0, ring[k + 1]!);
        box.y1 = Math.max(box.y1, ring[k + 1]!);
      }
  return box;
}

/**
 * Order of merged patches for their ids: by the lowest-left pixel of their box (row from the south, then column
 * from the west, on a grid of `pixel`), then by the box's far corner. Depends on geometry only, never on shards.
 */
export function lowestLeftOrder(a: MapBox, b: MapBox, pixel: number): number {
  const q = (v: number): number => Math.floor(v / pixel + 1e-6);
  return (
    q(a.y0) - q(b.y0) ||
    q(a.x0) - q(b.x0) ||
    q(a.y1) - q(b.y1) ||
    q(a.x1) - q(b.x1) ||
    a.y0 - b.y0 ||
    a.x0 - b.x0
  );
}
