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
import { VERTEX_LIMITS } from '../../../src/io/vector-build.ts';
import { ZIP_LIMITS } from '../../../src/io/shapefile/zip.ts';
import { PARQUET_LIMITS } from '../../../src/io/parquet-pages.ts';
import { importMessage } from '../../../src/i18n/import-errors.ts';

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

describe('vector reader limits', () => {
  it('vector zips: 1 GB expanded, 10,000 entries, 200:1 above 1 MB', () => {
    expect(ZIP_LIMITS).toEqual({
      maxTotalBytes: 1024 ** 3,
      maxEntries: 10_000,
      maxRatio: 200,
      ratioFloorBytes: 1024 ** 2,
    });
  });

  // A 20 MB .dbf of zeros zips to ~20 KB (about 1000:1); the bundle reader would refuse such a ratio.
  it('a zipped shapefile whose entry expands more than 200:1 is refused (zip bomb)', async () => {
    const parts = unzipSync(new Uint8Array(readFileSync('tests/fixtures/vector/holes_4545_utf8.zip')));
    const dbf = parts['holes.dbf'] ?? new Uint8Array();
    const bomb = new Uint8Array(20 * 1024 * 1024);
    bomb.set(dbf);
    const zip = zipSync({ ...parts, 'holes.dbf': bomb }, { level: 9 });
    expect(bomb.length / zip.length).toBeGreaterThan(200);
    const [outcome] = await readVector([{ name: 'bomb.zip', bytes: zip }]);
    expect(outcome?.ok).toBe(false);
    if (outcome?.ok === false) {
      expect(outcome.error.code).toBe('zip_too_large');
      expect(outcome.error.detail.entry).toBe('holes.dbf');
    }
  });

  it('a feature with more than a million vertices is refused with a message naming it', async () => {
    const ring: number[][] = [];
    const n = VERTEX_LIMITS.perFeature + 10;
    for (let i = 0; i < n; i += 1) {
      const a = (2 * Math.PI * i) / n;
      ring.push([110 + Math.cos(a), 30 + Math.sin(a)]);
    }
    ring.push(ring[0] ?? [110, 30]);
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }],
    });
    const [outcome] = await readVector([{ name: 'huge.geojson', bytes: new TextEncoder().encode(text) }]);
    expect(outcome?.ok).toBe(false);
    if (outcome?.ok === false) {
      expect(outcome.error.code).toBe('too_many_vertices');
      expect(outcome.error.detail).toMatchObject({ file: 'huge.geojson', count: n + 1 });
      expect(importMessage('too_many_vertices', outcome.error.detail, 'zh')).toContain('上限 1000000');
    }
  }, 60_000);

  it('Parquet: page headers and run lengths are checked against the column before hyparquet decodes', async () => {
    // Fuzz findings: a page header that made hyparquet spin, a run of 2^31 repeats that aborted V8.
    for (const name of ['parquet-hang-116', 'parquet-crash-1587']) {
      const bytes = readFileSync(`tests/fixtures/vector/fuzz/${name}.parquet`);
      const started = performance.now();
      const [outcome] = await readVector([{ name: `${name}.parquet`, bytes: new Uint8Array(bytes) }]);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(outcome?.ok, name).toBe(false);
      if (outcome?.ok === false) {
        expect(outcome.error.code).toBe('corrupt_file');
        expect(importMessage('corrupt_file', outcome.error.detail, 'zh')).toContain(name);
      }
    }
    expect(PARQUET_LIMITS.pageBytes).toBe(256 * 2 ** 20);
  });
});
