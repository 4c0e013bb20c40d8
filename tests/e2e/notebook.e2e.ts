import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Locator } from 'playwright-core';
import { guardedSession, screenshot, openSampleProject } from './harness.ts';

// A failing statement is logged by DuckDB's worker; the cell shows it, so it is expected here.
const s = guardedSession({ expectedError: (text) => text.includes('no_such_column') });

const cells = (): Locator => s.page.getByTestId('cell');
const cell = (kind: string): Locator => s.page.locator(`[data-testid="cell"][data-kind="${kind}"]`).last();

/** Wait until a "run all" (or one cell) has finished. */
async function waitIdle(timeout = 120_000): Promise<void> {
  await expect.poll(() => s.page.getByTestId('nb-run-all').isVisible(), { timeout }).toBe(true);
  await expect
    .poll(() => s.page.locator('[data-testid="cell-status"]', { hasText: /运行中/ }).count())
    .toBe(0);
}

async function runAll(): Promise<void> {
  const started = Date.now();
  await s.page.getByTestId('nb-run-all').click();
  await waitIdle();
  const times = await s.page
    .locator('[data-testid="cell"]')
    .evaluateAll((els) =>
      els.map((el) => `${el.getAttribute('data-kind')}: ${el.querySelector('.ran')?.textContent ?? '-'}`),
    );
  console.log(`run all: ${((Date.now() - started) / 1000).toFixed(1)} s\n  ${times.join('\n  ')}`);
}

/** What each cell of the open notebook shows, timing lines and the assessment's time stamp left out. */
async function outputs(): Promise<string[]> {
  const n = await cells().count();
  const texts: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const c = cells().nth(i);
    const kind = await c.getAttribute('data-kind');
    const target = kind === 'indicator' ? c.getByTestId('indicator-table') : c.getByTestId('cell-output');
    texts.push(
      kind === 'markdown'
        ? ((await c.textContent()) ?? '')
        : (await target.count()) > 0
          ? ((await target.textContent()) ?? '')
          : '<none>',
    );
  }
  return texts;
}

/** The numbers of the indicator table: per row (by name), column key → value. */
async function indicatorValues(): Promise<Map<string, Record<string, string>>> {
  const rows = s.page.locator('[data-testid="indicator-row"], [data-testid="indicator-total"]');
  const out = new Map<string, Record<string, string>>();
  for (let r = 0; r < (await rows.count()); r += 1) {
    const row = rows.nth(r);
    const values: Record<string, string> = {};
    const tds = row.locator('td');
    for (let i = 0; i < (await tds.count()); i += 1)
      values[(await tds.nth(i).getAttribute('data-key')) ?? ''] =
        (await tds.nth(i).getAttribute('data-value')) ?? '';
    out.set(
      (await row.getAttribute('data-testid')) === 'indicator-total' ? 'TOTAL' : (values.name ?? ''),
      values,
    );
  }
  return out;
}

/** Draw a clue patch on the map in the cases tab, `dx`,`dy` pixels from the centre (as review.e2e does). */
async function drawPatch(dx: number, dy: number): Promise<void> {
  await s.page.getByTestId('draw-start').click();
  const box = await s.page.getByTestId('map-canvas').boundingBox();
  if (!box) throw new Error('no map');
  const x = box.x + box.width / 2 + dx;
  const y = box.y + box.height / 2 + dy;
  for (const [ox, oy] of [
    [0, 0],
    [40, 0],
    [40, 30],
    [0, 30],
  ] as const) {
    await s.page.mouse.click(x + ox, y + oy, { delay: 40 });
    await s.page.waitForTimeout(350);
  }
  const before = await s.page.getByTestId('case-row').count();
  await s.page.getByTestId('draw-finish').click();
  await expect.poll(() => s.page.getByTestId('case-row').count(), { timeout: 30_000 }).toBe(before + 1);
}

/** Wait until DuckDB's `patch` table holds at least `n` rows (the ledger mirrors cases in after a load). */
async function waitForPatches(n: number): Promise<void> {
  await expect
    .poll(
      async () => {
        await s.page.getByTestId('sql-input').fill('SELECT count(*) AS n FROM patch');
        await s.page.getByTestId('sql-run').click();
        await s.page.waitForTimeout(300);
        // The console's first column holds a show-on-map button: the count is the last cell.
        return Number((await s.page.getByTestId('sql-result').locator('tbody td').last().textContent()) ?? 0);
      },
      { timeout: 60_000 },
    )
    .toBeGreaterThanOrEqual(n);
}

/** True when this build has the detection engine; then a run (and its patches) exists afterwards. */
let detected = false;

/** Rows of the table a SQL cell shows. */
async function sqlRows(c: Locator): Promise<string[][]> {
  return c
    .getByTestId('cell-table')
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

/** Share of pixels that differ clearly between two screenshots of the map canvas. */
async function changedShare(a: Buffer, b: Buffer): Promise<number> {
  return s.page.evaluate(
    async ({ a, b }) => {
      const read = async (bytes: number[]) => {
        const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('no 2d s.context');
        ctx.drawImage(bitmap, 0, 0);
        return ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
      };
      const [x, y] = [await read(a), await read(b)];
      if (x.length !== y.length) return 1;
      let changed = 0;
      for (let i = 0; i < x.length; i += 4) {
        const d =
          Math.abs((x[i] ?? 0) - (y[i] ?? 0)) +
          Math.abs((x[i + 1] ?? 0) - (y[i + 1] ?? 0)) +
          Math.abs((x[i + 2] ?? 0) - (y[i + 2] ?? 0));
        if (d > 30) changed += 1;
      }
      return changed / (x.length / 4);
    },
    { a: Array.from(a), b: Array.from(b) },
  );
}

describe('analysis notebook on the sample project', () => {
  it(
    'opens the starter notebook of the sample and runs it after patches were found',
    { timeout: 300_000 },
    async () => {
      await openSampleProject(s.page, 90_000);
      // Patches come from a detection run when this build has the engine, else from clues drawn by hand.
      await s.page.waitForTimeout(3000);
      detected = await s.page.getByTestId('detect-run').isEnabled();
      console.log(
        `patches from ${detected ? 'a detection run' : 'hand-drawn clues (no detection engine in this build)'}`,
      );
      // Opening cases needs an actor (who decided): name one first.
      await s.page.getByTestId('tab-cases').click();
      await s.page.getByTestId('actor-input').fill('培训学员');
      await s.page.getByTestId('actor-save').click();
      if (detected) {
        await s.page.getByTestId('tab-layers').click();
        await s.page.getByTestId('detect-run').click();
        await expect
          .poll(() => s.page.getByTestId('detect-result').isVisible(), { timeout: 180_000 })
          .toBe(true);
      } else {
        await drawPatch(-120, -60);
        await drawPatch(60, 40);
        // The ledger mirrors new cases into DuckDB's `patch` table when the project loads: reload to get them.
        await s.page.reload();
        await expect.poll(() => s.page.getByTestId('scene-item').count(), { timeout: 90_000 }).toBe(2);
      }
      await s.page.getByTestId('tab-notebook').click();
      await waitForPatches(detected ? 1 : 2);
      await expect
        .poll(() => s.page.getByTestId('nb-select').inputValue(), { timeout: 30_000 })
        .toBe('nb-starter-beihai');
      // Opening re-runs nothing: no cell has an output yet.
      expect(
        await s.page.locator('[data-testid="cell-status"]', { hasText: '未运行' }).count(),
      ).toBeGreaterThan(5);
      await s.page.getByTestId('nb-wide').click();
      await runAll();
      const statuses = await s.page
        .locator('[data-testid="cell"]:not([data-kind="markdown"])')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-status')));
      expect(
        statuses.every((s) => s === 'fresh'),
        statuses.join(','),
      ).toBe(true);
      // Every cell ran; without a detection run only the detection cell reports an error.
      expect(await s.page.getByTestId('cell-error').count()).toBe(detected ? 0 : 1);
      await screenshot(s.page, 'notebook-starter-run');
      await s.page.locator('[data-testid="cell"][data-kind="indicator"]').scrollIntoViewIfNeeded();
      await screenshot(s.page, 'notebook-starter-assessment');
      await s.page.getByTestId('nb-wide').click();
    },
  );

  it('builds a notebook with one cell of each kind and runs it all', async () => {
    await s.page.getByTestId('nb-new').click();
    await expect.poll(() => cells().count()).toBe(0);
    await s.page.getByTestId('nb-wide').click();

    await s.page.getByTestId('nb-add-markdown').click();
    await cell('markdown')
      .getByTestId('cell-md-input')
      .fill('## 会商结论\n\n- 铁山港区的图斑面积**以 SQL 复核**\n- <b>不是 HTML</b>');
    await cell('markdown').getByTestId('cell-md-edit').click();
    await expect.poll(() => cell('markdown').locator('strong').textContent()).toBe('以 SQL 复核');
    expect(await cell('markdown').locator('b').count()).toBe(0);

    await s.page.getByTestId('nb-add-sql').click();
    await cell('sql')
      .getByTestId('cell-sql-input')
      .fill(
        "SELECT county, count(*) AS n, round(sum(coalesce(redline_ha, area_ha, 0)), 4) AS ha\nFROM patch\nWHERE coalesce(status, '') <> 'rejected'\nGROUP BY county ORDER BY county",
      );
    // Ctrl+Enter runs the cell.
    await cell('sql').getByTestId('cell-sql-input').press('Control+Enter');
    await expect.poll(() => cell('sql').getAttribute('data-status'), { timeout: 30_000 }).toBe('fresh');

    await s.page.getByTestId('nb-add-chart').click();
    const sqlId = (await cell('sql').getAttribute('data-cell-id')) ?? '';
    await cell('chart').getByTestId('cell-chart-source').selectOption(sqlId);
    await cell('chart').getByTestId('cell-chart-x').selectOption('county');
    await cell('chart').getByTestId('cell-chart-y').fill('ha');
    await cell('chart').getByTestId('cell-chart-y').press('Tab');

    await s.page.getByTestId('nb-add-map').click();
    await cell('map').getByTestId('cell-map-save').click();
    await s.page.getByTestId('nb-add-detection').click();
    await s.page.getByTestId('nb-add-indicator').click();
    await cell('indicator').getByTestId('ind-fvc').check();

    expect(await cells().evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')))).toEqual([
      'markdown',
      'sql',
      'chart',
      'map',
      'detection',
      'indicator',
    ]);
    await runAll();
    for (const kind of ['sql', 'chart', 'map', 'detection', 'indicator'])
      expect(await cell(kind).getAttribute('data-status'), kind).toBe('fresh');
    expect(await cell('chart').getByTestId('chart-svg').locator('rect').count()).toBeGreaterThan(0);
    if (detected)
      expect(await cell('detection').getByTestId('cell-detection-params').textContent()).toContain('{');
    else
      expect(await cell('detection').getByTestId('cell-error').textContent()).toContain('no detection run');
    await screenshot(s.page, 'notebook-all-kinds');
  });

  it('finds the same outputs after a reload and another "run all"', async () => {
    const before = await outputs();
    const name = await s.page.getByTestId('nb-select').locator('option:checked').textContent();
    await s.page.reload();
    await expect.poll(() => s.page.getByTestId('scene-item').count(), { timeout: 90_000 }).toBe(2);
    await s.page.getByTestId('tab-notebook').click();
    await waitForPatches(detected ? 1 : 2);
    await expect
      .poll(() => s.page.getByTestId('nb-select').locator('option').count(), { timeout: 30_000 })
      .toBe(2);
    await s.page.getByTestId('nb-select').selectOption({ label: name ?? '' });
    await expect.poll(() => cells().count()).toBe(6);
    // Cached outputs are shown as they were; nothing ran on opening.
    expect(await outputs()).toEqual(before);
    await s.page.getByTestId('nb-wide').click();
    await runAll();
    expect(await outputs()).toEqual(before);
  });

  it('the assessment per county adds up to the SQL answers', async () => {
    const values = await indicatorValues();
    const sql = await sqlRows(cell('sql'));
    expect(sql.length).toBeGreaterThan(0);
    let patches = 0;
    let ha = 0;
    for (const [county, n, area] of sql) {
      const row = values.get(county ?? '');
      expect(row, `county ${county} in the assessment`).toBeDefined();
      expect(Number(row?.patchCount)).toBe(Number(n));
      expect(Number(row?.activityTotalHa)).toBeCloseTo(Number(area), 3);
      patches += Number(n);
      ha += Number(area);
    }
    const total = values.get('TOTAL') ?? {};
    expect(Number(total.patchCount)).toBe(patches);
    expect(Number(total.activityTotalHa)).toBeCloseTo(ha, 3);
    // Red-line area: the county rows add up to the total, and the total agrees with the `area_ha` attribute of
    // the sample (planar Gauss–Krüger areas; ours are on the ellipsoid, so they differ by the zone's scale).
    const rows = [...values.entries()].filter(([k]) => k !== 'TOTAL').map(([, v]) => Number(v.redlineHa));
    expect(rows.reduce((s, v) => s + v, 0)).toBeCloseTo(Number(total.redlineHa), 4);
    await s.page.getByTestId('nb-add-sql').click();
    const check = s.page.locator('[data-testid="cell"][data-kind="sql"]').last();
    await check
      .getByTestId('cell-sql-input')
      .fill(
        "SELECT sum(CAST(regexp_extract(props, '\"area_ha\":\\s*([0-9.]+)', 1) AS DOUBLE)) AS ha\nFROM feature JOIN layer ON layer.id = feature.layer_id WHERE layer.kind = 'redline'",
      );
    await check.getByTestId('cell-run').click();
    await expect.poll(() => check.getAttribute('data-status'), { timeout: 30_000 }).toBe('fresh');
    const planar = Number((await sqlRows(check))[0]?.[0]);
    expect(Math.abs(Number(total.redlineHa) - planar) / planar).toBeLessThan(0.005);
    console.log(`red lines: ellipsoidal ${total.redlineHa} ha, planar attribute sum ${planar} ha`);
  });

  it('shows the choropleth and exports the XLSX sheet', async () => {
    const ind = cell('indicator');
    await ind.getByTestId('ind-metric').selectOption('fvcT2');
    await ind.getByTestId('ind-show-map').click();
    await expect.poll(() => ind.getByTestId('ind-legend').isVisible()).toBe(true);
    await s.page.getByTestId('nb-wide').click(); // narrow again: the map is visible beside the panel
    await ind.getByTestId('ind-legend').scrollIntoViewIfNeeded();
    await s.page.waitForTimeout(1500);
    await screenshot(s.page, 'notebook-choropleth-fvc');
    // Red-line share has a value in every county: a choropleth with several classes.
    await ind.getByTestId('ind-metric').selectOption('redlineRatioPct');
    await expect.poll(() => ind.getByTestId('ind-legend').textContent()).toContain('红线面积比例');
    await s.page.waitForTimeout(1500);
    // The legend over the map: the indicator with its unit, five classes with colours, and "no data".
    const legend = s.page.getByTestId('map-legend');
    await expect.poll(() => legend.isVisible()).toBe(true);
    expect(await legend.textContent()).toContain('红线面积比例（%）');
    expect(await legend.getByTestId('map-legend-class').count()).toBe(5);
    expect(await legend.textContent()).toContain('无数据');
    await screenshot(s.page, 'notebook-choropleth');
    // The sample compares December (T1) with March (T2): the FVC result carries a season note and marks.
    expect(await ind.locator('[data-testid="ind-note"][data-note="season"]').textContent()).toContain('季节');
    expect(await ind.getByTestId('season-mark').count()).toBeGreaterThan(0);
    const download = s.page.waitForEvent('download');
    await ind.getByTestId('ind-xlsx').click();
    const file = await (await download).path();
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('takes the choropleth and its legend off the map when the notebook tab is left', async () => {
    const ind = cell('indicator');
    const withMap = await s.page.getByTestId('map-canvas').screenshot();
    await ind.getByTestId('ind-hide-map').click();
    await s.page.waitForTimeout(1500);
    const without = await s.page.getByTestId('map-canvas').screenshot();
    expect(await changedShare(withMap, without)).toBeGreaterThan(0.02);
    await ind.getByTestId('ind-show-map').click();
    await expect.poll(() => s.page.getByTestId('map-legend').isVisible()).toBe(true);
    await s.page.getByTestId('tab-layers').click();
    await expect.poll(() => s.page.getByTestId('map-legend').count()).toBe(0);
    await s.page.waitForTimeout(1500);
    const left = await s.page.getByTestId('map-canvas').screenshot();
    await screenshot(s.page, 'notebook-left-tab');
    expect(await changedShare(without, left)).toBeLessThan(0.005);
    await s.page.getByTestId('tab-notebook').click();
    await expect.poll(() => cells().count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await s.page.getByTestId('nb-wide').click();
  });

  it('marks downstream cells stale when a SQL cell changes and shows where SQL fails', async () => {
    const sql = s.page.locator('[data-testid="cell"][data-kind="sql"]').first();
    await sql.getByTestId('cell-sql-input').fill('SELECT county,\n  no_such_column\nFROM patch');
    await expect.poll(() => cell('chart').getAttribute('data-status')).toBe('stale');
    expect(await cell('indicator').getAttribute('data-status')).toBe('stale');
    expect(await cell('markdown').getAttribute('data-status')).toBe('none');
    await sql.getByTestId('cell-run').click();
    await expect.poll(() => sql.getByTestId('cell-error').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await sql.getByTestId('cell-error').textContent()).toContain('no_such_column');
    expect(await sql.getByTestId('cell-error-position').textContent()).toContain('第 2 行第 3 列');
    await screenshot(s.page, 'notebook-sql-error');
  });

  it('exports .rnb.json and re-imports it identically', async () => {
    const first = s.page.waitForEvent('download');
    await s.page.getByTestId('nb-export').click();
    const exported = readFileSync(await (await first).path(), 'utf8');
    const name = await s.page.getByTestId('nb-select').locator('option:checked').textContent();
    const count = await s.page.getByTestId('nb-select').locator('option').count();
    await s.page.getByTestId('nb-delete').click();
    await s.page.getByTestId('confirm-ok').click();
    await expect.poll(() => s.page.getByTestId('nb-select').locator('option').count()).toBe(count - 1);
    await s.page.getByTestId('nb-import-input').setInputFiles({
      name: 'notebook.rnb.json',
      mimeType: 'application/json',
      buffer: Buffer.from(exported),
    });
    await expect
      .poll(() => s.page.getByTestId('nb-select').locator('option:checked').textContent())
      .toBe(name);
    const second = s.page.waitForEvent('download');
    await s.page.getByTestId('nb-export').click();
    const again = readFileSync(await (await second).path(), 'utf8');
    expect(again).toBe(exported);
    expect(JSON.parse(exported).notebook.cells).toHaveLength(7);
  });
});
