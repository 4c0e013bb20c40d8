import { describe, expect, it } from 'vitest';
import { guardedSession, screenshot, openSampleProject, clickRectangle, historyTypes } from './harness.ts';

const s = guardedSession();

/** Screen position `dx`,`dy` pixels from the map's centre. */
async function at(dx: number, dy: number): Promise<[number, number]> {
  const box = await s.page.getByTestId('map-canvas').boundingBox();
  if (!box) throw new Error('no map');
  return [box.x + box.width / 2 + dx, box.y + box.height / 2 + dy];
}

async function clickMap(dx: number, dy: number): Promise<void> {
  const [x, y] = await at(dx, dy);
  // No hold between press and release: deck.gl drops a "click" held over 250 ms, which a loaded CI can stretch to.
  await s.page.mouse.click(x, y);
  await s.page.waitForTimeout(700);
}

/** Draw a rectangle by hand (w × h pixels, north-west corner at dx, dy); the new case becomes current. */
async function drawRectangle(dx: number, dy: number, w: number, h: number): Promise<string> {
  await s.page.getByTestId('draw-start').click();
  await clickRectangle(s.page, dx, dy, w, h);
  const before = await rowIds();
  await s.page.getByTestId('draw-finish').click();
  try {
    await expect.poll(async () => (await rowIds()).length, { timeout: 90_000 }).toBe(before.length + 1);
  } catch (error) {
    await screenshot(s.page, 'outline-draw-failed');
    throw error;
  }
  const id = (await rowIds()).find((x) => !before.includes(x)) ?? '';
  await expect.poll(currentId).toBe(id);
  return id;
}

async function rowIds(): Promise<string[]> {
  return s.page
    .getByTestId('case-row')
    .evaluateAll((items) => items.map((i) => (i.querySelector('td')?.textContent ?? '').trim()));
}

async function currentId(): Promise<string> {
  return ((await s.page.getByTestId('case-detail').locator('h3').textContent()) ?? '').trim();
}

const row = (id: string) => s.page.locator('[data-testid="case-row"]', { hasText: id });

const shownHistory = (): Promise<(string | null)[]> => historyTypes(s.page);

const areaOf = async (testId: string): Promise<number> =>
  Number(/([\d.]+)/.exec((await s.page.getByTestId(testId).textContent()) ?? '')?.[1] ?? NaN);

// Rectangle A: north-west corner at (-200, -120) from the centre, 120 × 80 pixels.
const AX = -200;
const AY = -120;
let original = '';
let parts: string[] = [];
let merged = '';

describe('editing patch outlines (move vertices, split, merge)', () => {
  it('moves vertices by dragging and by click-to-move; refuses a self-crossing move; saves geometry_edited', async () => {
    await openSampleProject(s.page, 300_000);
    await s.page.getByTestId('tab-cases').click();
    await s.page.getByTestId('actor-input').fill('赵六');
    await s.page.getByTestId('actor-save').click();
    await expect.poll(() => s.page.getByTestId('actor-label').textContent()).toContain('赵六');
    original = await drawRectangle(AX, AY, 120, 80);
    const before = await areaOf('outline-area');
    expect(before).toBeGreaterThan(0);

    await s.page.getByTestId('outline-edit').click();
    await expect.poll(() => s.page.getByTestId('outline-panel').getAttribute('data-mode')).toBe('vertices');
    // Drag the south-east corner 60 px east and 40 px south.
    const [sx, sy] = await at(AX + 120, AY + 80);
    await s.page.mouse.move(sx, sy);
    await s.page.mouse.down();
    await s.page.mouse.move(sx + 30, sy + 20, { steps: 5 });
    await s.page.mouse.move(sx + 60, sy + 40, { steps: 5 });
    await s.page.mouse.up();
    await expect.poll(() => s.page.getByTestId('outline-draft-area').textContent()).toContain('已修改 1 次');
    const dragged = await areaOf('outline-draft-area');
    expect(dragged).toBeGreaterThan(before * 1.2);

    // Click the south-west corner to select it, then click its new place (20 px west).
    await clickMap(AX, AY + 80);
    await expect.poll(() => s.page.getByTestId('outline-hint').textContent()).toContain('4');
    await clickMap(AX - 20, AY + 80);
    await expect.poll(() => areaOf('outline-draft-area')).toBeGreaterThan(dragged);

    // North-east corner dragged across the north edge's far side: the outline would cross itself.
    await clickMap(AX + 120, AY);
    await clickMap(AX + 60, AY + 160);
    await expect
      .poll(() => s.page.getByTestId('outline-error').getAttribute('data-code'))
      .toBe('self_intersection');
    await screenshot(s.page, 'outline-vertices');

    // Add a vertex after the north-west corner (vertex 1), pull it north, then delete it again.
    const vertexCount = () => s.page.getByTestId('outline-vertex-count').textContent();
    expect(await vertexCount()).toContain('4 个顶点');
    const fourCorners = await areaOf('outline-draft-area');
    await clickMap(AX, AY);
    await expect.poll(() => s.page.getByTestId('outline-hint').textContent()).toContain('已选中顶点 1');
    await s.page.getByTestId('outline-insert').click();
    await expect.poll(vertexCount).toContain('5 个顶点');
    // Halfway along the north edge, selected: the shape has not changed yet.
    await expect.poll(() => s.page.getByTestId('outline-hint').textContent()).toContain('已选中顶点 2');
    expect(Math.abs((await areaOf('outline-draft-area')) - fourCorners) / fourCorners).toBeLessThan(0.001);
    await clickMap(AX + 60, AY - 30);
    await expect.poll(() => areaOf('outline-draft-area')).toBeGreaterThan(fourCorners * 1.05);
    await screenshot(s.page, 'outline-vertex-added');
    await s.page.getByTestId('outline-delete').click();
    await expect.poll(vertexCount).toContain('4 个顶点');
    await expect
      .poll(async () => Math.abs((await areaOf('outline-draft-area')) - fourCorners) / fourCorners)
      .toBeLessThan(0.001);

    const draftArea = await areaOf('outline-draft-area');
    await s.page.getByTestId('outline-save').click();
    await expect.poll(() => s.page.getByTestId('outline-panel').getAttribute('data-mode')).toBe('idle');
    const saved = await areaOf('outline-area');
    expect(saved).toBeGreaterThan(before * 1.2);
    expect(Math.abs(saved - draftArea) / draftArea).toBeLessThan(0.01);
    expect(await currentId()).toBe(original);
    await expect.poll(shownHistory).toContain('geometry_edited');
  }, 480_000);

  it('cancel leaves nothing behind', async () => {
    const history = await shownHistory();
    const area = await areaOf('outline-area');
    await s.page.getByTestId('outline-edit').click();
    await clickMap(AX, AY);
    await clickMap(AX - 40, AY - 40);
    await s.page.getByTestId('outline-cancel').click();
    expect(await shownHistory()).toEqual(history);
    expect(await areaOf('outline-area')).toBe(area);
  });

  it('splits a patch along a drawn line into two new cases; the original is superseded', async () => {
    const rows = await s.page.getByTestId('case-row').count();
    await s.page.getByTestId('outline-split').click();
    await clickMap(AX + 50, AY - 40);
    await clickMap(AX + 60, AY + 160);
    await expect.poll(() => s.page.getByTestId('outline-split-preview').getAttribute('data-parts')).toBe('2');
    await screenshot(s.page, 'outline-split-preview');
    await s.page.getByTestId('outline-split-finish').click();
    await expect.poll(() => s.page.getByTestId('case-row').count(), { timeout: 90_000 }).toBe(rows + 2);
    await expect.poll(() => row(original).getAttribute('data-stage')).toBe('rejected');
    await expect.poll(currentId).not.toBe(original);
    const current = await currentId();
    const all = await s.page.getByTestId('case-row').evaluateAll((items) =>
      items.map((i) => ({
        id: i.querySelector('td')?.textContent ?? '',
        stage: i.getAttribute('data-stage'),
      })),
    );
    parts = all.filter((c) => c.id !== original && c.stage === 'suspected').map((c) => c.id);
    expect(parts).toHaveLength(2);
    expect(parts).toContain(current);
    await row(original).click();
    await expect.poll(shownHistory).toContain('superseded');
    await screenshot(s.page, 'outline-split-done');
  }, 240_000);

  it('refuses to merge patches that neither touch nor overlap unless confirmed; merges the two parts', async () => {
    const far = await drawRectangle(150, 80, 50, 40);
    await row(parts[0] ?? '').click();
    await expect.poll(currentId).toBe(parts[0]);
    const before = await rowIds();
    await s.page.getByTestId('outline-merge').click();
    await s.page.getByTestId('outline-merge-target').selectOption(far);
    await expect.poll(() => s.page.getByTestId('outline-error').getAttribute('data-code')).toBe('disjoint');
    await expect.poll(() => s.page.getByTestId('outline-merge-multi').count()).toBe(1);
    expect(await s.page.getByTestId('outline-merge-finish').isDisabled()).toBe(true);

    await s.page.getByTestId('outline-merge-target').selectOption(parts[1] ?? '');
    await expect.poll(() => s.page.getByTestId('outline-merge-preview').count()).toBe(1);
    await screenshot(s.page, 'outline-merge-preview');
    await s.page.getByTestId('outline-merge-finish').click();
    await expect.poll(async () => (await rowIds()).length, { timeout: 90_000 }).toBe(before.length + 1);
    merged = (await rowIds()).find((x) => !before.includes(x)) ?? '';
    await expect.poll(currentId).toBe(merged);
    expect([original, far, ...parts]).not.toContain(merged);
    for (const id of parts) await expect.poll(() => row(id).getAttribute('data-stage')).toBe('rejected');
    expect(await row(merged).getAttribute('data-stage')).toBe('suspected');
    await screenshot(s.page, 'outline-merged');
  }, 240_000);

  it('keeps every edit after a reload', async () => {
    await s.page.reload();
    await s.page.getByTestId('tab-cases').click();
    await expect.poll(() => s.page.getByTestId('case-row').count(), { timeout: 300_000 }).toBe(5);
    for (const id of [original, ...parts]) expect(await row(id).getAttribute('data-stage')).toBe('rejected');
    expect(await row(merged).getAttribute('data-stage')).toBe('suspected');
    await row(original).click();
    await expect.poll(shownHistory).toEqual(['opened', 'geometry_edited', 'superseded']);
    await row(parts[1] ?? '').click();
    await expect.poll(shownHistory).toEqual(['opened', 'superseded']);
    await row(merged).click();
    await expect.poll(shownHistory).toEqual(['opened']);
    await screenshot(s.page, 'outline-after-reload');
  }, 480_000);
});
