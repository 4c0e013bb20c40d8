import { describe, expect, it } from 'vitest';
import {
  guardedSession,
  screenshot,
  openSampleProject,
  drawRectangle,
  png,
  historyTypes,
} from './harness.ts';

const s = guardedSession();

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

const indexNos = () =>
  s.page
    .getByTestId('evidence-item')
    .evaluateAll((items) => items.map((i) => i.getAttribute('data-index-no')));

/** Thumbnails that have decoded (a real picture, not a broken image). */
const loadedThumbs = () =>
  s.page
    .getByTestId('evidence-thumb')
    .evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length);

let caseId = '';

describe('case evidence: photos and documents with index numbers', () => {
  it('attaches two photos and a PDF to a hand-drawn case, numbered <patch id>-NN', async () => {
    await openSampleProject(s.page, 90_000);
    await s.page.getByTestId('tab-cases').click();
    await s.page.getByTestId('actor-input').fill('李四');
    await s.page.getByTestId('actor-save').click();
    await expect.poll(() => s.page.getByTestId('actor-label').textContent()).toContain('李四');
    await drawRectangle(s.page, 0, 0, 'petition', 150_000);
    await s.page.getByTestId('case-row').first().click();
    await expect.poll(() => s.page.getByTestId('case-detail').count()).toBe(1);
    caseId = ((await s.page.locator('[data-testid="case-detail"] h3').textContent()) ?? '').trim();
    expect(caseId).toMatch(/^\d{6}-\d{4}-/);

    await s.page.getByTestId('evidence-input').setInputFiles([
      { name: '现场照片1.png', mimeType: 'image/png', buffer: png(320, 240, [40, 110, 60]) },
      { name: '现场照片2.png', mimeType: 'image/png', buffer: png(240, 320, [150, 90, 40]) },
      { name: '现场核查记录.pdf', mimeType: 'application/pdf', buffer: PDF },
    ]);
    await expect.poll(() => s.page.getByTestId('evidence-item').count()).toBe(3);
    expect(await indexNos()).toEqual([`${caseId}-01`, `${caseId}-02`, `${caseId}-D01`]);
    await expect.poll(loadedThumbs).toBe(2);
    expect(await s.page.getByTestId('evidence-doc').textContent()).toBe('PDF');
    await screenshot(s.page, 'evidence-attached');
  }, 480_000);

  it('refuses a non-image as a photo and an unsupported file, with a message and nothing stored', async () => {
    await s.page.getByTestId('evidence-mode').selectOption('photo');
    await s.page
      .getByTestId('evidence-input')
      .setInputFiles([{ name: '说明.pdf', mimeType: 'application/pdf', buffer: PDF }]);
    await expect
      .poll(() => s.page.getByTestId('notice-message').allTextContents())
      .toContainEqual(expect.stringContaining('不能作为照片添加'));
    await s.page.getByTestId('evidence-mode').selectOption('auto');
    await s.page
      .getByTestId('evidence-input')
      .setInputFiles([
        { name: 'tool.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\0') },
      ]);
    await expect
      .poll(() => s.page.getByTestId('notice-message').allTextContents())
      .toContainEqual(expect.stringContaining('不是支持的格式'));
    expect(await s.page.getByTestId('evidence-item').count()).toBe(3);
    await screenshot(s.page, 'evidence-refused');
    while ((await s.page.getByTestId('notice-close').count()) > 0)
      await s.page.getByTestId('notice-close').first().click();
  });

  it('removes a photo after confirmation, with a note; the number is not reused', async () => {
    await s.page
      .locator(`[data-testid="evidence-item"][data-index-no="${caseId}-01"]`)
      .getByTestId('evidence-remove')
      .click();
    await s.page.getByTestId('evidence-remove-note').fill('拍摄位置错误');
    await s.page.getByTestId('evidence-remove-go').click();
    await expect.poll(() => s.page.getByTestId('confirm-dialog').count()).toBe(1);
    expect(await s.page.getByTestId('confirm-dialog').textContent()).toContain(`${caseId}-01`);
    await screenshot(s.page, 'evidence-remove-confirm');
    await s.page.getByTestId('confirm-ok').click();
    await expect.poll(() => s.page.getByTestId('evidence-item').count()).toBe(2);
    expect(await indexNos()).toEqual([`${caseId}-02`, `${caseId}-D01`]);
  });

  it('keeps evidence, thumbnails and history after a reload; a new photo gets the next number', async () => {
    await s.page.reload();
    // Let the project finish opening (layers, scenes, ledger) before picking the case.
    await expect.poll(() => s.page.getByTestId('scene-item').count(), { timeout: 90_000 }).toBe(2);
    await s.page.getByTestId('tab-cases').click();
    await expect.poll(() => s.page.getByTestId('case-row').count(), { timeout: 60_000 }).toBe(1);
    await s.page.getByTestId('case-row').first().click();
    await expect.poll(indexNos).toEqual([`${caseId}-02`, `${caseId}-D01`]);
    await expect.poll(loadedThumbs).toBe(1);
    const types = await historyTypes(s.page);
    expect(types.filter((type) => type?.startsWith('evidence_'))).toEqual([
      'evidence_added',
      'evidence_added',
      'evidence_added',
      'evidence_removed',
    ]);
    const removed = s.page.locator('[data-testid="history-entry"][data-type="evidence_removed"]');
    expect(await removed.textContent()).toContain(`${caseId}-01`);
    expect(await removed.textContent()).toContain('拍摄位置错误');

    await s.page
      .getByTestId('evidence-input')
      .setInputFiles([{ name: '补拍.png', mimeType: 'image/png', buffer: png(200, 150, [60, 60, 160]) }]);
    await expect.poll(() => s.page.getByTestId('evidence-item').count()).toBe(3);
    expect(await indexNos()).toEqual([`${caseId}-02`, `${caseId}-03`, `${caseId}-D01`]);
    await expect.poll(loadedThumbs).toBe(2);
    await s.page.getByTestId('evidence-section').scrollIntoViewIfNeeded();
    await screenshot(s.page, 'evidence-after-reload');
  }, 300_000);
});
