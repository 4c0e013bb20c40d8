/**
 * Letters at the project's level and the zipped Shapefile: a province project (sender level 省) confirms a
 * patch, exports the 建议核实函 to the county with an edited addressee (DOCX read in Node: 你县/你区 and 我厅,
 * the addressee and the signature), and exports the patches as a GBK Shapefile in a Gauss-Krüger zone that the
 * app's own reader reads back. The DOCX pages are rendered through LibreOffice when it is installed. The
 * detection panel says the sample's 9.7 m imagery is coarser than the 2 m of the rules.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import {
  drawRectangle,
  guardedSession,
  openSampleProject,
  screenshot,
  SCREENSHOT_DIR,
  typePatchByKeys,
} from './harness.ts';
import { youCounty } from '../../src/core/case/annex.ts';
import { readShapefile } from '../../src/io/shapefile/read.ts';

const OUT = 'test-results/letters';
const session = guardedSession();
let page: Page;
let confirmed = '';

beforeAll(() => {
  mkdirSync(OUT, { recursive: true });
  page = session.page;
});

async function download(testId: string): Promise<{ name: string; path: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 90_000 }),
    page.getByTestId(testId).click(),
  ]);
  const name = file.suggestedFilename();
  const path = join(OUT, name);
  await file.saveAs(path);
  return { name, path, bytes: new Uint8Array(readFileSync(path)) };
}

/** Visible text of a DOCX body (runs joined per paragraph). */
const docxText = (bytes: Uint8Array): string =>
  strFromU8(unzipSync(bytes)['word/document.xml'] as Uint8Array)
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '');

const hasTool = (tool: string): boolean => {
  try {
    execFileSync('which', [tool], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
};

describe('letters from a province to a county, and the zipped Shapefile', () => {
  it('sets the project up as a province that sends the letters', async () => {
    await openSampleProject(page, 200_000);
    await page.getByTestId('settings-open').click();
    await expect.poll(() => page.getByTestId('settings-panel').isVisible()).toBe(true);
    await page.getByTestId('settings-letterLevel').selectOption('province');
    await page.getByTestId('settings-issuer').fill('广西壮族自治区生态环境厅');
    await page.getByTestId('settings-issuerDepartment').fill('广西壮族自治区生态环境厅自然生态保护处');
    await screenshot(page, 'letters-settings');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('settings-panel').count(), { timeout: 30_000 }).toBe(0);
  }, 300_000);

  it('warns in words that the sample imagery is coarser than the 2 m of the rules (detection still offered)', async () => {
    await page.getByTestId('tab-layers').click();
    for (const slot of ['t1', 't2'])
      await expect
        .poll(() => page.getByTestId(`detect-coarse-${slot}`).textContent(), { timeout: 30_000 })
        .toMatch(/像元 [\d.]+ 米，粗于 2 米：监管规则要求使用优于 2 米的影像/);
    expect(await page.getByTestId('detect-run').isEnabled()).toBe(true);
    await page.getByTestId('detection-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'letters-detection-coarse');
  }, 60_000);

  it('draws a patch and confirms it', async () => {
    await page.getByTestId('tab-cases').click();
    await page.getByTestId('actor-input').fill('李四');
    await page.getByTestId('actor-save').click();
    await expect.poll(() => page.getByTestId('actor-label').textContent()).toContain('李四');
    await drawRectangle(page, -120, -80, 'petition');
    await page.getByTestId('review-toggle').click();
    await expect.poll(() => page.getByTestId('review-panel').isVisible()).toBe(true);
    await typePatchByKeys(page);
    await page.keyboard.press('y');
    await page.getByTestId('review-toggle').click();
    const row = page.locator('[data-testid="case-row"][data-stage="confirmed"]');
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    confirmed = ((await row.locator('td').first().textContent()) ?? '').trim();
    expect(confirmed).not.toBe('');
  }, 120_000);

  it('exports the 建议核实函 to the county with an edited addressee', async () => {
    await page.getByTestId('tab-exports').click();
    await expect.poll(() => page.getByTestId('export-panel').isVisible()).toBe(true);
    // A province writes to its cities by default; this export goes to the county.
    await page.getByTestId('recipient-level').selectOption('county');
    await page.getByTestId('letter-addressees-3').locator('summary').click();
    const input = page.getByTestId('letter-addressee-3');
    await expect.poll(() => input.count()).toBe(1);
    const key = (await input.getAttribute('data-key')) ?? '';
    const county = key.split('/').at(-1) ?? '';
    expect(county).not.toBe('');
    expect(await input.getAttribute('placeholder')).toBe(`${county}人民政府办公室`);
    const addressee = `${county}人民政府（红线办转）`;
    await input.fill(addressee);
    await screenshot(page, 'letters-export-panel');
    const letter = await download('export-letters-3');
    expect(letter.name).toBe(`附件3_${county}_关于建议核实生态保护红线疑似生态破坏问题的函.docx`);
    const text = docxText(letter.bytes);
    const you = youCounty(county);
    expect(['你县', '你区', '你旗', '你市']).toContain(you);
    expect(text).toContain(`${addressee}：`);
    expect(text).toContain(`经我厅生态保护红线监管平台监测，发现${you}存在生态保护红线疑似生态破坏问题1个`);
    expect(text).toContain('反馈我厅。');
    expect(text).toContain('广西壮族自治区生态环境厅');
    expect(text).toContain(confirmed);
    expect(text).not.toMatch(/我部|你省/);

    // The pages as a reader sees them: LibreOffice → PDF → PNG (skipped, and said so, when not installed).
    if (hasTool('soffice') && hasTool('pdftoppm')) {
      execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', OUT, letter.path], {
        stdio: 'pipe',
        timeout: 120_000,
      });
      const pdf = letter.path.replace(/\.docx$/, '.pdf');
      expect(existsSync(pdf)).toBe(true);
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(SCREENSHOT_DIR, 'letters-docx-page')]);
      const pages = readdirSync(SCREENSHOT_DIR).filter((f) => f.startsWith('letters-docx-page'));
      expect(pages.length).toBeGreaterThanOrEqual(2);
    } else console.warn('LibreOffice or pdftoppm not installed: DOCX pages not rendered');
  }, 240_000);

  it('exports the patches as a GBK Shapefile in a Gauss-Krüger zone, read back by the app reader', async () => {
    await page.getByTestId('shp-encoding').selectOption('gbk');
    await page.getByTestId('shp-crs').selectOption('gk3');
    const zip = await download('export-shapefile');
    expect(zip.name).toMatch(/_图斑_EPSG45\d\d_GBK\.shp\.zip$/);
    const files = unzipSync(zip.bytes);
    const part = (ext: string) => {
      const name = `redline_patches.${ext}`;
      const bytes = files[name];
      return bytes ? { name, bytes } : undefined;
    };
    expect(strFromU8(part('cpg')?.bytes ?? new Uint8Array())).toBe('GBK');
    expect(strFromU8(part('prj')?.bytes ?? new Uint8Array())).toMatch(
      /^PROJCS\["CGCS2000_3_Degree_GK_CM_\d+E"/,
    );
    const layer = readShapefile({
      name: 'redline_patches',
      shp: part('shp'),
      shx: part('shx'),
      dbf: part('dbf'),
      prj: part('prj'),
      cpg: part('cpg'),
    });
    const features = layer.features ?? [];
    expect(features.map((f) => f.properties?.TBBH)).toEqual([confirmed]);
    expect(features[0]?.properties?.SHENG).toBe('广西壮族自治区');
    expect(features[0]?.geometry?.type).toBe('Polygon');
    // Back in lon/lat, the patch lies in the sample's area (北海, about 109°E 21.5°N).
    const [lon, lat] =
      (features[0]?.geometry?.type === 'Polygon' ? features[0].geometry.coordinates[0]?.[0] : []) ?? [];
    expect(lon).toBeGreaterThan(108.5);
    expect(lon).toBeLessThan(110);
    expect(lat).toBeGreaterThan(21);
    expect(lat).toBeLessThan(22);
  }, 120_000);
});
