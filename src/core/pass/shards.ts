/**
 * Which shard runs which tile. Every shard computes the same tile list and the same work estimates, so each
 * can compute the whole assignment on its own and run its part: no coordinator. Tiles go, heaviest first,
 * to the shard with the least work so far (lowest index on ties): shards end at about the same time.
 */

/** Work of a tile: any positive number proportional to its cost (e.g. sample cells with both dates). */
export interface TileWork {
  id: string;
  work: number;
}

/** Parse `I/N` (0-based I); null when malformed or out of range. */
export function parseShard(text: string): { index: number; count: number } | null {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index >= count)
    return null;
  return { index, count };
}

/** Shard of each tile (tile id → shard index 0…count−1). */
export function assignShards(tiles: readonly TileWork[], count: number): Map<string, number> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError('shard count must be an integer ≥ 1');
  const order = [...tiles].sort((a, b) => b.work - a.work || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const load = new Array<number>(count).fill(0);
  const out = new Map<string, number>();
  for (const tile of order) {
    let best = 0;
    for (let s = 1; s < count; s += 1) if (load[s]! < load[best]!) best = s;
    load[best]! += Math.max(tile.work, 0);
    out.set(tile.id, best);
  }
  return out;
}
