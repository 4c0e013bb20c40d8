// Storage: the panel shows each project's files and frees space; a full disk while importing imagery gives a
// clear message and leaves the project (layers, scenes, ledger) exactly as it was.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guardedSession, baseUrl, screenshot, openSampleProject } from './harness.ts';

// The refused write is reported by the app as a notice; the browser may also log the failed OPFS write.
const s = guardedSession({ expectedError: (e) => /quota|QuotaExceeded/i.test(e) });

const storageBytes = (): Promise<number> =>
  s.page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);

describe('storage', () => {
  it('lists the sample project with its imagery files', async () => {
    await openSampleProject(s.page, 90_000);
    await s.page.getByTestId('storage').click();
    const row = s.page.getByTestId('storage-row').first();
    await expect.poll(async () => Number(await row.getAttribute('data-bytes'))).toBeGreaterThan(10_000_000);
    await expect.poll(() => row.textContent()).toContain('.tif');
    // Files are named as the user knows them (the imagery's original name), the stored name only as a tooltip.
    const files = row.getByTestId('storage-file');
    await expect
      .poll(() => files.allTextContents())
      .toContainEqual(expect.stringMatching(/^t[12]\.tif（影像）/));
    const texts = await files.allTextContents();
    expect(texts.some((t) => /scene-[0-9a-f-]{8,}/.test(t))).toBe(false);
    const tips = await files.evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
    expect(tips.some((t) => t.startsWith('scene-'))).toBe(true);
    await screenshot(s.page, 'storage-panel');
    await s.page.getByTestId('storage-close').click();
  });

  it('a full disk while importing imagery: clear message, nothing half-saved, ledger and layers intact', async () => {
    const scenes = await s.page.getByTestId('scene-item').count();
    const layers = await s.page.getByTestId('layer-item').count();
    const origin = new URL(baseUrl()).origin;
    const cdp = await s.context.newCDPSession(s.page);
    // Leave ~1 MB of room: the 5 MB image cannot fit.
    await cdp.send('Storage.overrideQuotaForOrigin', {
      origin,
      quotaSize: (await storageBytes()) + 1_000_000,
    });
    const before = await storageBytes();
    await s.page.getByTestId('file-input').setInputFiles({
      name: 'T3-2026.tif',
      mimeType: 'image/tiff',
      buffer: readFileSync('sample-data/beihai/t2.tif'),
    });
    await expect
      .poll(() => s.page.getByTestId('notice-message').allTextContents(), { timeout: 60_000 })
      .toContainEqual(expect.stringContaining('存储空间不足'));
    await screenshot(s.page, 'storage-quota-refused');
    expect(await s.page.getByTestId('scene-item').count()).toBe(scenes);
    expect(await s.page.getByTestId('layer-item').count()).toBe(layers);
    // The partial file was removed again: usage did not grow by the image.
    expect(await storageBytes()).toBeLessThan(before + 1_000_000);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    // After a reload the project is what it was.
    await s.page.reload();
    await expect.poll(() => s.page.getByTestId('scene-item').count(), { timeout: 90_000 }).toBe(scenes);
    expect(await s.page.getByTestId('layer-item').count()).toBe(layers);
  });

  it('deleting a project from the storage panel frees its files', async () => {
    await s.page.getByTestId('storage').click();
    const usedBefore = await storageBytes();
    await s.page.getByTestId('storage-delete').first().click();
    await s.page.getByTestId('confirm-ok').click();
    await expect.poll(() => s.page.getByTestId('storage-row').count()).toBe(0);
    await expect.poll(storageBytes, { timeout: 30_000 }).toBeLessThan(usedBefore - 10_000_000);
    await s.page.getByTestId('storage-close').click();
  });
});
