// Resuming a shard: each finished tile is written at once to `<out>.tiles/<tile>.json` (its report and its
// attributed patch parts, written whole), under a `pass.json` naming the pass fingerprint and shard. A shard run
// again with the same inputs finds them and runs only the tiles that are missing; a different pass or shard starts
// afresh. The folder is removed once the shard file is written.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature } from 'geojson';
import type { TileRecord } from './pass-record.ts';
import { writeWhole } from './write-whole.ts';

/** One finished tile as kept between runs. */
export interface FinishedTile {
  record: TileRecord;
  features: Feature[];
}

// NaN (no water index without NIR) and infinities survive the JSON round trip as tagged strings.
const replacer = (_: string, v: unknown): unknown =>
  typeof v === 'number' && !Number.isFinite(v) ? `__number:${String(v)}` : v;
const reviver = (_: string, v: unknown): unknown =>
  typeof v === 'string' && v.startsWith('__number:') ? Number(v.slice(9)) : v;

export class ShardCheckpoint {
  readonly dir: string;
  constructor(
    out: string,
    private readonly key: { fingerprint: string; shard: { index: number; count: number } },
  ) {
    this.dir = `${out}.tiles`;
  }

  /** Tiles finished by an earlier run of the same pass and shard (none otherwise; a stale folder is cleared). */
  load(): Map<string, FinishedTile> {
    const done = new Map<string, FinishedTile>();
    const head = join(this.dir, 'pass.json');
    if (existsSync(head)) {
      const same = readFileSync(head, 'utf8') === JSON.stringify(this.key);
      if (same)
        for (const name of readdirSync(this.dir).filter((n) => n.endsWith('.json') && n !== 'pass.json')) {
          try {
            const tile = JSON.parse(readFileSync(join(this.dir, name), 'utf8'), reviver) as FinishedTile;
            done.set(tile.record.tile, tile);
          } catch {
            // A tile file that cannot be read is run again.
          }
        }
      else rmSync(this.dir, { recursive: true, force: true });
    }
    mkdirSync(this.dir, { recursive: true });
    writeWhole(head, JSON.stringify(this.key));
    return done;
  }

  save(tile: FinishedTile): void {
    writeWhole(join(this.dir, `${tile.record.tile}.json`), JSON.stringify(tile, replacer));
  }

  clear(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
