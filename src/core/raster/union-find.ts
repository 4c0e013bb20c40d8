/** Disjoint sets over integer ids 0…n−1 that grow on demand (path halving + union by size). */
export class UnionFind {
  private parent: Int32Array;
  private size: Int32Array;
  private count = 0;

  constructor(capacity = 1024) {
    this.parent = new Int32Array(Math.max(1, capacity));
    this.size = new Int32Array(Math.max(1, capacity));
  }

  /** Number of ids created. */
  get length(): number {
    return this.count;
  }

  /** Create a new singleton set and return its id. */
  add(): number {
    if (this.count === this.parent.length) {
      const parent = new Int32Array(this.parent.length * 2);
      parent.set(this.parent);
      const size = new Int32Array(this.size.length * 2);
      size.set(this.size);
      this.parent = parent;
      this.size = size;
    }
    const id = this.count;
    this.parent[id] = id;
    this.size[id] = 1;
    this.count += 1;
    return id;
  }

  /** Representative of the set of `id`. */
  find(id: number): number {
    const parent = this.parent;
    let x = id;
    while (parent[x] !== x) {
      const grand = parent[parent[x]!]!;
      parent[x] = grand;
      x = grand;
    }
    return x;
  }

  /** Merge the sets of `a` and `b`; returns the new representative. */
  union(a: number, b: number): number {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return ra;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] = this.size[ra]! + this.size[rb]!;
    return ra;
  }
}
