// Own imagery (issues 16, 17): an RGB GeoTIFF pair made here shows its guessed band roles with their source,
// radiometry and pixel size, gets T1/T2 by date, and runs detection without NIR; a pair with different band
// counts is refused in words before anything runs, the project unchanged after a reload; a role changed in
// the panel is kept after a reload.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { guardedSession, screenshot, baseUrl } from './harness.ts';
import { fourBand, rgbElsewhere, rgbT1, rgbT2 } from './geotiff-fixture.ts';

const s = guardedSession();
beforeAll(async () => {
  await s.page.goto(baseUrl());
});

/** Runs stored in IndexedDB (all projects). */
function storedRuns(p: Page): Promise<number> {
  return p.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('redline-notebook');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('runs').objectStore('runs').count();
          all.onsuccess = () => {
            db.close();
            resolve(all.result);
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

const messages = (): Promise<string[]> => s.page.getByTestId('notice-message').allTextContents();
const sceneItems = () => s.page.getByTestId('scene-item');

async function waitSaved(): Promise<void> {
  await expect
    .poll(() => s.page.locator('[data-testid="job"][data-status="running"]').count(), { timeout: 60_000 })
    .toBe(0);
}

describe('own imagery: band roles, dates and detection on an RGB pair', () => {
  it(
    'shows roles with their source, orders T1/T2 by date, warns of seasons and runs without NIR',
    { timeout: 240_000 },
    async () => {
      await s.page.getByTestId('project-new').click();
      await expect.poll(() => s.page.getByTestId('project-item').count()).toBe(1);
      // The later scene first: T1/T2 must follow the dates, not the order of the files.
      await s.page.getByTestId('file-input').setInputFiles([
        { name: 'scene-b.tif', mimeType: 'image/tiff', buffer: rgbT2 },
        { name: 'scene-a.tif', mimeType: 'image/tiff', buffer: rgbT1 },
      ]);
      await expect.poll(() => sceneItems().count(), { timeout: 60_000 }).toBe(2);
      await expect
        .poll(messages, { timeout: 30_000 })
        .toContainEqual('已按日期选择 T1 = 2018-03-10（scene-a.tif），T2 = 2018-09-20（scene-b.tif）。');
      await waitSaved();
      // Roles from PhotometricInterpretation RGB, said as such; radiometry and pixel size in words.
      const first = sceneItems().first();
      expect(
        await first
          .getByTestId('band-role-select')
          .evaluateAll((s) => s.map((e) => (e as HTMLSelectElement).value)),
      ).toEqual(['red', 'green', 'blue']);
      expect(await first.getByTestId('band-role-source').allTextContents()).toEqual([
        'TIFF 标记为 RGB',
        'TIFF 标记为 RGB',
        'TIFF 标记为 RGB',
      ]);
      expect(await first.getByTestId('scene-radiometry').textContent()).toMatch(
        /8 位 DN（值域 \d+–\d+），按景归一化 · 像元 1 米/,
      );
      expect(await first.getByTestId('scene-date-source').textContent()).toContain('日期取自 TIFF 时间标记');
      expect(await s.page.getByTestId('scene-coarse').count()).toBe(0);
      // T1 is the March scene, T2 the September one; spring against autumn is warned about.
      const selected = (id: string) =>
        s.page
          .getByTestId(id)
          .evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
      expect(await selected('detect-t1')).toContain('2018-03-10');
      expect(await selected('detect-t2')).toContain('2018-09-20');
      expect(await s.page.getByTestId('detect-season').textContent()).toContain('春季');
      // No NIR: the panel says which tests are off before the run.
      expect(await s.page.getByTestId('detect-plan').textContent()).toContain('将使用波段：蓝、绿、红');
      expect(await s.page.getByTestId('detect-off').textContent()).toContain('NDVI（缺近红外');
      await screenshot(s.page, 'imagery-roles-rgb-pair');
      const runsBefore = await storedRuns(s.page);
      // Without an operator's name yet, the run asks for one first (nothing stored until it is given).
      await s.page.getByTestId('detect-run').click();
      await s.page.getByTestId('actor-dialog').waitFor();
      expect(await storedRuns(s.page)).toBe(runsBefore);
      await s.page.getByTestId('actor-dialog-input').fill('检测员');
      await s.page.getByTestId('actor-dialog-save').click();
      try {
        await expect.poll(() => s.page.getByTestId('detect-result').count(), { timeout: 180_000 }).toBe(1);
      } catch (error) {
        await screenshot(s.page, 'imagery-roles-rgb-failed');
        throw new Error(`no result line; notices: ${(await messages()).join(' | ')}`, { cause: error });
      }
      const result = (await s.page.getByTestId('detect-result').textContent()) ?? '';
      expect(result).toMatch(/检测完成：\d+ 个图斑/);
      expect(await storedRuns(s.page)).toBe(runsBefore + 1);
      // The run says in words what it used and what it switched off.
      const provenance = (await s.page.getByTestId('detect-provenance').textContent()) ?? '';
      expect(provenance).toContain('使用波段：蓝（第 3 波段）、绿（第 2 波段）、红（第 1 波段）');
      expect(provenance).toMatch(/辐射：8 位，DN 值/);
      expect(provenance).toContain('未启用：NDVI（缺近红外，改用过绿指数）');
      expect(provenance).toMatch(/云及云影掩膜：T1 [\d.]+ 公顷/);
      await s.page.getByTestId('detect-provenance').scrollIntoViewIfNeeded();
      await screenshot(s.page, 'imagery-roles-rgb-detected');
      // No admin layer is loaded: a found patch is placed by its coordinates, never by a distant seat.
      const found = Number(/检测完成：(\d+) 个图斑/.exec(result)?.[1] ?? 0);
      if (found > 0) {
        await s.page.getByTestId('tab-notebook').click();
        await s.page
          .getByTestId('sql-input')
          .fill("SELECT count(*) AS n FROM patch WHERE location NOT LIKE '东经 1__.____°，北纬 2_.____°'");
        await s.page.getByTestId('sql-run').click();
        await expect
          .poll(() => s.page.getByTestId('sql-result').locator('td').last().textContent())
          .toBe('0');
        await s.page.getByTestId('tab-layers').click();
      }
    },
  );

  it(
    'refuses a pair with different band counts in words before anything runs; the project unchanged after a reload',
    { timeout: 180_000 },
    async () => {
      await s.page.getByTestId('project-new').click();
      await expect.poll(() => s.page.getByTestId('project-item').count()).toBe(2);
      await expect.poll(() => sceneItems().count()).toBe(0);
      await s.page.getByTestId('file-input').setInputFiles([
        { name: 'rgb-20180310.tif', mimeType: 'image/tiff', buffer: rgbT1 },
        { name: 'pms-20190402.tif', mimeType: 'image/tiff', buffer: fourBand },
      ]);
      await expect.poll(() => sceneItems().count(), { timeout: 60_000 }).toBe(2);
      await waitSaved();
      // The 4-band 16-bit file: roles from the sensor pattern, 10-bit DN read from its values.
      const pms = sceneItems().nth(1);
      expect(await pms.getByTestId('band-role-source').first().textContent()).toBe('按传感器波段数推断');
      expect(await pms.getByTestId('scene-radiometry').textContent()).toContain('10 位 DN');
      const expected = '两期影像的波段数不同（T1 3 个，T2 4 个）';
      await expect.poll(() => s.page.getByTestId('detect-plan-error').textContent()).toContain(expected);
      const runsBefore = await storedRuns(s.page);
      await s.page.getByTestId('detect-run').click();
      await expect
        .poll(messages, { timeout: 30_000 })
        .toContainEqual(expect.stringMatching(new RegExp(`^无法检测：${expected}`)));
      await screenshot(s.page, 'imagery-roles-mismatch');
      expect(await storedRuns(s.page)).toBe(runsBefore);
      expect(await s.page.getByTestId('detect-result').count()).toBe(0);
      await s.page.reload();
      await expect
        .poll(() => s.page.getByTestId('db-status').getAttribute('data-state'), { timeout: 60_000 })
        .toBe('ready');
      await expect.poll(() => sceneItems().count(), { timeout: 60_000 }).toBe(2);
      expect(await storedRuns(s.page)).toBe(runsBefore);
      expect(await s.page.getByTestId('project-item').count()).toBe(2);
      await expect.poll(() => s.page.getByTestId('detect-plan-error').textContent()).toContain(expected);
    },
  );

  it('keeps a role changed in the panel after a reload, and the pair then plans on the shared bands', async () => {
    const pms = sceneItems().nth(1);
    await pms.getByTestId('band-role-select').nth(3).selectOption('other');
    await expect.poll(() => pms.getByTestId('band-role-source').nth(3).textContent()).toBe('用户设定');
    await expect.poll(() => s.page.getByTestId('detect-plan').count()).toBe(1);
    await s.page.reload();
    await expect.poll(() => sceneItems().count(), { timeout: 60_000 }).toBe(2);
    const reloaded = sceneItems().nth(1);
    expect(await reloaded.getByTestId('band-role-select').nth(3).inputValue()).toBe('other');
    expect(await reloaded.getByTestId('band-role-source').nth(3).textContent()).toBe('用户设定');
    expect(await s.page.getByTestId('detect-plan').textContent()).toContain('将使用波段：蓝、绿、红');
    await screenshot(s.page, 'imagery-roles-user-role');
    // The same panel in English.
    await s.page.getByTestId('lang-switch').click();
    await expect.poll(() => reloaded.getByTestId('band-role-source').nth(3).textContent()).toBe('set by you');
    expect(await reloaded.getByTestId('scene-radiometry').textContent()).toMatch(
      /^10-bit DN in 16-bit words \(values \d+–\d+\), normalised per scene · pixel 1 m$/,
    );
    expect(await s.page.getByTestId('detect-plan').textContent()).toContain('Bands to use: blue, green, red');
    await screenshot(s.page, 'imagery-roles-english');
    await s.page.getByTestId('lang-switch').click();
    await expect.poll(() => reloaded.getByTestId('band-role-source').nth(3).textContent()).toBe('用户设定');
  });

  it('says when a role is missing and when the footprints do not overlap, storing nothing', async () => {
    await s.page.getByTestId('project-new').click();
    await expect.poll(() => s.page.getByTestId('project-item').count()).toBe(3);
    await expect.poll(() => sceneItems().count()).toBe(0);
    await s.page.getByTestId('file-input').setInputFiles([
      { name: 'here.tif', mimeType: 'image/tiff', buffer: rgbT1 },
      { name: 'elsewhere.tif', mimeType: 'image/tiff', buffer: rgbElsewhere },
    ]);
    await expect.poll(() => sceneItems().count(), { timeout: 60_000 }).toBe(2);
    await waitSaved();
    const runsBefore = await storedRuns(s.page);
    const apart = '无法检测：T1 和 T2 的影像范围不重叠：请检查是否选错了影像或坐标系。';
    await expect.poll(() => s.page.getByTestId('detect-plan-error').textContent()).toBe(apart);
    await s.page.getByTestId('detect-run').click();
    await expect.poll(messages).toContainEqual(apart);
    await screenshot(s.page, 'imagery-roles-apart');
    // A missing role: green set to "not used" on T1 leaves two usable bands (said before the footprints).
    await sceneItems().first().getByTestId('band-role-select').nth(1).selectOption('other');
    await expect
      .poll(() => s.page.getByTestId('detect-plan-error').textContent())
      .toContain('T1 只设定了 2 个可用于检测的波段');
    await s.page.getByTestId('detect-run').click();
    await expect
      .poll(messages)
      .toContainEqual(expect.stringMatching(/^无法检测：T1 只设定了 2 个可用于检测的波段/));
    await screenshot(s.page, 'imagery-roles-missing-role');
    expect(await storedRuns(s.page)).toBe(runsBefore);
  });
});
