/**
 * Connected components over a grid of tiles that arrive in ANY order (worker pools finish them out of
 * order). Each tile is labelled on its own; its four edges (component ids along them) are kept, and when a
 * tile's neighbour is already there, ids that meet across the shared edge or corner (8-connectivity) are
 * joined with union-find. A component that touches no seam is complete as soon as its tile is done; the
 * others are kept as runs of pixels and assembled when the scene is finished. Memory: the edge ids of every
 * tile (4 × tile size per tile) and the runs of seam-touching components.
 */
import { labelComponents } from '../raster/label.ts';
import { UnionFind } from '../raster/union-find.ts';
import { ComponentTable } from './components.ts';
import type { TileResult } from './tile-work.ts';

/** A finished component: its id, and a mask of its pixels over its bounding box. */
export interface FinishedComponent {
  id: number;
  x0: number;
  y0: number;
  width: number;
  height: number;
  mask: Uint8Array;
}

/** Component ids along a tile's edges (−1 = background). */
interface TileEdges {
  top: Int32Array;
  bottom: Int32Array;
  left: Int32Array;
  right: Int32Array;
}

export class TileAssembler {
  readonly table = new ComponentTable();
  private readonly uf = new UnionFind(1024);
  private readonly edges = new Map<number, TileEdges>();
  private readonly tilesX: number;
  private runs = new Int32Array(4 * 1024);
  private runCount = 0;

  /** Components created so far (before merging across seams). */
  get componentCount(): number {
    return this.uf.length;
  }

  constructor(
    private readonly sceneWidth: number,
    private readonly sceneHeight: number,
    private readonly tileSize: number,
  ) {
    this.tilesX = Math.ceil(sceneWidth / tileSize);
  }

  /** Join ids of `a` with ids of `b` at offsets −1…1 (an edge shared by two tiles, 8-connectivity). */
  private joinEdge(a: Int32Array, b: Int32Array): void {
    for (let i = 0; i < a.length; i += 1) {
      const id = a[i]!;
      if (id < 0) continue;
      for (let d = -1; d <= 1; d += 1) {
        const other = b[i + d];
        if (other !== undefined && other >= 0) this.uf.union(id, other);
      }
    }
  }

  private joinCorner(a: number | undefined, b: number | undefined): void {
    if (a !== undefined && b !== undefined && a >= 0 && b >= 0) this.uf.union(a, b);
  }

  /** Join a new tile's edges with those of the neighbours already added. */
  private joinNeighbours(tx: number, ty: number, e: TileEdges): void {
    const at = (dx: number, dy: number): TileEdges | undefined => {
      const x = tx + dx;
      const y = ty + dy;
      return x < 0 || y < 0 || x >= this.tilesX ? undefined : this.edges.get(y * this.tilesX + x);
    };
    const up = at(0, -1);
    if (up) this.joinEdge(e.top, up.bottom);
    const down = at(0, 1);
    if (down) this.joinEdge(e.bottom, down.top);
    const left = at(-1, 0);
    if (left) this.joinEdge(e.left, left.right);
    const right = at(1, 0);
    if (right) this.joinEdge(e.right, right.left);
    this.joinCorner(e.top[0], at(-1, -1)?.bottom.at(-1));
    this.joinCorner(e.top.at(-1), at(1, -1)?.bottom[0]);
    this.joinCorner(e.bottom[0], at(-1, 1)?.top.at(-1));
    this.joinCorner(e.bottom.at(-1), at(1, 1)?.top[0]);
  }

  private pushRun(id: number, y: number, xs: number, xe: number): void {
    if (this.runCount * 4 + 4 > this.runs.length) {
      const grown = new Int32Array(this.runs.length * 2);
      grown.set(this.runs);
      this.runs = grown;
    }
    const o = this.runCount * 4;
    this.runs[o] = id;
    this.runs[o + 1] = y;
    this.runs[o + 2] = xs;
    this.runs[o + 3] = xe;
    this.runCount += 1;
  }

  /**
   * Add a tile; returns the components completed inside it (touching no seam) for which `keep(id)` holds
   * (e.g. large enough), so small ones are never cut out.
   */
  addTile(
    t: TileResult,
    region: Uint8Array | null,
    keep: (id: number) => boolean = () => true,
  ): FinishedComponent[] {
    const { x0, y0 } = t.core;
    const w = t.core.x1 - x0;
    const h = t.core.y1 - y0;
    const mask = region ? t.mask.map((v, i) => v & region[i]!) : t.mask;
    const { labels, count } = labelComponents(mask, w, h, 8);
    const ids = new Int32Array(count + 1).fill(-1);
    for (let l = 1; l <= count; l += 1) {
      ids[l] = this.table.add();
      this.uf.add();
    }
    // Changed pixels carry their z and indices in raster order (also those the region mask removed).
    let k = 0;
    for (let p = 0; p < w * h; p += 1) {
      if (!t.mask[p]) continue;
      const l = labels[p]!;
      if (l) this.table.addPixel(ids[l]!, x0 + (p % w), y0 + Math.floor(p / w), t.fgIx, 6 * k, t.fgZ[k]!);
      k += 1;
    }
    // Which labels touch a seam (a tile edge that is not the scene edge).
    const seam = new Uint8Array(count + 1);
    const mark = (p: number): void => {
      seam[labels[p]!] = 1;
    };
    if (y0 > 0) for (let c = 0; c < w; c += 1) mark(c);
    if (y0 + h < this.sceneHeight) for (let c = 0; c < w; c += 1) mark((h - 1) * w + c);
    if (x0 > 0) for (let r = 0; r < h; r += 1) mark(r * w);
    if (x0 + w < this.sceneWidth) for (let r = 0; r < h; r += 1) mark(r * w + w - 1);
    seam[0] = 0;
    // Keep this tile's edge ids and join them with the neighbours already here.
    const idAt = (p: number): number => (labels[p] ? ids[labels[p]!]! : -1);
    const e: TileEdges = {
      top: Int32Array.from({ length: w }, (_, c) => idAt(c)),
      bottom: Int32Array.from({ length: w }, (_, c) => idAt((h - 1) * w + c)),
      left: Int32Array.from({ length: h }, (_, r) => idAt(r * w)),
      right: Int32Array.from({ length: h }, (_, r) => idAt(r * w + w - 1)),
    };
    const tx = Math.floor(x0 / this.tileSize);
    const ty = Math.floor(y0 / this.tileSize);
    this.joinNeighbours(tx, ty, e);
    this.edges.set(ty * this.tilesX + tx, e);
    // Seam-touching components: keep their runs. Others: cut out their masks now.
    for (let r = 0; r < h; r += 1) {
      let c = 0;
      while (c < w) {
        const l = labels[r * w + c]!;
        if (!l || !seam[l]) {
          c += 1;
          continue;
        }
        let e = c + 1;
        while (e < w && labels[r * w + e] === l) e += 1;
        this.pushRun(ids[l]!, y0 + r, x0 + c, x0 + e);
        c = e;
      }
    }
    const finished: FinishedComponent[] = [];
    for (let l = 1; l <= count; l += 1) {
      if (seam[l] || !keep(ids[l]!)) continue;
      const s = this.table.summary(ids[l]!);
      const bw = s.bbox.x1 - s.bbox.x0;
      const bh = s.bbox.y1 - s.bbox.y0;
      const mask = new Uint8Array(bw * bh);
      for (let r = s.bbox.y0; r < s.bbox.y1; r += 1)
        for (let c = s.bbox.x0; c < s.bbox.x1; c += 1)
          if (labels[(r - y0) * w + (c - x0)] === l) mask[(r - s.bbox.y0) * bw + (c - s.bbox.x0)] = 1;
      finished.push({ id: ids[l]!, x0: s.bbox.x0, y0: s.bbox.y0, width: bw, height: bh, mask });
    }
    return finished;
  }

  /** After the last tile: merge seam-touching parts and return those for which `keep(root)` holds. */
  finish(keep: (id: number) => boolean = () => true): FinishedComponent[] {
    const byRoot = new Map<number, number[]>();
    for (let k = 0; k < this.runCount; k += 1) {
      const id = this.runs[k * 4]!;
      const root = this.uf.find(id);
      const list = byRoot.get(root);
      if (list) list.push(k);
      else byRoot.set(root, [k]);
    }
    // Fold the statistics of every part into its root, once per part.
    const merged = new Set<number>();
    for (let k = 0; k < this.runCount; k += 1) {
      const id = this.runs[k * 4]!;
      const root = this.uf.find(id);
      if (id !== root && !merged.has(id)) {
        merged.add(id);
        this.table.merge(root, id);
      }
    }
    const out: FinishedComponent[] = [];
    for (const [root, list] of byRoot) {
      if (!keep(root)) continue;
      const s = this.table.summary(root);
      const bw = s.bbox.x1 - s.bbox.x0;
      const bh = s.bbox.y1 - s.bbox.y0;
      const mask = new Uint8Array(bw * bh);
      for (const k of list) {
        const y = this.runs[k * 4 + 1]!;
        const xs = this.runs[k * 4 + 2]!;
        const xe = this.runs[k * 4 + 3]!;
        mask.fill(1, (y - s.bbox.y0) * bw + (xs - s.bbox.x0), (y - s.bbox.y0) * bw + (xe - s.bbox.x0));
      }
      out.push({ id: root, x0: s.bbox.x0, y0: s.bbox.y0, width: bw, height: bh, mask });
    }
    this.runCount = 0;
    return out;
  }
}
