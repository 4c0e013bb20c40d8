import '../raster/geotiff-env.ts';
import { describe, expect, it } from 'vitest';
import { assignShards, parseShard } from '../../../src/core/pass/shards.ts';
import { shardOf } from '../../../scripts/pass-inputs.ts';

const tiles = Array.from({ length: 37 }, (_, i) => ({
  id: `E${i % 7}N${Math.floor(i / 7)}`,
  work: 1 + ((i * 37) % 11),
}));

describe('shard assignment', () => {
  it('puts every tile in exactly one shard, for N = 1 … 7', () => {
    for (let n = 1; n <= 7; n += 1) {
      const shards = assignShards(tiles, n);
      expect(shards.size).toBe(tiles.length);
      const perShard = Array.from({ length: n }, (_, s) => tiles.filter((t) => shards.get(t.id) === s));
      expect(perShard.reduce((sum, list) => sum + list.length, 0)).toBe(tiles.length);
      for (const [id, s] of shards) {
        expect(Number.isInteger(s) && s >= 0 && s < n).toBe(true);
        expect(tiles.some((t) => t.id === id)).toBe(true);
      }
      // Balanced by work: no shard carries more than the mean plus the heaviest tile.
      const loads = perShard.map((list) => list.reduce((sum, t) => sum + t.work, 0));
      const total = loads.reduce((a, b) => a + b, 0);
      expect(Math.max(...loads)).toBeLessThanOrEqual(total / n + Math.max(...tiles.map((t) => t.work)));
    }
  });

  it('is the same whatever order the tiles are listed in (each shard computes it on its own)', () => {
    const a = assignShards(tiles, 4);
    const b = assignShards([...tiles].reverse(), 4);
    expect([...b.entries()].sort()).toEqual([...a.entries()].sort());
  });

  it('parses I/N, 0-based', () => {
    expect(parseShard('0/1')).toEqual({ index: 0, count: 1 });
    expect(parseShard(' 3 / 4 ')).toEqual({ index: 3, count: 4 });
    for (const bad of ['4/4', '1/0', '-1/3', 'a/b', '1', '1/2/3']) expect(parseShard(bad)).toBeNull();
  });

  it('takes the shard from --shard, else SHARD_INDEX or JOB_COMPLETION_INDEX with SHARD_COUNT, else 0/1', () => {
    expect(shardOf('2/5', { SHARD_INDEX: '1', SHARD_COUNT: '3' })).toEqual({ index: 2, count: 5 });
    expect(shardOf(undefined, { SHARD_INDEX: '1', SHARD_COUNT: '3' })).toEqual({ index: 1, count: 3 });
    expect(shardOf(undefined, { JOB_COMPLETION_INDEX: '2', SHARD_COUNT: '3' })).toEqual({
      index: 2,
      count: 3,
    });
    expect(shardOf(undefined, {})).toEqual({ index: 0, count: 1 });
    expect(() => shardOf('3/3', {})).toThrow(/0-based/);
    expect(() => shardOf(undefined, { SHARD_INDEX: '1' })).toThrow(/SHARD_COUNT is not/);
    expect(() => shardOf(undefined, { SHARD_COUNT: '4' })).toThrow(/neither SHARD_INDEX/);
    expect(() => shardOf(undefined, { JOB_COMPLETION_INDEX: '4', SHARD_COUNT: '4' })).toThrow(/index 0 to/);
  });
});
