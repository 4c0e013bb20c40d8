/**
 * Limits for pathological inputs (docs/security.md, "Limits"). Case bundles have them and
 * tests/unit/exports/bundle.test.ts proves them (declared size, ratio, entry count, lying headers).
 * The vector and imagery readers do not yet: each gap is written here as `it.fails` (it passes while the gap
 * is open, and starts failing the day a limit lands, so the test gets switched to `it`) or `it.todo`.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { readVector } from '../../../src/io/vector-read.ts';
import { DEFAULT_LIMITS } from '../../../src/core/bundle/manifest.ts';

describe('limits that exist', () => {
  it('case bundles: entry count, declared size, total size and compression ratio', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxEntries: 20_000,
      maxEntryBytes: 1024 ** 3,
      maxTotalBytes: 2 * 1024 ** 3,
      maxRatio: 200,
      ratioFloorBytes: 1024 ** 2,
      maxManifestBytes: 16 * 1024 ** 2,
    });
  });
});

describe('limits that are missing (reader owners: see docs/security.md)', () => {
  // A 20 MB .dbf of zeros zips to ~20 KB (about 1000:1); the bundle reader would refuse such a ratio.
  it.fails('a zipped shapefile whose entry expands more than 200:1 is refused (zip bomb)', async () => {
    const parts = unzipSync(new Uint8Array(readFileSync('tests/fixtures/vector/holes_4545_utf8.zip')));
    const dbf = parts['holes.dbf'] ?? new Uint8Array();
    const bomb = new Uint8Array(20 * 1024 * 1024);
    bomb.set(dbf);
    const zip = zipSync({ ...parts, 'holes.dbf': bomb }, { level: 9 });
    expect(bomb.length / zip.length).toBeGreaterThan(200);
    const [outcome] = await readVector([{ name: 'bomb.zip', bytes: zip }]);
    expect(outcome?.ok).toBe(false);
  });

  it.todo('GeoJSON / shapefile / Parquet: a cap on vertices per feature and per layer, with a message');
  it.todo('GeoTIFF: a cap on width × height × bands before the worker reads the smallest overview');
  it.todo('Parquet: page value counts checked against the bytes present (hyparquet can spin for minutes)');
  it.todo('vector zips: a cap on entry count and total expanded size');
});
