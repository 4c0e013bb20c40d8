// Own imagery (issues 16, 17): an RGB GeoTIFF pair made here shows its guessed band roles with their source,
// radiometry and pixel size, gets T1/T2 by date, and runs detection without NIR; a pair with different band
// counts is refused in words before anything runs, the project unchanged after a reload; a role changed in
// the panel is kept after a reload.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { guardedPage, launch, newGuardedContext, screenshot, baseUrl, type Guard } from './harness.ts';

let browser: Browser;
let context: BrowserContext;
let guard: Guard;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  ({ context, guard } = await newGuardedContext(browser));
  page = await guardedPage(context, guard);
  await page.goto(baseUrl());
});
afterAll(async () => {
  await browser?.close();
});
afterEach(() => {
  expect(guard.offOrigin).toEqual([]);
  expect(guard.consoleErrors).toEqual([]);
});

interface TiffSpec {
  width: number;
  height: number;
  bands: number;
  bits: 8 | 16;
  /** 2 = RGB, 1 = min-is-black. */
  photometric: number;
  /** TIFF DateTime, "YYYY:MM:DD HH:MM:SS". */
  dateTime: string;
  value: (x: number, y: number, band: number) => number;
}

// Upper-left corner in WGS 84 / UTM zone 49N (near Beihai) and the pixel size: 1 m, finer than the 2 m rule.
const ORIGIN = [408_000, 2_375_000];
const PIXEL_M = 1;

/** An uncompressed, pixel-interleaved, one-strip GeoTIFF in EPSG:32649 with a DateTime tag. */
function geoTiff(spec: TiffSpec): Buffer {
  const { width, height, bands, bits } = spec;
  const bytesPerSample = bits / 8;
  const pixelBytes = width * height * bands * bytesPerSample;
  const ascii = `${spec.dateTime}\0`;
  const geoKeys = [1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, 32649];
  // [tag, type, values]: type 3 SHORT, 4 LONG, 2 ASCII, 12 DOUBLE. Tags ascending, as TIFF requires.
  const entries: [number, number, number[] | string][] = [
    [256, 4, [width]],
    [257, 4, [height]],
    [258, 3, Array.from({ length: bands }, () => bits)],
    [259, 3, [1]],
    [262, 3, [spec.photometric]],
    [273, 4, [0]], // patched below: the strip follows the extra data
    [277, 3, [bands]],
    [278, 4, [height]],
    [279, 4, [pixelBytes]],
    [284, 3, [1]],
    [306, 2, ascii],
    [339, 3, Array.from({ length: bands }, () => 1)],
    [33550, 12, [PIXEL_M, PIXEL_M, 0]],
    [33922, 12, [0, 0, 0, ORIGIN[0]!, ORIGIN[1]!, 0]],
    [34735, 3, geoKeys],
  ];
  const size = (type: number): number => (type === 3 ? 2 : type === 4 ? 4 : type === 12 ? 8 : 1);
  const count = (values: number[] | string): number => values.length;
  const ifdBytes = 2 + entries.length * 12 + 4;
  let extraAt = 8 + ifdBytes;
  const extras: { at: number; type: number; values: number[] | string }[] = [];
  const placed = entries.map(([tag, type, values]) => {
    const bytes = size(type) * count(values);
    if (bytes <= 4) return { tag, type, values, at: -1 };
    const at = extraAt;
    extraAt += bytes + (bytes % 2);
    extras.push({ at, type, values });
    return { tag, type, values, at };
  });
  const stripAt = extraAt;
  const out = Buffer.alloc(stripAt + pixelBytes);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  out.writeUInt16LE(entries.length, 8);
  const write = (type: number, values: number[] | string, at: number): void => {
    if (typeof values === 'string') {
      out.write(values, at, 'latin1');
      return;
    }
    values.forEach((value, i) => {
      const p = at + i * size(type);
      if (type === 3) out.writeUInt16LE(value, p);
      else if (type === 4) out.writeUInt32LE(value, p);
      else out.writeDoubleLE(value, p);
    });
  };
  placed.forEach(({ tag, type, values, at }, i) => {
    const entry = 10 + i * 12;
    out.writeUInt16LE(tag, entry);
    out.writeUInt16LE(type, entry + 2);
    out.writeUInt32LE(count(values), entry + 4);
    const data = tag === 273 ? [stripAt] : values;
    if (at < 0) write(type, data, entry + 8);
    else out.writeUInt32LE(at, entry + 8);
  });
  out.writeUInt32LE(0, 8 + 2 + entries.length * 12);
  for (const { at, type, values } of extras) write(type, values, at);
  let p = stripAt;
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1)
      for (let b = 0; b < bands; b += 1) {
        const v = Math.max(0, Math.min(2 ** bits - 1, Math.round(spec.value(x, y, b))));
        if (bits === 8) out.writeUInt8(v, p);
        else out.writeUInt16LE(v, p);
        p += bytesPerSample;
      }
  return out;
}

/** A deterministic texture: fields of green vegetation with some noise (the same at both dates). */
function texture(x: number, y: number, band: number): number {
  const field = (Math.floor(x / 32) * 7 + Math.floor(y / 32) * 13) % 5;
  const noise = Math.sin(x * 12.9898 + y * 78.233 + band * 37.719) * 43758.5453;
  const jitter = (noise - Math.floor(noise)) * 12;
  const base = [
    [60, 95, 50],
    [70, 110, 55],
    [55, 85, 45],
    [80, 100, 70],
    [65, 105, 60],
  ][field]!;
  return (base[band] ?? 60) + jitter;
}

const SIZE = 256;
/** A new bright bare-ground square of 70 × 70 m at T2 (4,900 m², above the 3,000 m² default). */
const inSquare = (x: number, y: number): boolean => x >= 90 && x < 160 && y >= 90 && y < 160;

const rgbT1 = geoTiff({
  width: SIZE,
  height: SIZE,
  bands: 3,
  bits: 8,
  photometric: 2,
  dateTime: '2018:03:10 10:30:00',
  value: texture,
});
const rgbT2 = geoTiff({
  width: SIZE,
  height: SIZE,
  bands: 3,
  bits: 8,
  photometric: 2,
  dateTime: '2018:09:20 10:30:00',
  value: (x, y, b) => (inSquare(x, y) ? 215 + b * 5 : texture(x, y, b) + 4),
});
const fourBand = geoTiff({
  width: SIZE,
  height: SIZE,
  bands: 4,
  bits: 16,
  photometric: 1,
  dateTime: '2019:04:02 10:30:00',
  value: (x, y, b) => (b === 3 ? 600 : texture(x, y, b) * 3),
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

const messages = (): Promise<string[]> => page.getByTestId('notice-message').allTextContents();
const sceneItems = () => page.getByTestId('scene-item');

async function waitSaved(): Promise<void> {
  await expect
    .poll(() => page.locator('[data-testid="job"][data-status="running"]').count(), { timeout: 60_000 })
    .toBe(0);
}

describe('own imagery: band roles, dates and detection on an RGB pair', () => {
  it(
    'shows roles with their source, orders T1/T2 by date, warns of seasons and runs without NIR',
    { timeout: 240_000 },
    async () => {
      await page.getByTestId('project-new').click();
      await expect.poll(() => page.getByTestId('project-item').count()).toBe(1);
      // The later scene first: T1/T2 must follow the dates, not the order of the files.
      await page.getByTestId('file-input').setInputFiles([
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
      expect(await page.getByTestId('scene-coarse').count()).toBe(0);
      // T1 is the March scene, T2 the September one; spring against autumn is warned about.
      const selected = (id: string) =>
        page.getByTestId(id).evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
      expect(await selected('detect-t1')).toContain('2018-03-10');
      expect(await selected('detect-t2')).toContain('2018-09-20');
      expect(await page.getByTestId('detect-season').textContent()).toContain('春季');
      // No NIR: the panel says which tests are off before the run.
      expect(await page.getByTestId('detect-plan').textContent()).toContain('将使用波段：蓝、绿、红');
      expect(await page.getByTestId('detect-off').textContent()).toContain('NDVI（缺近红外');
      await screenshot(page, 'imagery-roles-rgb-pair');
      const runsBefore = await storedRuns(page);
      await page.getByTestId('detect-run').click();
      await expect.poll(() => page.getByTestId('detect-result').count(), { timeout: 180_000 }).toBe(1);
      const result = (await page.getByTestId('detect-result').textContent()) ?? '';
      expect(result).toMatch(/检测完成：\d+ 个图斑/);
      expect(await storedRuns(page)).toBe(runsBefore + 1);
      const provenance = page.getByTestId('detect-provenance');
      if ((await provenance.count()) > 0) {
        expect(await provenance.textContent()).toContain('使用波段：');
      }
      await screenshot(page, 'imagery-roles-rgb-detected');
    },
  );

  it(
    'refuses a pair with different band counts in words before anything runs; the project unchanged after a reload',
    { timeout: 180_000 },
    async () => {
      await page.getByTestId('project-new').click();
      await expect.poll(() => page.getByTestId('project-item').count()).toBe(2);
      await expect.poll(() => sceneItems().count()).toBe(0);
      await page.getByTestId('file-input').setInputFiles([
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
      await expect.poll(() => page.getByTestId('detect-plan-error').textContent()).toContain(expected);
      const runsBefore = await storedRuns(page);
      await page.getByTestId('detect-run').click();
      await expect
        .poll(messages, { timeout: 30_000 })
        .toContainEqual(expect.stringMatching(new RegExp(`^无法检测：${expected}`)));
      await screenshot(page, 'imagery-roles-mismatch');
      expect(await storedRuns(page)).toBe(runsBefore);
      expect(await page.getByTestId('detect-result').count()).toBe(0);
      await page.reload();
      await expect
        .poll(() => page.getByTestId('db-status').getAttribute('data-state'), { timeout: 60_000 })
        .toBe('ready');
      await expect.poll(() => sceneItems().count(), { timeout: 60_000 }).toBe(2);
      expect(await storedRuns(page)).toBe(runsBefore);
      expect(await page.getByTestId('project-item').count()).toBe(2);
      await expect.poll(() => page.getByTestId('detect-plan-error').textContent()).toContain(expected);
    },
  );

  it('keeps a role changed in the panel after a reload, and the pair then plans on the shared bands', async () => {
    const pms = sceneItems().nth(1);
    await pms.getByTestId('band-role-select').nth(3).selectOption('other');
    await expect.poll(() => pms.getByTestId('band-role-source').nth(3).textContent()).toBe('用户设定');
    await expect.poll(() => page.getByTestId('detect-plan').count()).toBe(1);
    await page.reload();
    await expect.poll(() => sceneItems().count(), { timeout: 60_000 }).toBe(2);
    const reloaded = sceneItems().nth(1);
    expect(await reloaded.getByTestId('band-role-select').nth(3).inputValue()).toBe('other');
    expect(await reloaded.getByTestId('band-role-source').nth(3).textContent()).toBe('用户设定');
    expect(await page.getByTestId('detect-plan').textContent()).toContain('将使用波段：蓝、绿、红');
    await screenshot(page, 'imagery-roles-user-role');
  });
});
