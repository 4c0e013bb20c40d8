/**
 * Connected-component labelling of a binary mask (two-pass with union-find). Labels are 1…count in
 * raster-scan order of first appearance; background is 0.
 */
import { UnionFind } from './union-find.ts';

/** 4: edge neighbours only; 8: edge and corner neighbours. */
export type Connectivity = 4 | 8;

/** Label result: `labels[i]` ∈ 0…count. */
export interface Labelling {
  labels: Int32Array;
  count: number;
}

/** Merge a visited neighbour's label `l` into the current `label`. */
function join(uf: UnionFind, label: number, l: number): number {
  if (l === 0) return label;
  if (label === 0) return l;
  if (l !== label) uf.union(label, l);
  return label;
}

/** Label the 1-pixels of `mask` (width × height). */
export function labelComponents(
  mask: Uint8Array,
  width: number,
  height: number,
  connectivity: Connectivity = 8,
): Labelling {
  const labels = new Int32Array(width * height);
  const uf = new UnionFind(256);
  uf.add(); // id 0 = background
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    const up = row - width;
    for (let x = 0; x < width; x += 1) {
      const i = row + x;
      if (!mask[i]) continue;
      // Neighbours already visited: left, up, and (8-connectivity) up-left and up-right.
      let label = x > 0 ? labels[i - 1]! : 0;
      if (y > 0) {
        label = join(uf, label, labels[up + x]!);
        if (connectivity === 8) {
          if (x > 0) label = join(uf, label, labels[up + x - 1]!);
          if (x + 1 < width) label = join(uf, label, labels[up + x + 1]!);
        }
      }
      labels[i] = label === 0 ? uf.add() : label;
    }
  }
  // Second pass: compact representatives to 1…count in order of first appearance.
  const remap = new Int32Array(uf.length);
  let count = 0;
  for (let i = 0; i < labels.length; i += 1) {
    const l = labels[i]!;
    if (l === 0) continue;
    const root = uf.find(l);
    if (remap[root] === 0) remap[root] = ++count;
    labels[i] = remap[root]!;
  }
  return { labels, count };
}
