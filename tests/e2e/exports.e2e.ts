/**
 * What leaves the laptop and comes back: in one profile, draw and confirm patches on the sample project and
 * export every list, letter, GIS file, a verification sheet and the case bundle (each checked in Node); in a
 * fresh profile, import the bundle into a new project, see the same cases and continue the workflow there;
 * a bundle with one flipped byte is refused and the project stays as it was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import {
  baseUrl,
  guardedSession,
  screenshot,
  openSampleProject,
  drawRectangle,
  png,
  historyTypes,
  typePatchByKeys,
} from './harness.ts';
import { openBundle } from '../../src/core/bundle/verify.ts';
import { bytesSource } from '../../src/core/bundle/zip-index.ts';
import { ANNEX1_COLUMNS, ANNEX4_COLUMNS } from '../../src/core/case/annex.ts';

const OUT = 'test-results/exports';
/** One guarded profile per user; every profile's guard is checked after each test. */
const session = guardedSession();
let page: Page;
/** The first profile's page (the sample project), kept for the conflict test. */
let first: Page;
let bundlePath = '';
let exportedCases: { id: string; stage: string }[] = [];

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  page = session.page;
  first = page;
});

/** Click a button that starts an export and save the file it downloads. */
async function download(p: Page, testId: string): Promise<{ name: string; path: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([
    p.waitForEvent('download', { timeout: 90_000 }),
    p.getByTestId(testId).click(),
  ]);
  const name = file.suggestedFilename();
  const path = join(OUT, name);
  await file.saveAs(path);
  return { name, path, bytes: new Uint8Array(readFileSync(path)) };
}

async function caseRows(p: Page): Promise<{ id: string; stage: string }[]> {
  const rows = await p.getByTestId('case-row').evaluateAll((items) =>
    items.map((item) => ({
      id: item.querySelector('td')?.textContent?.trim() ?? '',
      stage: item.getAttribute('data-stage') ?? '',
    })),
  );
  return rows.sort((a, b) => a.id.localeCompare(b.id));
}

async function xlsxRows(bytes: Uint8Array): Promise<{ sheet: string; rows: string[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.slice().buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const rows: string[][] = [];
  sheet.eachRow((row, n) => {
    const values: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c += 1) values.push(String(row.getCell(c).value ?? ''));
    rows[n - 1] = values;
  });
  return { sheet: sheet.name, rows };
}

let confirmedClue = '';
let notebookName = '';
let notebookCells = 0;

describe('exports and case bundles between two browser profiles', () => {
  it('opens the sample project', async () => {
    await openSampleProject(page, 110_000);
  });

  it('draws two patches and confirms one by keyboard', async () => {
    await page.getByTestId('tab-cases').click();
    await page.getByTestId('actor-input').fill('李四');
    await page.getByTestId('actor-save').click();
    await expect.poll(() => page.getByTestId('actor-label').textContent()).toContain('李四');
    await drawRectangle(page, -120, -80, 'petition');
    await drawRectangle(page, 60, 40, 'leader_instruction');
    await page.getByTestId('review-toggle').click();
    await expect.poll(() => page.getByTestId('review-panel').isVisible()).toBe(true);
    await typePatchByKeys(page);
    const first = await page.getByTestId('review-id').textContent();
    await page.keyboard.press('y');
    // A decided case leaves the review queue; the list shows every stage again once review mode is off.
    await expect.poll(() => page.getByTestId('review-id').textContent(), { timeout: 30_000 }).not.toBe(first);
    await page.getByTestId('review-toggle').click();
    await expect
      .poll(() => page.locator('[data-testid="case-row"][data-stage="confirmed"]').count(), {
        timeout: 30_000,
      })
      .toBe(1);
    exportedCases = await caseRows(page);
    expect(exportedCases.map((c) => c.stage).sort()).toEqual(['confirmed', 'suspected']);
    // Which of the two the queue offered first is not fixed (equal scores): read the confirmed one's clue.
    await page.locator('[data-testid="case-row"][data-stage="confirmed"]').click();
    const detail = (await page.getByTestId('case-detail').textContent()) ?? '';
    confirmedClue = ['信访举报', '领导批示'].find((label) => detail.includes(label)) ?? '';
    expect(confirmedClue).not.toBe('');
  });

  it('exports the annex lists as XLSX (headers checked with exceljs) and CSV', async () => {
    await page.getByTestId('tab-exports').click();
    await expect.poll(() => page.getByTestId('export-panel').isVisible()).toBe(true);
    const confirmed = exportedCases.find((c) => c.stage === 'confirmed')?.id ?? '';

    const annex1 = await download(page, 'export-list-1-xlsx');
    expect(annex1.name).toMatch(/^附件1_广西壮族自治区.*\.xlsx$/);
    const one = await xlsxRows(annex1.bytes);
    expect(one.sheet).toBe('附件1');
    expect(one.rows[1]?.[0]).toBe('广西壮族自治区生态保护红线疑似生态破坏问题清单');
    expect(one.rows[2]).toEqual(ANNEX1_COLUMNS.map((c) => c.header));
    expect(one.rows[3]?.[0]).toBe(confirmed);
    expect(one.rows[3]?.[10]).toBe(`线索来源：${confirmedClue}`);

    const annex4 = await xlsxRows((await download(page, 'export-list-4-xlsx')).bytes);
    expect(annex4.rows[2]?.slice(0, 2)).toEqual(['问题编号', '所在行政区名称']);
    expect(annex4.rows[3]?.slice(1, 7)).toEqual(ANNEX4_COLUMNS.slice(1, 7).map((c) => c.header));

    const annex2 = await xlsxRows((await download(page, 'export-list-2-xlsx')).bytes);
    expect(annex2.rows[2]).toEqual(ANNEX1_COLUMNS.map((c) => c.header));

    const csv = await download(page, 'export-list-1-csv');
    // UTF-8 with BOM, so Excel and WPS read the Chinese text (TextDecoder drops the BOM it reads).
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(csv.bytes);
    expect(text.startsWith('图斑编号,省级行政区')).toBe(true);
    expect(text).toContain(confirmed);
  });

  it('exports letter 附件3 per province as DOCX; 附件5 has no transferred case and makes none', async () => {
    const letter = await download(page, 'export-letters-3');
    expect(letter.name).toMatch(/^附件3_广西壮族自治区_.*\.docx$/);
    const xml = strFromU8(unzipSync(letter.bytes)['word/document.xml'] as Uint8Array);
    expect(xml).toContain('关于建议核实生态保护红线疑似生态破坏问题的函');
    expect(xml).toContain('广西壮族自治区人民政府办公厅');
    await page.getByTestId('export-letters-5').click();
    await expect
      .poll(() => page.getByTestId('notice-message').allTextContents(), { timeout: 30_000 })
      .toContain('没有符合条件的问题，未生成函件。');
  });

  it('exports patches as GeoJSON and GeoParquet in EPSG:4490 with the annex field names', async () => {
    const geojson = await download(page, 'export-geojson');
    const fc = JSON.parse(new TextDecoder().decode(geojson.bytes)) as {
      crs: { properties: { name: string } };
      features: { properties: Record<string, unknown>; geometry: { type: string } }[];
    };
    expect(fc.crs.properties.name).toBe('urn:ogc:def:crs:EPSG::4490');
    expect(fc.features.map((f) => f.properties['图斑编号']).sort()).toEqual(exportedCases.map((c) => c.id));
    expect(fc.features.every((f) => f.geometry.type === 'Polygon')).toBe(true);

    const parquet = await download(page, 'export-geoparquet');
    const buffer = parquet.bytes.slice().buffer;
    const geo = parquetMetadata(buffer).key_value_metadata?.find((kv) => kv.key === 'geo')?.value ?? '';
    expect(JSON.parse(geo).columns.geometry.crs.id.code).toBe(4490);
    const rows = await parquetReadObjects({ file: buffer });
    expect(rows.map((r) => r['图斑编号']).sort()).toEqual(exportedCases.map((c) => c.id));
  });

  it('makes a verification sheet with the T1/T2 chips for the confirmed case', async () => {
    const confirmed = exportedCases.find((c) => c.stage === 'confirmed')?.id ?? '';
    await page.locator(`[data-testid="sheet-case"][data-case="${confirmed}"] input`).check();
    const sheet = await download(page, 'export-sheets-button');
    expect(sheet.name).toBe(`图斑核查单_${confirmed}.docx`);
    const files = unzipSync(sheet.bytes);
    expect(Object.keys(files).filter((k) => k.startsWith('word/media/'))).toHaveLength(2);
    const xml = strFromU8(files['word/document.xml'] as Uint8Array);
    for (const text of ['生态保护红线图斑核查单', confirmed, '拐点坐标', '叠加分析', '李四', '现场核查'])
      expect(xml).toContain(text);
  });

  it('several selected sheets come as one zip (one download), one DOCX per case', async () => {
    await page.getByTestId('sheets-all').click();
    const zip = await download(page, 'export-sheets-button');
    expect(zip.name).toMatch(/^图斑核查单_2份_\d{4}-\d{2}-\d{2}\.zip$/);
    const inner = unzipSync(zip.bytes);
    expect(Object.keys(inner).sort()).toEqual(exportedCases.map((c) => `图斑核查单_${c.id}.docx`).sort());
    for (const bytes of Object.values(inner)) {
      const xml = strFromU8(unzipSync(bytes)['word/document.xml'] as Uint8Array);
      expect(xml).toContain('生态保护红线图斑核查单');
      // Engine internals never reach paper (they stay in the bundle's runs.json).
      for (const internal of ['tileSize', 'smoothRadius', 'zThreshold']) expect(xml).not.toContain(internal);
    }
    await page.getByTestId('sheets-none').click();
  });

  it('exports the case bundle, which verifies in Node with every entry', async () => {
    // The sample's starter notebook is stored the first time the notebook tab opens.
    await page.getByTestId('tab-notebook').click();
    await expect
      .poll(() => page.getByTestId('nb-select').locator('option').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    notebookName = (await page.getByTestId('nb-select').locator('option').first().textContent()) ?? '';
    notebookCells = await page.getByTestId('cell').count();
    await page.getByTestId('tab-exports').click();
    const bundle = await download(page, 'export-bundle-button');
    expect(bundle.name).toMatch(/^案卷包_.*\.zip$/);
    bundlePath = bundle.path;
    const opened = await openBundle(bytesSource(bundle.bytes));
    const paths = opened.entries.map((e) => e.path);
    for (const expected of ['events.jsonl', 'project.json', 'lists/annex1-01.xlsx', 'patches.geojson'])
      expect(paths).toContain(expected);
    expect(paths.filter((p) => p.startsWith('layers/'))).toHaveLength(3);
    expect(paths.filter((p) => p.startsWith('chips/'))).toHaveLength(4);
    // The project's notebooks travel with the bundle, named in the manifest.
    const notebooks = opened.entries.filter((e) => e.path.startsWith('notebooks/'));
    expect(notebooks.map((e) => e.path)).toEqual(['notebooks/01.rnb.json']);
    expect(notebooks[0]?.title).toBe(notebookName);
    expect(opened.manifest.creator.actor).toBe('李四');
    expect(opened.manifest.project.province).toBe('广西壮族自治区');
    await screenshot(page, 'exports-panel');
  });

  it('imports the bundle into a new project in a fresh profile: same cases, layers along', async () => {
    const { page: other } = await session.newProfile();
    await other.goto(baseUrl());
    await other.getByTestId('project-new').click();
    await expect.poll(() => other.getByTestId('project-item').count(), { timeout: 30_000 }).toBe(1);
    await other.getByTestId('tab-exports').click();
    // The panel appears once the new project is mounted (DuckDB started, empty ledger loaded).
    await expect
      .poll(() => other.getByTestId('export-case-count').textContent(), { timeout: 60_000 })
      .toBe('本项目共 0 个图斑');
    await other.getByTestId('import-file').setInputFiles(bundlePath);
    await expect.poll(() => other.getByTestId('import-preview').isVisible(), { timeout: 60_000 }).toBe(true);
    const counts = other.getByTestId('import-counts');
    expect(Number(await counts.getAttribute('data-present'))).toBe(0);
    const manifest = (await openBundle(bytesSource(new Uint8Array(readFileSync(bundlePath))))).manifest;
    expect(Number(await counts.getAttribute('data-added'))).toBe(manifest.counts.events);
    expect(await other.getByTestId('import-case-row').count()).toBe(2);
    await screenshot(other, 'exports-import-preview');
    await other.getByTestId('import-apply').click();
    await expect.poll(() => other.getByTestId('import-result').isVisible(), { timeout: 60_000 }).toBe(true);
    // The reference layers came along.
    await other.getByTestId('tab-layers').click();
    await expect.poll(() => other.getByTestId('layer-item').count(), { timeout: 60_000 }).toBe(3);
    // So did the notebook, as it was: listed with all its cells, and nothing runs on import.
    await other.getByTestId('tab-notebook').click();
    await expect
      .poll(() => other.getByTestId('nb-select').locator('option').allTextContents(), { timeout: 30_000 })
      .toEqual([notebookName]);
    expect(await other.getByTestId('cell').count()).toBe(notebookCells);
    expect(await other.getByTestId('nb-cancel').count()).toBe(0);

    await other.getByTestId('tab-cases').click();
    await expect.poll(() => caseRows(other), { timeout: 30_000 }).toEqual(exportedCases);
    page = other;
  });

  it('carries the project settings, and importing the same bundle again adds nothing', async () => {
    const other = page;
    // The project settings came along: the lists of the new project name the sample's province.
    await other.getByTestId('tab-exports').click();
    const list = await xlsxRows((await download(other, 'export-list-1-xlsx')).bytes);
    expect(list.rows[1]?.[0]).toBe('广西壮族自治区生态保护红线疑似生态破坏问题清单');

    // Importing the same bundle again adds nothing.
    await other.getByTestId('import-file').setInputFiles(bundlePath);
    await expect.poll(() => other.getByTestId('import-nothing').isVisible(), { timeout: 60_000 }).toBe(true);
    expect(Number(await other.getByTestId('import-counts').getAttribute('data-added'))).toBe(0);
    await other.getByTestId('import-discard').click();
  });

  it('continues the workflow in the new profile: a second expert hands the confirmed case over', async () => {
    const other = page;
    await other.getByTestId('tab-cases').click();
    await other.getByTestId('actor-input').fill('王五');
    await other.getByTestId('actor-save').click();
    await other.locator('[data-testid="case-row"][data-stage="confirmed"]').click();
    await other.getByTestId('action-handed_over').click();
    await other.getByTestId('action-submit').click();
    await expect
      .poll(() => other.getByTestId('case-stage').textContent(), { timeout: 30_000 })
      .toBe('已移交');
    // 王五 photographs the site on this laptop: the case's first photo here, -01.
    await other
      .getByTestId('evidence-input')
      .setInputFiles([{ name: '王五现场.png', mimeType: 'image/png', buffer: png(160, 120, [40, 110, 60]) }]);
    await expect.poll(() => other.getByTestId('evidence-item').count(), { timeout: 30_000 }).toBe(1);
    await screenshot(other, 'exports-imported-handed-over');
  });

  it('shows a concurrent edit of the same case as a conflict with both values and who made them', async () => {
    // Meanwhile, in the first profile, 李四 hands the same case over with a letter number.
    await first.getByTestId('tab-cases').click();
    await first.locator('[data-testid="case-row"][data-stage="confirmed"]').click();
    await first.getByTestId('action-handed_over').click();
    await first.locator('[data-field="letterNo"]').fill('环办函〔2026〕1号');
    await first.getByTestId('action-submit').click();
    await expect
      .poll(() => first.getByTestId('case-stage').textContent(), { timeout: 30_000 })
      .toBe('已移交');
    // 李四 attaches a photo too, also the case's first here: both laptops numbered theirs -01.
    await first
      .getByTestId('evidence-input')
      .setInputFiles([{ name: '李四现场.png', mimeType: 'image/png', buffer: png(160, 120, [150, 90, 40]) }]);
    await expect.poll(() => first.getByTestId('evidence-item').count(), { timeout: 30_000 }).toBe(1);
    const caseId = ((await first.locator('[data-testid="case-detail"] h3').textContent()) ?? '').trim();
    // 王五's bundle comes back to the first profile.
    await page.getByTestId('tab-exports').click();
    const back = await download(page, 'export-bundle-button');
    await first.getByTestId('tab-exports').click();
    await first.getByTestId('import-file').setInputFiles(back.path);
    await expect.poll(() => first.getByTestId('import-preview').isVisible(), { timeout: 60_000 }).toBe(true);
    const conflict = first.getByTestId('import-conflict').first();
    await expect.poll(() => first.getByTestId('import-conflict').count()).toBeGreaterThan(0);
    const text = (await conflict.textContent()) ?? '';
    for (const expected of ['移交查处', '文号：环办函〔2026〕1号', '文号：—', '王五', '李四'])
      expect(text).toContain(expected);
    await screenshot(first, 'exports-import-conflict');
    await first.getByTestId('import-apply').click();
    await expect.poll(() => first.getByTestId('import-result').isVisible(), { timeout: 60_000 }).toBe(true);
    await first.getByTestId('tab-cases').click();
    await first.locator('[data-testid="case-row"][data-stage="handed_over"]').click();
    const types = await historyTypes(first);
    expect(types.filter((t) => t === 'handed_over')).toHaveLength(2);
    // Both photos are kept, with distinct numbers; the one that moved says so.
    await expect.poll(() => first.getByTestId('evidence-item').count(), { timeout: 30_000 }).toBe(2);
    const numbers = await first
      .getByTestId('evidence-item')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-index-no')));
    expect(numbers).toEqual([`${caseId}-01`, `${caseId}-02`]);
    expect(await first.getByTestId('evidence-renumbered').textContent()).toContain(`原编号 ${caseId}-01`);
    await first.getByTestId('evidence-renumbered').scrollIntoViewIfNeeded();
    await screenshot(first, 'exports-evidence-renumbered');
  });

  it('refuses a bundle with one flipped byte with a clear message, and changes nothing', async () => {
    const bytes = new Uint8Array(readFileSync(bundlePath));
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0x01;
    const bad = join(OUT, 'flipped-bundle.zip');
    writeFileSync(bad, bytes);
    await page.getByTestId('tab-cases').click();
    await expect.poll(() => page.getByTestId('case-row').count(), { timeout: 30_000 }).toBe(2);
    const before = await caseRows(page);
    await page.getByTestId('tab-exports').click();
    await page.getByTestId('import-file').setInputFiles(bad);
    await expect.poll(() => page.getByTestId('import-refused').isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await page.getByTestId('import-refused').textContent()).toContain('案卷包已拒绝导入');
    expect(['hash_mismatch', 'corrupt_zip', 'size_mismatch']).toContain(
      await page.getByTestId('import-refused').getAttribute('data-code'),
    );
    expect(await page.getByTestId('import-preview').count()).toBe(0);
    await screenshot(page, 'exports-refused');
    await page.getByTestId('tab-cases').click();
    expect(await caseRows(page)).toEqual(before);
  });
});
