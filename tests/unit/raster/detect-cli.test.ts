// `npm run detect` on the sample: batch results carry the same annex fields as the app's patch table.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeGeoTiff } from './tiff-write.ts';

const SAMPLE = 'sample-data/beihai';

describe('npm run detect on the Beihai sample', () => {
  it(
    'writes attributed patches: ids, ellipsoidal areas, red-line share, place and types',
    { timeout: 120_000 },
    () => {
      const out = join(mkdtempSync(join(tmpdir(), 'detect-cli-')), 'patches.geojson');
      execFileSync(
        'npx',
        [
          'tsx',
          'scripts/detect.ts',
          ...['--t1', `${SAMPLE}/t1.tif`, '--t2', `${SAMPLE}/t2.tif`],
          ...['--redline', `${SAMPLE}/redlines.geojson`, '--reserve', `${SAMPLE}/reserves.geojson`],
          ...['--admin', `${SAMPLE}/admin-counties.geojson`, '--year', '2026', '--out', out],
        ],
        { stdio: 'pipe' },
      );
      const collection = JSON.parse(readFileSync(out, 'utf8')) as {
        features: { properties: Record<string, unknown> }[];
        run: { params: unknown };
      };
      expect(collection.run.params).toBeTruthy();
      expect(collection.features.length).toBeGreaterThan(5);
      const ids = new Set<unknown>();
      for (const { properties: p } of collection.features) {
        expect(p.id).toMatch(/^4505\d\d-2026-\d{4}$/);
        ids.add(p.id);
        expect(p.province).toBe('广西壮族自治区');
        expect(p.city).toBe('北海市');
        expect(String(p.county)).not.toBe('');
        expect(String(p.location)).toMatch(/公里|米/);
        expect(Number(p.area_ha)).toBeGreaterThan(0);
        // Detection searched inside red lines minus reserves: most of each patch lies in a red line.
        expect(Number(p.redline_ha)).toBeGreaterThan(0);
        expect(Number(p.redline_ha)).toBeLessThanOrEqual(Number(p.area_ha) + 1e-9);
        expect(Number(p.cx)).toBeGreaterThan(108);
        expect(Number(p.cy)).toBeGreaterThan(20);
        expect(p.activity_type).toMatch(/^(mining|industry|energy|tourism|transport|other|aquaculture)$/);
        expect(p.problem_type).toMatch(/^(occupy_space|vegetation_damage|function_impact|other)$/);
        expect(typeof p.score).toBe('number');
      }
      expect(ids.size).toBe(collection.features.length);
    },
  );
});

describe('npm run detect on bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'detect-bad-'));
  const w = 64;
  const h = 48;
  const band = (seed: number): Uint8Array =>
    Uint8Array.from({ length: w * h }, (_, i) => (i * seed + seed) % 251);
  const gt = (lon: number): [number, number, number, number, number, number] => [
    lon,
    1e-4,
    0,
    21.6,
    0,
    -1e-4,
  ];
  const write = (
    name: string,
    bands: number,
    georef: [number, number, number, number, number, number] | null,
  ): string => {
    const path = join(dir, name);
    const spec = {
      width: w,
      height: h,
      bands: Array.from({ length: bands }, (_, b) => band(b + 3)),
      ...(georef ? { geotransform: georef, epsg: 4326 } : {}),
    };
    writeFileSync(path, writeGeoTiff(spec));
    return path;
  };
  const rgb = write('rgb.tif', 3, gt(109));
  const four = write('four.tif', 4, gt(109));
  const six = write('six.tif', 6, gt(109));
  const plain = write('plain.tif', 3, null);
  const far = write('far.tif', 3, gt(112));

  /** Run the CLI; returns its exit status, stderr and whether it wrote its output. */
  function detect(args: string[]): { status: number | null; stderr: string; wrote: boolean } {
    const out = join(dir, `out-${Math.random().toString(36).slice(2)}.geojson`);
    const run = spawnSync('npx', ['tsx', 'scripts/detect.ts', ...args, '--out', out], { encoding: 'utf8' });
    return { status: run.status, stderr: run.stderr, wrote: existsSync(out) };
  }

  it.each([
    ['different band counts', ['--t1', rgb, '--t2', four], /T1 has 3 bands and T2 has 4/],
    [
      'a band out of range',
      ['--t1', six, '--t2', six, '--bands', '1,2,3,7'],
      /band 7 is not in .*6-band file/,
    ],
    ['a missing role', ['--t1', rgb, '--t2', rgb, '--bands', 'red,green,other'], /needs at least 3 of/],
    ['no georeferencing', ['--t1', plain, '--t2', rgb], /T1 has no georeferencing/],
    ['footprints that do not overlap', ['--t1', far, '--t2', rgb], /do not overlap/],
    ['an unknown role word', ['--t1', rgb, '--t2', rgb, '--bands', 'red,green,teal'], /"teal"/],
  ])('%s: words on stderr, exit 2, nothing written', { timeout: 60_000 }, (_, args, words) => {
    const r = detect(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(words);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.wrote).toBe(false);
  });
});
