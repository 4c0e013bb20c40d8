/** A growable union-find over integer ids with path halving and union by smaller root id. */
export class UnionFind {
  private parent: Int32Array = new Int32Array(1024);
  private count = 0;

  /** A new singleton set; returns its id. */
  add(): number {
    if (this.count === this.parent.length) {
      const grown = new Int32Array(this.parent.length * 2);
      grown.set(this.parent);
      this.parent = grown;
    }
    this.parent[this.count] = this.count;
    return this.count++;
  }

  get size(): number {
    return this.count;
  }

  find(id: number): number {
    const parent = this.parent;
    let x = id;
    while (parent[x] !== x) {
      const grand = parent[parent[x] as number] as number;
      parent[x] = grand;
      x = grand;
    }
    return x;
  }

  /** Joins the two sets; the smaller root id survives so earlier components keep their identity. */
  union(a: number, b: number): number {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return ra;
    if (ra < rb) {
      this.parent[rb] = ra;
      return ra;
    }
    this.parent[ra] = rb;
    return rb;
  }
}
