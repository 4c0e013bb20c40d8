// Issue 20: the assessment's 管理 and qualitative indicators entered with their source and date, a weight of
// the scoring table edited, the total shown with its formula; then a control-zone search on a generated pair
// finds a patch listed as a control-zone finding, absent from 附件1.
import { describe, expect, it } from 'vitest';
import { baseUrl, guardedSession, openSampleProject, screenshot } from './harness.ts';
import { rgbT1, rgbT2 } from './geotiff-fixture.ts';

const s = guardedSession();

const box = (w: number, south: number, e: number, n: number) => ({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { name: 'zone' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [w, south],
            [e, south],
            [e, n],
            [w, n],
            [w, south],
          ],
        ],
      },
    },
  ],
});

async function enter(indicator: string, value: string, source: string, date: string): Promise<void> {
  await s.page.getByTestId('assess-indicator').selectOption(indicator);
  await s.page.getByTestId('assess-value').fill(value);
  await s.page.getByTestId('assess-source').fill(source);
  await s.page.getByTestId('assess-date').fill(date);
  await s.page.getByTestId('assess-add').click();
}

describe('assessment: management and qualitative indicators with an editable scoring table', () => {
  it('enters 制度落实 and 公众满意度, edits weights and shows the total with its formula', async () => {
    await openSampleProject(s.page, 90_000);
    await s.page.getByTestId('tab-notebook').click();
    const section = s.page.getByTestId('assess-scoring');
    await section.scrollIntoViewIfNeeded();
    // A value without its source is refused in words and nothing is recorded.
    await enter('institution', '90', '', '2026-06-01');
    await expect
      .poll(() => s.page.getByTestId('notice-message').allTextContents())
      .toContainEqual(expect.stringContaining('请填写来源'));
    expect(await s.page.getByTestId('assess-current-institution').textContent()).toBe('未填报');
    await enter('institution', '90', '省委办公厅督查通报', '2026-06-01');
    await enter('satisfaction', '80', '第三方满意度调查', '2026-05-20');
    await expect.poll(() => s.page.getByTestId('assess-current-institution').textContent()).toBe('90');
    await expect.poll(() => s.page.getByTestId('assess-current-satisfaction').textContent()).toBe('80');
    expect(await s.page.getByTestId('assess-row-satisfaction').textContent()).toContain(
      '第三方满意度调查（2026-05-20）',
    );
    // Three weighted indicators are still missing: no total, and they are named.
    const total = s.page.getByTestId('assess-total');
    expect(await total.textContent()).toContain('总分暂缺');
    expect(await total.textContent()).toContain('生态破坏事件');
    // Only the two entered indicators weigh: 60 and 40.
    const weights: Record<string, string> = {
      institution: '60',
      rectification_rate: '0',
      satisfaction: '40',
      damage_events: '0',
      pollution_events: '0',
    };
    for (const [indicator, weight] of Object.entries(weights))
      await s.page.getByTestId(`assess-weight-${indicator}`).fill(weight);
    await s.page.getByTestId('assess-save-table').click();
    // 制度落实 90 → 90 points (linear 0–100); 满意度 80 → (80−60)/(95−60) × 100 = 57.14 points.
    const expected = (60 * 90 + 40 * ((80 - 60) / (95 - 60)) * 100) / 100;
    await expect.poll(() => total.textContent()).toBe(`总分：${Number(expected.toFixed(2))}`);
    const formula = (await s.page.getByTestId('assess-formula').textContent()) ?? '';
    expect(formula).toContain('总分 = Σ（权重 × 得分）÷ Σ 权重');
    expect(formula).toContain('60×90');
    expect(formula).toContain('40×57.14');
    expect(formula).toContain('÷ 100');
    await s.page.getByTestId('assess-formula').scrollIntoViewIfNeeded();
    await screenshot(s.page, 'assessment-management-total');
    // Kept after a reload: the entries and the saved table.
    await s.page.goto(baseUrl());
    await s.page.getByTestId('tab-notebook').click();
    await expect
      .poll(() => s.page.getByTestId('assess-total').textContent(), { timeout: 60_000 })
      .toBe(`总分：${Number(expected.toFixed(2))}`);
  });
});

describe('control zones searched apart', () => {
  it(
    'a run over control zones yields a patch marked as control zone, absent from 附件1',
    { timeout: 240_000 },
    async () => {
      await s.page.goto(baseUrl());
      // The last project (the sample) reopens first: wait for it, so it cannot take over the new one.
      await expect.poll(() => s.page.getByTestId('scene-item').count(), { timeout: 90_000 }).toBe(2);
      await expect
        .poll(() => s.page.getByTestId('header-project').getAttribute('data-sample-ready'), {
          timeout: 90_000,
        })
        .toBe('true');
      await expect
        .poll(() => s.page.getByTestId('project-item').count(), { timeout: 30_000 })
        .toBeGreaterThan(0);
      const projects = await s.page.getByTestId('project-item').count();
      await s.page.getByTestId('project-new').click();
      await expect
        .poll(() => s.page.getByTestId('project-item').count(), { timeout: 30_000 })
        .toBe(projects + 1);
      await s.page.getByTestId('tab-layers').click();
      // The new project is open once the sample's layers and scenes have left the panel.
      await expect.poll(() => s.page.getByTestId('layer-item').count(), { timeout: 30_000 }).toBe(0);
      await expect.poll(() => s.page.getByTestId('scene-item').count(), { timeout: 30_000 }).toBe(0);
      // The generated pair lies near 110.1°E 21.47°N: a red line far away, a control zone over the scene.
      const layer = async (name: string, kind: string, fc: object, count: number) => {
        await s.page.getByTestId('file-input').setInputFiles({
          name,
          mimeType: 'application/geo+json',
          buffer: Buffer.from(JSON.stringify(fc)),
        });
        await expect
          .poll(() => s.page.getByTestId('import-dialog').isVisible(), { timeout: 30_000 })
          .toBe(true);
        await s.page.getByTestId('import-kind').selectOption(kind);
        await s.page.getByTestId('import-confirm').click();
        await expect.poll(() => s.page.getByTestId('layer-item').count(), { timeout: 30_000 }).toBe(count);
      };
      await layer('生态保护红线.geojson', 'redline', box(110.5, 21.4, 110.6, 21.5), 1);
      await layer('生态空间管控区域.geojson', 'control_zone', box(109.9, 21.3, 110.3, 21.6), 2);
      await s.page.getByTestId('file-input').setInputFiles([
        { name: 'rgb-20180310.tif', mimeType: 'image/tiff', buffer: rgbT1 },
        { name: 'rgb-20180920.tif', mimeType: 'image/tiff', buffer: rgbT2 },
      ]);
      await expect.poll(() => s.page.getByTestId('scene-item').count(), { timeout: 60_000 }).toBe(2);
      await expect
        .poll(() => s.page.locator('[data-testid="job"][data-status="running"]').count(), { timeout: 60_000 })
        .toBe(0);
      const tick = s.page.getByTestId('detect-control-zones');
      expect(await tick.isChecked()).toBe(false);
      await tick.check();
      await s.page.getByTestId('detect-run').click();
      // The operator's name is asked once per device: only if this session has not given it yet.
      const asked = await s.page
        .getByTestId('actor-dialog')
        .waitFor({ timeout: 10_000 })
        .then(() => true)
        .catch(() => false);
      if (asked) {
        await s.page.getByTestId('actor-dialog-input').fill('检测员');
        await s.page.getByTestId('actor-dialog-save').click();
      }
      await expect.poll(() => s.page.getByTestId('detect-result').count(), { timeout: 180_000 }).toBe(1);
      const result = (await s.page.getByTestId('detect-result').textContent()) ?? '';
      const found = Number(/检测完成：(\d+) 个图斑/.exec(result)?.[1] ?? 0);
      expect(found).toBeGreaterThan(0);
      await screenshot(s.page, 'control-zone-detected');
      await s.page.getByTestId('tab-cases').click();
      await expect.poll(() => s.page.getByTestId('case-row').count(), { timeout: 30_000 }).toBe(found);
      expect(await s.page.getByTestId('control-zone-mark').count()).toBe(found);
      await screenshot(s.page, 'control-zone-cases');
      // Confirmed or not, a control-zone finding never enters 附件1: its row count stays 0.
      await s.page.getByTestId('tab-exports').click();
      const lists = s.page.getByTestId('export-lists');
      await expect.poll(() => lists.textContent()).toContain('生态空间管控区域');
      expect(await lists.locator('.row').first().textContent()).toContain('0 条');
    },
  );
});
