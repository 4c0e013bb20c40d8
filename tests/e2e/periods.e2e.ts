// Imagery periods, read in place (issue 19, part 1). Playwright cannot answer `showOpenFilePicker` (its
// filechooser event is not raised for it), so the page's picker is replaced by one that returns real
// FileSystemFileHandles of files this test writes into the origin's private file system, outside the project
// folders. Covered: a large scene read in place (the project's OPFS folder does not grow by its size) and a
// small one copied, in two periods; the storage panel says which is which; after a reload both open; the
// in-place file deleted → the scene says so and offers to pick it again while the rest of the project works;
// a different file is refused; the same file picked again works, also after a reload. And a project stored
// before periods (one T1 and one T2 scene, database version 3) opens with each scene in a period of its own.
import { describe, expect, it } from 'vitest';
import {
  guardedPage,
  guardedSession,
  baseUrl,
  newGuardedContext,
  projectBytes,
  screenshot,
} from './harness.ts';
import { geoTiff, rgbT1, rgbT2, texture } from './geotiff-fixture.ts';

const s = guardedSession();

/** 1024 × 1024 × 3 bytes (3 MB): above the 1 MB copy limit this test sets. */
const big = geoTiff({
  width: 1024,
  height: 1024,
  bands: 3,
  bits: 8,
  photometric: 2,
  dateTime: '2018:09:20 10:30:00',
  value: (x, y, b) => texture(x, y, b) + 4,
});
/** Another file with big's name and size: not the same image. */
const impostor = geoTiff({
  width: 1024,
  height: 1024,
  bands: 3,
  bits: 8,
  photometric: 2,
  dateTime: '2018:09:21 10:30:00',
  value: (x, y, b) => texture(x, y, b) + 9,
});

const SOURCE_DIR = 'e2e-source';

/** Write a file where the fake picker finds it (a folder of OPFS that no project uses). */
async function putSource(name: string, bytes: Buffer): Promise<void> {
  await s.page.evaluate(
    async ([dirName, fileName, base64]) => {
      const raw = atob(base64);
      const data = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i += 1) data[i] = raw.charCodeAt(i);
      const root = await navigator.storage.getDirectory();
      const dir = await root.getDirectoryHandle(dirName, { create: true });
      const writable = await (await dir.getFileHandle(fileName, { create: true })).createWritable();
      await writable.write(data);
      await writable.close();
    },
    [SOURCE_DIR, name, bytes.toString('base64')] as const,
  );
}

async function removeSource(name: string): Promise<void> {
  await s.page.evaluate(
    async ([dirName, fileName]) => {
      const root = await navigator.storage.getDirectory();
      await (await root.getDirectoryHandle(dirName)).removeEntry(fileName);
    },
    [SOURCE_DIR, name] as const,
  );
}

/** What the next call of the page's file picker returns. */
async function willPick(names: string[]): Promise<void> {
  await s.page.evaluate((list) => sessionStorage.setItem('e2e-pick', JSON.stringify(list)), names);
}

const items = () => s.page.getByTestId('scene-item');
/** An element's text with runs of white space as one space (as the page shows it). */
const words = async (locator: ReturnType<typeof items>): Promise<string> =>
  ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const blocked = () => s.page.getByTestId('scene-blocked');
const period = (label: string) => s.page.locator(`[data-testid="period"][data-label="${label}"]`);

async function waitSaved(): Promise<void> {
  await expect
    .poll(() => s.page.locator('[data-testid="job"][data-status="running"]').count(), { timeout: 60_000 })
    .toBe(0);
}

async function createPeriod(label: string, start: string, end: string): Promise<void> {
  const form = s.page.getByTestId('period-new');
  if (!(await form.evaluate((e) => (e as HTMLDetailsElement).open))) await form.locator('summary').click();
  await s.page.getByTestId('period-new-label').fill(label);
  await s.page.getByTestId('period-new-start').fill(start);
  await s.page.getByTestId('period-new-end').fill(end);
  await s.page.getByTestId('period-create').click();
  await expect.poll(() => period(label).count()).toBe(1);
}

describe('imagery periods, read in place', () => {
  it(
    'reads a large scene in place and copies a small one, in two periods',
    { timeout: 180_000 },
    async () => {
      // The fake picker: handles of files in SOURCE_DIR, named by the test (installed before every load).
      await s.page.addInitScript((dirName) => {
        (
          window as unknown as { showOpenFilePicker: () => Promise<FileSystemFileHandle[]> }
        ).showOpenFilePicker = async () => {
          const names = JSON.parse(sessionStorage.getItem('e2e-pick') ?? '[]') as string[];
          const dir = await (
            await navigator.storage.getDirectory()
          ).getDirectoryHandle(dirName, { create: true });
          return Promise.all(names.map((name) => dir.getFileHandle(name)));
        };
      }, SOURCE_DIR);
      await s.page.goto(baseUrl());
      await putSource('big.tif', big);
      await putSource('small.tif', rgbT1);
      await s.page.getByTestId('project-new').click();
      await expect.poll(() => s.page.getByTestId('project-item').count()).toBe(1);
      const limit = s.page.getByTestId('copy-limit');
      await limit.fill('1');
      await limit.press('Enter');
      await limit.blur();
      await createPeriod('2018 上半年', '2018-01-01', '2018-06-30');
      await createPeriod('2018 下半年', '2018-07-01', '2018-12-31');
      // Bad input: a name already taken is refused in words.
      await createPeriod('2018 上半年', '', '').catch(() => undefined);
      await expect.poll(() => s.page.getByTestId('period-error').textContent()).toContain('已有同名时段');

      const before = await projectBytes(s.page);
      await willPick(['small.tif']);
      await period('2018 上半年').getByTestId('period-add-scenes').click();
      await expect.poll(() => items().count(), { timeout: 60_000 }).toBe(1);
      await willPick(['big.tif']);
      await period('2018 下半年').getByTestId('period-add-scenes').click();
      await expect.poll(() => items().count(), { timeout: 60_000 }).toBe(2);
      await waitSaved();

      const small = period('2018 上半年').getByTestId('scene-item');
      const large = period('2018 下半年').getByTestId('scene-item');
      expect(await small.getAttribute('data-storage')).toBe('copied');
      expect(await large.getAttribute('data-storage')).toBe('in_place');
      expect(await words(large.getByTestId('scene-stored'))).toMatch(
        /文件 3(\.0)? MB · 云量未知 · 原位读取（未复制）/,
      );
      expect(await small.getByTestId('scene-stored').textContent()).toContain('已复制到浏览器存储');
      // The copy grew the project's folder by the small file only: the 3 MB file was not copied.
      const grown = (await projectBytes(s.page)) - before;
      expect(grown).toBeGreaterThanOrEqual(rgbT1.length);
      expect(grown).toBeLessThan(big.length);
      // Detection's pair: one scene per period, said in the panel; T1 is the earlier period's scene.
      await expect
        .poll(() => s.page.getByTestId('pair-used').textContent())
        .toContain('2018 上半年：使用 small.tif');
      expect(await s.page.getByTestId('pair-used').textContent()).toContain('2018 下半年：使用 big.tif');
      await expect
        .poll(() =>
          s.page.getByTestId('detect-t1').evaluate((e) => (e as HTMLSelectElement).selectedOptions[0]?.text),
        )
        .toContain('2018-03-10');
      await large.getByRole('button').first().click();
      await s.page.waitForTimeout(1500);
      await screenshot(s.page, 'periods-imagery-panel');

      await s.page.getByTestId('storage').click();
      const row = s.page.getByTestId('storage-row').first();
      await expect.poll(() => row.getByTestId('storage-in-place').textContent()).toContain('big.tif');
      expect(await row.getByTestId('storage-in-place').textContent()).toContain('不计入已用空间');
      expect(await row.getByTestId('storage-copied').textContent()).toContain('small.tif');
      expect(Number(await row.getAttribute('data-bytes'))).toBeLessThan(big.length);
      await screenshot(s.page, 'periods-storage-panel');
      await s.page.getByTestId('storage-close').click();
    },
  );

  it(
    'after a reload both scenes open again, from the copy and from the file',
    { timeout: 120_000 },
    async () => {
      await s.page.reload();
      await expect.poll(() => items().count(), { timeout: 60_000 }).toBe(2);
      expect(await blocked().count()).toBe(0);
      expect(await period('2018 下半年').getByTestId('scene-item').getAttribute('data-storage')).toBe(
        'in_place',
      );
    },
  );

  it(
    'detects changes on a pair whose T2 is read in place (the file behind the handle, no copy)',
    { timeout: 240_000 },
    async () => {
      await s.page.getByTestId('detect-run').click();
      await s.page.getByTestId('actor-dialog').waitFor();
      await s.page.getByTestId('actor-dialog-input').fill('检测员');
      await s.page.getByTestId('actor-dialog-save').click();
      await expect.poll(() => s.page.getByTestId('detect-result').count(), { timeout: 180_000 }).toBe(1);
      expect(await s.page.getByTestId('detect-result').textContent()).toMatch(/检测完成：\d+ 个图斑/);
    },
  );

  it(
    'the in-place file deleted: the scene says so, the rest works; only the same file is taken back',
    {
      timeout: 120_000,
    },
    async () => {
      await removeSource('big.tif');
      await s.page.reload();
      await expect.poll(() => blocked().count(), { timeout: 60_000 }).toBe(1);
      expect(await blocked().getAttribute('data-state')).toBe('missing');
      expect(await blocked().getByTestId('scene-access').textContent()).toBe('文件已移动或删除');
      expect(await blocked().getByTestId('scene-repick').textContent()).toBe('重新选择');
      // The rest of the project: the copied scene opens, a period can still be made, the display still switches.
      await expect.poll(() => items().count(), { timeout: 60_000 }).toBe(1);
      await createPeriod('2019Q1', '2019-01-01', '2019-03-31');
      await s.page.getByTestId('composite-false').click();
      await period('2019Q1').getByTestId('period-remove').click();
      await expect.poll(() => period('2019Q1').count()).toBe(0);
      await screenshot(s.page, 'periods-file-missing');

      // Another file under that name is not the image: refused in words, the scene stays as it was.
      await putSource('big.tif', impostor);
      await willPick(['big.tif']);
      await blocked().getByTestId('scene-repick').click();
      await expect
        .poll(() => s.page.getByTestId('scene-access-error').textContent())
        .toContain('不是原来的影像');
      expect(await blocked().count()).toBe(1);

      // The same file back (moved back, or found elsewhere): picked again, the scene opens.
      await putSource('big.tif', big);
      await blocked().getByTestId('scene-repick').click();
      await expect.poll(() => items().count(), { timeout: 60_000 }).toBe(2);
      expect(await blocked().count()).toBe(0);
      await s.page.reload();
      await expect.poll(() => items().count(), { timeout: 60_000 }).toBe(2);
      expect(await blocked().count()).toBe(0);
    },
  );

  it(
    'a project stored before periods opens with its T1 and T2 as two periods',
    { timeout: 120_000 },
    async () => {
      // A fresh profile holding what the app stored before periods: database version 3, two scene records of that
      // shape and their OPFS copies, written from a static file of the origin before the app ever runs there.
      await s.context.close();
      ({ context: s.context, guard: s.guard } = await newGuardedContext(s.browser));
      s.page = await guardedPage(s.context, s.guard);
      await s.page.goto(new URL('favicon.svg', baseUrl()).href);
      await s.page.evaluate(
        async ([t1, t2]) => {
          const bytes = (base64: string): Uint8Array<ArrayBuffer> =>
            Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const root = await navigator.storage.getDirectory();
          const folder = await (
            await root.getDirectoryHandle('projects', { create: true })
          ).getDirectoryHandle('legacy', { create: true });
          for (const [name, data] of [
            ['scene-a.tif', t1],
            ['scene-b.tif', t2],
          ] as const) {
            const writable = await (await folder.getFileHandle(name, { create: true })).createWritable();
            await writable.write(bytes(data));
            await writable.close();
          }
          const now = '2025-06-01T00:00:00.000Z';
          const scene = (id: string, label: string, acquiredOn: string, size: number) => ({
            schemaVersion: 1,
            id,
            projectId: 'legacy',
            label,
            fileName: `${id}.tif`,
            opfsName: `${id}.tif`,
            size,
            acquiredOn,
            sensor: '',
            bandRoles: ['red', 'green', 'blue'],
            roleSources: ['photometric', 'photometric', 'photometric'],
            dateSource: 'tiff_datetime',
            addedAt: now,
          });
          await new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('redline-notebook', 3);
            open.onupgradeneeded = () => {
              const db = open.result;
              db.createObjectStore('projects', { keyPath: 'id' });
              db.createObjectStore('settings', { keyPath: 'key' });
              for (const name of ['layers', 'scenes', 'events', 'notebooks', 'runs', 'patches'])
                db.createObjectStore(name, { keyPath: 'id' }).createIndex('byProject', 'projectId');
            };
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const db = open.result;
              const tx = db.transaction(['projects', 'settings', 'scenes'], 'readwrite');
              tx.objectStore('projects').put({
                schemaVersion: 1,
                id: 'legacy',
                name: '旧项目',
                createdAt: now,
                updatedAt: now,
              });
              tx.objectStore('settings').put({ schemaVersion: 1, key: 'lastProject', value: 'legacy' });
              tx.objectStore('scenes').put(scene('scene-a', 'T1', '2018-03-10', bytes(t1).length));
              tx.objectStore('scenes').put(scene('scene-b', 'T2', '2018-09-20', bytes(t2).length));
              tx.oncomplete = () => {
                db.close();
                resolve();
              };
              tx.onerror = () => reject(tx.error);
            };
          });
        },
        [rgbT1.toString('base64'), rgbT2.toString('base64')] as const,
      );
      await s.page.goto(baseUrl());
      await expect.poll(() => items().count(), { timeout: 60_000 }).toBe(2);
      expect(
        await s.page.getByTestId('period').evaluateAll((els) => els.map((e) => e.getAttribute('data-label'))),
      ).toEqual(['T1', 'T2']);
      expect(await period('T1').getByTestId('scene-item').count()).toBe(1);
      expect(await period('T2').getByTestId('scene-item').count()).toBe(1);
      expect(await period('T1').locator('input[type="date"]').first().inputValue()).toBe('2018-03-10');
      expect(await items().first().getAttribute('data-storage')).toBe('copied');
      // Stored as migrated: each scene record names its period, nothing else changed.
      const stored = await s.page.evaluate(
        () =>
          new Promise<{
            version: number;
            scenes: { schemaVersion: number; periodId: string; label: string }[];
          }>((resolve, reject) => {
            const open = indexedDB.open('redline-notebook');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const db = open.result;
              const all = db.transaction('scenes').objectStore('scenes').getAll();
              all.onsuccess = () => {
                db.close();
                resolve({ version: db.version, scenes: all.result });
              };
            };
          }),
      );
      expect(stored.version).toBe(4);
      expect(stored.scenes.map((x) => [x.label, x.schemaVersion, typeof x.periodId])).toEqual([
        ['T1', 2, 'string'],
        ['T2', 2, 'string'],
      ]);
      await screenshot(s.page, 'periods-migrated');
    },
  );
});
