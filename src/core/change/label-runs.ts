import { UnionFind } from './union-find.ts';

/** A horizontal run of set pixels: row y, columns [x0, x1). */
export interface Run {
  y: number;
  x0: number;
  x1: number;
}

/** One 8-connected component as its runs (row-major order is not guaranteed). */
export interface Component {
  runs: Run[];
  pixelCount: number;
}

/**
 * Streaming 8-connected component labelling over horizontal runs. Feed the mask strip by strip (top to
 * bottom); the previous strip's last row is remembered, so components that cross strip seams are joined.
 * After each strip, the components that cannot grow any more (no run in the last row) are returned.
 */
export class RunLabeller {
  private readonly sets = new UnionFind();
  private readonly members = new Map<number, Run[]>();
  private previousRow: { run: Run; id: number }[] = [];
  private nextRow = 0;

  constructor(private readonly width: number) {}

  /** Adds `rows` rows of a mask (non-zero = set) starting at image row `y0`, which must follow the last strip. */
  addRows(mask: Uint8Array, rows: number, y0: number, offset = 0): Component[] {
    if (y0 !== this.nextRow) throw new RangeError(`strip starts at row ${y0}, expected ${this.nextRow}`);
    const width = this.width;
    for (let r = 0; r < rows; r++) {
      const base = offset + r * width;
      const row: { run: Run; id: number }[] = [];
      let p = 0;
      for (let x = 0; x < width; x++) {
        if (mask[base + x] === 0) continue;
        let end = x + 1;
        while (end < width && mask[base + end] !== 0) end++;
        const run: Run = { y: y0 + r, x0: x, x1: end };
        const id = this.sets.add();
        this.members.set(id, [run]);
        // 8-connectivity: a run above touches when it overlaps [x0 - 1, x1].
        while (p < this.previousRow.length && (this.previousRow[p] as { run: Run }).run.x1 < x) p++;
        for (let q = p; q < this.previousRow.length; q++) {
          const above = this.previousRow[q] as { run: Run; id: number };
          if (above.run.x0 > end) break;
          this.join(id, above.id);
        }
        row.push({ run, id });
        x = end;
      }
      this.previousRow = row;
    }
    this.nextRow = y0 + rows;
    const open = new Set(this.previousRow.map((entry) => this.sets.find(entry.id)));
    return this.take((root) => !open.has(root));
  }

  /** All components still open (call after the last strip). */
  finish(): Component[] {
    this.previousRow = [];
    return this.take(() => true);
  }

  private join(a: number, b: number): void {
    const ra = this.sets.find(a);
    const rb = this.sets.find(b);
    if (ra === rb) return;
    const root = this.sets.union(ra, rb);
    const other = root === ra ? rb : ra;
    const kept = this.members.get(root) ?? [];
    const moved = this.members.get(other) ?? [];
    // Append the shorter list to the longer one (a loop: spreading a huge list would overflow the stack).
    const [into, from] = moved.length > kept.length ? [moved, kept] : [kept, moved];
    for (const run of from) into.push(run);
    this.members.set(root, into);
    this.members.delete(other);
  }

  private take(done: (root: number) => boolean): Component[] {
    const out: Component[] = [];
    for (const [root, runs] of this.members) {
      if (!done(root)) continue;
      this.members.delete(root);
      let pixelCount = 0;
      for (const run of runs) pixelCount += run.x1 - run.x0;
      out.push({ runs, pixelCount });
    }
    return out;
  }
}
