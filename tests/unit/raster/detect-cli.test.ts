// `npm run detect` on the sample: batch results carry the same annex fields as the app's patch table.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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
