import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { finishDrawnPatch, type DrawingScreen, type DrawnPatchPorts } from '../../../src/app/draw-patch.ts';
import type { CaseId } from '../../../src/core/ids.ts';
import type { PatchSnapshot } from '../../../src/core/model.ts';
import type { IntakeOptions } from '../../../src/state/patch-intake.ts';
import { commitWithSerials } from '../../../src/state/patch-serials.ts';

const TRIANGLE: [number, number][] = [
  [109.1, 21.1],
  [109.2, 21.1],
  [109.2, 21.2],
];

/** A drawing, a job, and an intake numbering with the real serial rule into a fake ledger. */
function fakePage(
  vertices: [number, number][],
  options: { ledgerFails?: boolean; project?: string | null } = {},
) {
  const page = {
    drawing: true,
    job: 'none' as 'none' | 'running' | 'done' | 'failed',
    ledger: [] as { snapshot: PatchSnapshot; options: IntakeOptions }[],
    marks: {} as Record<string, number>,
    selected: [] as CaseId[],
  };
  const screen: DrawingScreen = {
    vertices,
    clueSource: 'petition',
    cancel: () => (page.drawing = false),
  };
  const ports: DrawnPatchPorts = {
    projectId: () => (options.project === undefined ? 'p1' : options.project),
    startJob() {
      page.job = 'running';
      return { done: () => (page.job = 'done'), fail: () => (page.job = 'failed') };
    },
    async intake(_projectId, candidates, intake) {
      const store = {
        marks: page.marks,
        spent: page.ledger.map((entry) => entry.snapshot.id),
        save: async (marks: Record<string, number>) => {
          page.marks = marks;
        },
      };
      return commitWithSerials(
        candidates.map(() => '450521'),
        2026,
        store,
        async (ids) => {
          if (options.ledgerFails) throw new Error('ledger refused');
          const snapshots = candidates.map(
            (c, i) =>
              ({ id: ids[i], countyCode: '450521', geometry: c.geometry }) as unknown as PatchSnapshot,
          );
          page.ledger.push(...snapshots.map((snapshot) => ({ snapshot, options: intake })));
          return snapshots;
        },
      );
    },
    select: (id) => page.selected.push(id),
  };
  return { page, screen, ports };
}

describe('finishDrawnPatch', () => {
  it('closes the ring, opens one suspected case with the clue source, selects it', async () => {
    const { page, screen, ports } = fakePage(TRIANGLE);
    const id = await finishDrawnPatch(screen, ports);
    expect(id).toBe('450521-2026-0001');
    expect(page.drawing).toBe(false);
    expect(page.job).toBe('done');
    const [entry] = page.ledger;
    const ring = (entry?.snapshot.geometry as Polygon).coordinates[0];
    expect(ring).toEqual([...TRIANGLE, TRIANGLE[0]]);
    expect(entry?.options).toMatchObject({
      clueSource: 'petition',
      stage: 'suspected',
      requireRedline: false,
    });
    expect(page.marks).toEqual({ '450521-2026': 1 });
    expect(page.selected).toEqual([id]);
  });

  it('fewer than three vertices or no open project: the drawing is cleared and nothing is written', async () => {
    for (const [vertices, project] of [
      [TRIANGLE.slice(0, 2), 'p1'],
      [TRIANGLE, null],
    ] as const) {
      const { page, screen, ports } = fakePage([...vertices], { project });
      expect(await finishDrawnPatch(screen, ports)).toBeNull();
      expect(page.drawing).toBe(false);
      expect(page.job).toBe('none');
      expect(page.ledger).toEqual([]);
    }
  });

  it('the ledger write failing: no case, no serial spent, nothing selected, the job failed', async () => {
    const { page, screen, ports } = fakePage(TRIANGLE, { ledgerFails: true });
    await expect(finishDrawnPatch(screen, ports)).rejects.toThrow('ledger refused');
    expect(page.ledger).toEqual([]);
    expect(page.marks).toEqual({});
    expect(page.selected).toEqual([]);
    expect(page.job).toBe('failed');
    expect(page.drawing).toBe(false);
  });
});
