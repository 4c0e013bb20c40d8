// A province pass end to end on generated scenes (2 × 2 per date, overlapping, one cloudy): N = 1 and N = 4
// shards give the same merged patches; patches across tile and scene seams come out whole; the coverage report
// counts red-line area with one date, with none and under cloud.
import '../raster/geotiff-env.ts';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geodesicAreaM2 } from '../../../src/core/geo/area.ts';
import { resolveCrs } from '../../../src/core/geo/crs.ts';
import { fromLonLatTransformer } from '../../../src/core/geo/reproject.ts';
import { runShard, type PassOptions } from '../../../scripts/detect-pass.ts';
import { mergeShards } from '../../../scripts/merge.ts';
import type { TileRecord } from '../../../scripts/pass-record.ts';
import { readShard } from '../../../scripts/pass-record.ts';
import {
  boxFeature,
  CHANGES,
  CLOUDS,
  EPSG,
  REDLINE,
  writePassFixture,
  X0,
  Y0,
  type Box,
} from './pass-fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'pass-run-'));
let fixture: ReturnType<typeof writePassFixture>;
const quiet = (): void => {};

function options(out: string, shard: { index: number; count: number }, t2?: string[]): PassOptions {
  return {
    t1: Object.entries(fixture.scenes)
      .filter(([k]) => k.startsWith('t1/'))
      .map(([, p]) => p)
      .sort(),
    t2:
      t2 ??
      Object.entries(fixture.scenes)
        .filter(([k]) => k.startsWith('t2/'))
        .map(([, p]) => p)
        .sort(),
    redline: fixture.redline,
    shard,
    tileSizeM: 1000,
    out,
    params: {},
    bands: null,
    year: 2026,
    log: quiet,
  };
}

const haOf = (b: Box): number => geodesicAreaM2(boxFeature(b).geometry as Polygon) / 10_000;

beforeAll(() => {
  fixture = writePassFixture(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a province pass over generated scenes', () => {
  let one: Feature[];
  let four: Feature[];
  let tiles: TileRecord[];

  beforeAll(async () => {
    for (const n of [1, 4]) {
      mkdirSync(join(dir, `n${n}`));
      for (let i = 0; i < n; i += 1)
        await runShard(options(join(dir, `n${n}`, `shard-${i}.parquet`), { index: i, count: n }));
    }
    const merged1 = await mergeShards({
      shards: [join(dir, 'n1', 'shard-0.parquet')],
      out: join(dir, 'n1', 'patches.geojson'),
      log: quiet,
    });
    // Shards listed out of order: the merge must not care.
    const merged4 = await mergeShards({
      shards: [3, 1, 0, 2].map((i) => join(dir, 'n4', `shard-${i}.parquet`)),
      out: join(dir, 'n4', 'patches.geojson'),
      log: quiet,
    });
    one = merged1.features;
    four = merged4.features;
    tiles = merged1.tiles;
  }, 240_000);

  it('gives the same patches with 1 and with 4 shards (geometry, attributes, ids)', () => {
    expect(one.length).toBeGreaterThanOrEqual(CHANGES.length);
    expect(four).toEqual(one);
    const written1 = JSON.parse(readFileSync(join(dir, 'n1', 'patches.geojson'), 'utf8')) as {
      features: Feature[];
    };
    const written4 = JSON.parse(readFileSync(join(dir, 'n4', 'patches.geojson'), 'utf8')) as {
      features: Feature[];
    };
    expect(JSON.stringify(written4.features)).toBe(JSON.stringify(written1.features));
    expect(readFileSync(join(dir, 'n4', 'coverage.csv'), 'utf8')).toBe(
      readFileSync(join(dir, 'n1', 'coverage.csv'), 'utf8'),
    );
  });

  it('spreads the tiles over the 4 shards, each tile run once', async () => {
    const records = await Promise.all(
      [0, 1, 2, 3].map((i) => readShard(join(dir, 'n4', `shard-${i}.parquet`))),
    );
    const ids = records.flatMap((r) => r.record.tiles.map((t) => t.tile));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(tiles.map((t) => t.tile).sort());
    for (const r of records) expect(r.record.tiles.length).toBeGreaterThan(0);
  });

  it('makes one patch of each change that crosses a tile seam, also where the chosen scene changes', () => {
    const fromLonLat = fromLonLatTransformer(resolveCrs(EPSG))!;
    for (const change of CHANGES) {
      const hits = one.filter((f) => {
        const [x, y] = fromLonLat(Number(f.properties!.cx), Number(f.properties!.cy));
        return x >= change.x0 - 50 && x <= change.x1 + 50 && y >= change.y0 - 50 && y <= change.y1 + 50;
      });
      expect(hits).toHaveLength(1);
      const area = Number(hits[0]!.properties!.area_ha) * 10_000;
      const expected = (change.x1 - change.x0) * (change.y1 - change.y0);
      expect(area).toBeGreaterThan(0.85 * expected);
      expect(area).toBeLessThan(1.25 * expected);
    }
    // The first change crosses x = 503 000: a tile border where T2 switches from the north-west to the south-east
    // scene.
    const seam = one.find((f) => String(f.properties!.tile).includes('E503N2402'))!;
    expect(seam.properties!.parts).toBe(2);
    expect(String(seam.properties!.t2_scene).split(',').sort()).toEqual([
      'nw-20240912.tif',
      'se-20240912.tif',
    ]);
    expect(seam.geometry.type).toBe('Polygon');
    // Ids depend on the geometry only: numbered from the south-west.
    expect(one.map((f) => f.properties!.id)).toEqual(
      one.map((_, i) => `000000-2026-${String(i + 1).padStart(4, '0')}`),
    );
  });

  it('avoids the cloudy scene where a clear one covers the tile, and says why', () => {
    const tile = tiles.find((t) => t.tile === 'E502N2403')!;
    expect(tile.t2_scene).toBe('nw-20240912.tif');
    expect(tile.pair_reason).toMatch(/^least_cloud/);
    expect(tile.cloud_ha).toBe(0);
  });
});

describe('a shard stopped after some tiles', () => {
  it('resumes from its finished tiles and ends with the same patches as an uninterrupted run', async () => {
    mkdirSync(join(dir, 'resume'));
    const out = join(dir, 'resume', 'shard-0.parquet');
    const stop = new AbortController();
    let tilesDone = 0;
    const first = options(out, { index: 0, count: 1 });
    first.signal = stop.signal;
    first.log = (line) => {
      if (/ tile \d+\/\d+ /.test(line) && (tilesDone += 1) === 5) stop.abort();
    };
    await expect(runShard(first)).rejects.toThrow(/cancelled/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(`${out}.tiles`).filter((n) => n.startsWith('E'))).toHaveLength(5);
    const lines: string[] = [];
    const again = options(out, { index: 0, count: 1 });
    again.log = (line) => lines.push(line);
    await runShard(again);
    expect(lines.some((l) => /resuming: 5 tiles/.test(l))).toBe(true);
    const total = (await readShard(out)).record.tiles.length;
    expect(lines.filter((l) => / tile \d+\/\d+ /.test(l))).toHaveLength(total - 5);
    expect(existsSync(`${out}.tiles`)).toBe(false);
    const merged = await mergeShards({
      shards: [out],
      out: join(dir, 'resume', 'patches.geojson'),
      log: quiet,
    });
    const whole = JSON.parse(readFileSync(join(dir, 'n1', 'patches.geojson'), 'utf8')) as {
      features: Feature[];
    };
    expect(JSON.stringify(merged.features)).toBe(JSON.stringify(whole.features));
  }, 120_000);
});

describe('the coverage report of a pass with one missing scene and one cloudy scene', () => {
  let tiles: TileRecord[];
  let csv: string;

  beforeAll(async () => {
    mkdirSync(join(dir, 'missing'));
    const t2 = Object.entries(fixture.scenes)
      .filter(([k]) => k.startsWith('t2/') && !k.includes('/se-'))
      .map(([, p]) => p);
    const out = join(dir, 'missing', 'shard-0.parquet');
    await runShard(options(out, { index: 0, count: 1 }, t2));
    const merged = await mergeShards({
      shards: [out],
      out: join(dir, 'missing', 'patches.parquet'),
      log: quiet,
    });
    tiles = merged.tiles;
    csv = readFileSync(join(dir, 'missing', 'coverage.csv'), 'utf8');
  }, 120_000);

  const total = (key: 'region_ha' | 'both_ha' | 'one_ha' | 'none_ha' | 'cloud_ha' | 'detected_ha'): number =>
    tiles.reduce((sum, t) => sum + t[key], 0);

  it('reports red-line area with one date where the T2 scene is missing, and none west of the imagery', () => {
    // T2 misses the south-east scene: only T1 covers x 503–505 km, y up to 2 402 km.
    const oneDate = haOf({ x0: X0 + 3000, y0: REDLINE.y0, x1: REDLINE.x1, y1: Y0 + 2000 });
    const noDate = haOf({ x0: REDLINE.x0, y0: REDLINE.y0, x1: X0, y1: REDLINE.y1 });
    // Within 1 %: the report samples 64 × 64 cell centres per tile.
    expect(Math.abs(total('one_ha') - oneDate) / oneDate).toBeLessThan(0.01);
    expect(Math.abs(total('none_ha') - noDate) / noDate).toBeLessThan(0.01);
    expect(Math.abs(total('region_ha') - haOf(REDLINE)) / haOf(REDLINE)).toBeLessThan(0.01);
    expect(total('both_ha') + total('one_ha') + total('none_ha')).toBeCloseTo(total('region_ha'), 2);
    const lonely = tiles.find((t) => t.tile === 'E504N2400')!;
    expect(lonely.status).toBe('no_pair');
    expect(lonely.both_ha).toBe(0);
  });

  it('reports the cloud of the scene that had to be used as cloud-masked, and nowhere else', () => {
    const cloudy = tiles.filter((t) => t.cloud_ha > 0);
    expect(cloudy.map((t) => t.tile)).toEqual(['E503N2403']);
    const expected = ((CLOUDS[1]!.x1 - CLOUDS[1]!.x0) * (CLOUDS[1]!.y1 - CLOUDS[1]!.y0)) / 10_000;
    expect(cloudy[0]!.cloud_ha).toBeGreaterThan(0.5 * expected);
    expect(cloudy[0]!.cloud_ha).toBeLessThan(2 * expected);
  });

  it('writes coverage.csv beside the merged output, one row per tile and a total', () => {
    const lines = csv.trim().split('\n');
    expect(lines[0]).toMatch(/^scope,key,name,region_ha,both_ha,one_ha,none_ha,detected_ha,cloud_ha/);
    expect(lines.filter((l) => l.startsWith('tile,'))).toHaveLength(tiles.length);
    const last = lines.at(-1)!.split(',');
    expect(last[0]).toBe('total');
    expect(Number(last[5])).toBeCloseTo(total('one_ha'), 2);
    expect(existsSync(join(dir, 'missing', 'patches.parquet'))).toBe(true);
  });
});

describe('the command line of a pass on bad input', () => {
  const run = (script: string, args: string[], env: Record<string, string> = {}) =>
    spawnSync('npx', ['tsx', `scripts/${script}.ts`, ...args], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });

  it('refuses a bad shard (exit 2, in words, nothing written)', () => {
    const out = join(dir, 'bad-shard.parquet');
    const r = run('detect', ['--t1', fixture.t1, '--t2', fixture.t2, '--out', out], {
      SHARD_INDEX: '4',
      SHARD_COUNT: '4',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/SHARD_INDEX=4 with SHARD_COUNT=4/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('refuses to merge with a shard missing or from another pass', () => {
    const out = join(dir, 'refused.parquet');
    const missing = run('merge', [
      join(dir, 'n4', 'shard-0.parquet'),
      join(dir, 'n4', 'shard-2.parquet'),
      '--out',
      out,
    ]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/shards 1, 3 of 4 are missing/);
    const mixed = run('merge', [
      join(dir, 'n1', 'shard-0.parquet'),
      join(dir, 'missing', 'shard-0.parquet'),
      '--out',
      out,
    ]);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toMatch(/from a different pass/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
