// Measurement, not a check (skipped unless BENCH_IN_PLACE=1): a 128 MB scene (4,000 × 4,000 × 4 bands, 16 bit)
// added read in place (limit set to 100 MB), copied (limit raised), then in place again with the worker warm,
// timing "picked → listed" and "picked → saved" and the growth of the project's OPFS folder. The file is served
// from the built app's folder for the run and removed after it.
// Run: BENCH_IN_PLACE=1 npm run test:e2e tests/e2e/periods-bench.e2e.ts
import { rmSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { guardedSession, baseUrl, projectBytes } from './harness.ts';
import { geoTiff, texture } from './geotiff-fixture.ts';

const run = process.env.BENCH_IN_PLACE === '1';
const s = guardedSession();
const served = `${process.env.E2E_DIST ?? 'dist'}/bench-in-place.tif`;

async function addTimed(): Promise<{ listedMs: number; savedMs: number; grownBytes: number }> {
  const before = await projectBytes(s.page);
  const count = await s.page.getByTestId('scene-item').count();
  const start = Date.now();
  await s.page.getByTestId('imagery-pick').click();
  await expect
    .poll(() => s.page.getByTestId('scene-item').count(), { timeout: 300_000, interval: 100 })
    .toBe(count + 1);
  const listedMs = Date.now() - start;
  await expect
    .poll(() => s.page.locator('[data-testid="job"][data-status="running"]').count(), {
      timeout: 120_000,
      interval: 100,
    })
    .toBe(0);
  const savedMs = Date.now() - start;
  return { listedMs, savedMs, grownBytes: (await projectBytes(s.page)) - before };
}

describe.skipIf(!run)('bench: a 128 MB scene read in place against copied', () => {
  afterAll(() => rmSync(served, { force: true }));

  it('times both paths and measures the OPFS growth', { timeout: 900_000 }, async () => {
    const size = 4000;
    writeFileSync(
      served,
      geoTiff({
        width: size,
        height: size,
        bands: 4,
        bits: 16,
        photometric: 1,
        dateTime: '2025:10:01 10:30:00',
        value: (x, y, b) => (b === 3 ? 600 : texture(x, y, b) * 3),
      }),
    );
    await s.page.addInitScript(() => {
      (
        window as unknown as { showOpenFilePicker: () => Promise<FileSystemFileHandle[]> }
      ).showOpenFilePicker = async () => {
        const dir = await (
          await navigator.storage.getDirectory()
        ).getDirectoryHandle('bench', { create: true });
        return [await dir.getFileHandle('bench-in-place.tif')];
      };
    });
    await s.page.goto(baseUrl());
    await s.page.evaluate(async () => {
      const response = await fetch('bench-in-place.tif');
      const dir = await (
        await navigator.storage.getDirectory()
      ).getDirectoryHandle('bench', { create: true });
      const writable = await (
        await dir.getFileHandle('bench-in-place.tif', { create: true })
      ).createWritable();
      await response.body!.pipeTo(writable);
    });
    await s.page.getByTestId('project-new').click();
    const limit = s.page.getByTestId('copy-limit');
    await limit.fill('100');
    await limit.blur();
    const inPlace = await addTimed();
    await limit.fill('100000');
    await limit.blur();
    const copied = await addTimed();
    // Once more in place, the imagery worker now warm as it was for the copy.
    await limit.fill('100');
    await limit.blur();
    const inPlaceWarm = await addTimed();
    console.log(JSON.stringify({ bytes: size * size * 8, inPlace, copied, inPlaceWarm }));
    expect(inPlace.grownBytes).toBeLessThan(1_000_000);
    expect(inPlaceWarm.grownBytes).toBeLessThan(1_000_000);
    expect(copied.grownBytes).toBeGreaterThanOrEqual(size * size * 8);
  });
});
