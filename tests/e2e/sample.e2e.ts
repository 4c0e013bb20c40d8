import { describe, expect, it } from 'vitest';
import {
  guardedSession,
  baseUrl,
  expectGuardClean,
  screenshot,
  waitForBasemap,
  mapCanvasPixels,
} from './harness.ts';

const s = guardedSession();

/** Share of pixels in the map canvas that are neither basemap land, sea, nor graticule: imagery. */
async function imageryShare(): Promise<number> {
  const data = await mapCanvasPixels(s.page);
  if (data.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < data.length; i += 4) {
    const key = (data[i]! >> 3) * 1024 + (data[i + 1]! >> 3) * 32 + (data[i + 2]! >> 3);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  // Imagery has many colours; flat basemap has a handful. Count pixels in colour bins holding < 2 % each.
  const total = data.length / 4;
  let varied = 0;
  for (const count of counts.values()) if (count < total * 0.02) varied += count;
  return varied / total;
}

describe('sample project (?sample=beihai)', () => {
  it('opens from the workshop link with layers and both images', async () => {
    await s.page.goto(`${baseUrl()}?sample=beihai`);
    await waitForBasemap(s.page);
    await expect.poll(() => s.page.getByTestId('scene-item').count(), { timeout: 90_000 }).toBe(2);
    await expect
      .poll(() => s.page.getByTestId('layer-item').count(), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(2);
    await expect
      .poll(() => s.page.getByTestId('sample-notice').textContent())
      .toContain('示例数据，非官方红线');
    expect(
      await s.page.locator('[data-testid="layer-item"][data-kind="redline"]').count(),
    ).toBeGreaterThanOrEqual(1);
    expect(
      await s.page.locator('[data-testid="layer-item"][data-kind="reserve"]').count(),
    ).toBeGreaterThanOrEqual(1);
    await expect.poll(imageryShare, { timeout: 20_000 }).toBeGreaterThan(0.3);
    await screenshot(s.page, 'sample-beihai-t2');
  });

  it('swipes between T1 and T2, shows them side by side and in false colour', async () => {
    await s.page.getByTestId('compare-swipe').click();
    const handle = s.page.getByTestId('swipe-handle');
    await expect.poll(() => handle.isVisible()).toBe(true);
    const box = await s.page.getByTestId('map-canvas').boundingBox();
    const grip = await handle.boundingBox();
    if (!box || !grip) throw new Error('map not laid out');
    await s.page.mouse.move(grip.x + grip.width / 2, box.y + box.height / 2);
    await s.page.mouse.down();
    await s.page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 5 });
    await s.page.mouse.up();
    await expect.poll(async () => Number(await handle.getAttribute('aria-valuenow'))).toBeLessThan(40);
    await s.page.waitForTimeout(400);
    await screenshot(s.page, 'sample-beihai-swipe');
    await s.page.getByTestId('compare-side').click();
    await s.page.waitForTimeout(600);
    await screenshot(s.page, 'sample-beihai-side-by-side');
    await s.page.getByTestId('compare-single').click();
    await s.page.getByTestId('composite-false').click();
    await s.page.waitForTimeout(800);
    await screenshot(s.page, 'sample-beihai-false-colour');
  });

  it('keeps layers and imagery after a reload without re-picking any file', async () => {
    await s.page.reload();
    await expect.poll(() => s.page.getByTestId('scene-item').count(), { timeout: 60_000 }).toBe(2);
    await expect.poll(() => s.page.getByTestId('layer-item').count()).toBeGreaterThanOrEqual(2);
    await s.page.getByTestId('scene-item').first().getByRole('button').click();
    await s.page.waitForTimeout(1500);
    await screenshot(s.page, 'sample-beihai-t1-after-reload');
    await expect.poll(imageryShare, { timeout: 20_000 }).toBeGreaterThan(0.3);
    // DuckDB was rebuilt from the stored layers.
    await s.page.getByTestId('tab-notebook').click();
    await s.page
      .getByTestId('sql-input')
      .fill(
        "SELECT count(*) AS n FROM feature JOIN layer ON layer.id = feature.layer_id WHERE layer.kind = 'redline'",
      );
    await s.page.getByTestId('sql-run').click();
    await expect
      .poll(async () =>
        Number((await s.page.getByTestId('sql-result').locator('td').last().textContent()) ?? 0),
      )
      .toBeGreaterThan(0);
    await screenshot(s.page, 'sample-beihai-after-reload');
    // Opening the link again reopens the same project instead of duplicating it.
    await s.page.goto(`${baseUrl()}?sample=beihai`);
    await expect.poll(() => s.page.getByTestId('scene-item').count(), { timeout: 60_000 }).toBe(2);
    expect(await s.page.getByTestId('project-item').count()).toBe(1);
  });

  it('reopens a layer that an earlier version stored as GeoJSON', async () => {
    const redlineCount = async (): Promise<number> => {
      await s.page.getByTestId('tab-notebook').click();
      await s.page
        .getByTestId('sql-input')
        .fill(
          "SELECT count(*) AS n FROM feature JOIN layer ON layer.id = feature.layer_id WHERE layer.kind = 'redline'",
        );
      await s.page.getByTestId('sql-run').click();
      let n = 0;
      await expect
        .poll(async () => {
          n = Number((await s.page.getByTestId('sql-result').locator('td').last().textContent()) ?? 0);
          return n;
        })
        .toBeGreaterThan(0);
      return n;
    };
    const before = await redlineCount();
    // Layers used to be kept in OPFS as normalised GeoJSON (`layer-<id>.geojson`): put the red lines back that
    // way, as a project saved by that version would have them.
    const legacy = await s.page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('redline-notebook');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const request = <T>(r: IDBRequest<T>): Promise<T> =>
        new Promise((resolve, reject) => {
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
      const records = await request(
        db.transaction('layers').objectStore('layers').getAll() as IDBRequest<Record<string, unknown>[]>,
      );
      const record = records.find((r) => r.kind === 'redline');
      if (!record) throw new Error('no red-line layer');
      const text = await (await fetch('./sample-data/beihai/redlines.geojson')).text();
      const root = await navigator.storage.getDirectory();
      const dir = await (
        await root.getDirectoryHandle('projects')
      ).getDirectoryHandle(String(record.projectId));
      const name = `layer-${String(record.id)}.geojson`;
      const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
      await writable.write(text);
      await writable.close();
      await dir.removeEntry(String(record.opfsName));
      const tx = db.transaction('layers', 'readwrite');
      await request(tx.objectStore('layers').put({ ...record, opfsName: name }));
      db.close();
      return name;
    });
    expect(legacy).toMatch(/\.geojson$/);
    await s.page.reload();
    await expect.poll(() => s.page.getByTestId('scene-item').count(), { timeout: 60_000 }).toBe(2);
    await expect
      .poll(() => s.page.locator('[data-testid="layer-item"][data-kind="redline"]').count())
      .toBe(1);
    expect(await redlineCount()).toBe(before);
    await screenshot(s.page, 'sample-beihai-legacy-layer');
  });

  it('removes a layer after confirmation: gone from the list, from DuckDB and after a reload', async () => {
    await s.page.getByTestId('tab-layers').click();
    const reserves = s.page.locator('[data-testid="layer-item"][data-kind="reserve"]');
    await expect.poll(() => reserves.count()).toBe(1);
    const all = await s.page.locator('[data-testid="layer-item"]').count();
    await reserves.getByRole('button', { name: '移除' }).click();
    await s.page.getByTestId('confirm-ok').click();
    await expect.poll(() => s.page.locator('[data-testid="layer-item"]').count()).toBe(all - 1);
    expect(await reserves.count()).toBe(0);
    await s.page.getByTestId('tab-notebook').click();
    await s.page.getByTestId('sql-input').fill("SELECT count(*) AS n FROM layer WHERE kind = 'reserve'");
    await s.page.getByTestId('sql-run').click();
    await expect
      .poll(async () => (await s.page.getByTestId('sql-result').locator('td').last().textContent())?.trim())
      .toBe('0');
    await s.page.reload();
    await expect.poll(() => s.page.getByTestId('scene-item').count(), { timeout: 60_000 }).toBe(2);
    await expect.poll(() => s.page.locator('[data-testid="layer-item"]').count()).toBe(all - 1);
    expect(await reserves.count()).toBe(0);
    await screenshot(s.page, 'sample-beihai-layer-removed');
  });

  it(
    'finishes a sample whose loading a reload cut short, instead of keeping half of it',
    { timeout: 360_000 },
    async () => {
      const fresh = await s.newProfile();
      const other = fresh.page;
      try {
        await other.goto(`${baseUrl()}?sample=beihai`);
        // The first layer is stored; the others and both images are not yet.
        await expect
          .poll(() => other.getByTestId('layer-item').count(), { timeout: 90_000 })
          .toBeGreaterThan(0);
        await other.goto(baseUrl()); // a reload, and without the workshop link
        await expect.poll(() => other.getByTestId('scene-item').count(), { timeout: 120_000 }).toBe(2);
        await expect.poll(() => other.locator('[data-testid="layer-item"][data-kind]').count()).toBe(3);
        expect(await other.getByTestId('project-item').count()).toBe(1);
        await expect
          .poll(() => other.locator('[data-testid="job"][data-status="running"]').count(), {
            timeout: 60_000,
          })
          .toBe(0);
        await other.reload();
        await expect.poll(() => other.getByTestId('scene-item').count(), { timeout: 60_000 }).toBe(2);
        await screenshot(other, 'sample-beihai-finished-after-interrupted-load');
        expectGuardClean(fresh.guard);
      } finally {
        await fresh.context.close();
      }
    },
  );
});
