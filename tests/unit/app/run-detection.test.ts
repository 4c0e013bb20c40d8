import { describe, expect, it } from 'vitest';
import {
  runDetection,
  runId,
  type DetectionScene,
  type DetectionScreen,
  type RunDetectionPorts,
} from '../../../src/app/run-detection.ts';
import type { DetectEngine, DetectOutcome, RunRecord } from '../../../src/state/detection.svelte.ts';
import type { PatchCandidate } from '../../../src/state/patch-intake.ts';
import { commitWithSerials } from '../../../src/state/patch-serials.ts';
import type { PatchSnapshot } from '../../../src/core/model.ts';
import type { RunProvenance } from '../../../src/core/detect/provenance.ts';
import { square } from './shapes.ts';

const scene = (id: string, date: string): DetectionScene => ({
  record: { id, opfsName: `scene-${id}.tif`, bandRoles: ['red', 'green', 'blue', 'nir'], acquiredOn: date },
  info: { bands: 4 },
});

const provenance = { engine: 'fake' } as unknown as RunProvenance;

function outcomeOf(patches: PatchCandidate[]): DetectOutcome {
  return {
    patches,
    params: {
      thresholdUsed: 0.25,
      zThreshold: 3,
      engine: 'fake',
      crs: 'EPSG:32649',
      bands: [0, 1, 2, 3],
      provenance,
    } as DetectOutcome['params'],
  };
}

type EngineMode = 'ok' | 'fails' | 'cancelled';

interface FakeOptions {
  engine?: EngineMode;
  ledgerFails?: boolean;
  /** Fail the n-th write of the run record (1 = the 'running' record, 2 = the finished one). */
  runWriteFails?: number;
  actorRefused?: boolean;
}

/**
 * A fake page: a screen, a job with a real AbortController, a run store and DuckDB mirror, an intake that
 * numbers patches with the real serial rule over a fake mark store and commits them to a fake ledger.
 */
function fakePage(options: FakeOptions = {}) {
  const page = {
    log: [] as string[],
    runs: new Map<string, RunRecord>(),
    runRows: new Map<string, RunRecord>(),
    ledger: [] as PatchSnapshot[],
    marks: {} as Record<string, number>,
    preview: null as number | null,
    job: 'none' as 'none' | 'running' | 'done' | 'failed',
    shown: null as { projectId: string; count: number } | null,
  };
  const controller = new AbortController();
  let runWrites = 0;
  const found = [square(109.1), square(109.2)].map((geometry) => ({ geometry }));
  const engine: DetectEngine = {
    async detect(request, signal, onProgress) {
      page.log.push(`detect ${request.sensitivity === null ? 'auto' : request.sensitivity}`);
      onProgress(0.5, 'half', found.slice(0, 1));
      if (options.engine === 'cancelled') {
        controller.abort();
        throw signal.reason;
      }
      if (options.engine === 'fails') throw new Error('engine crashed');
      onProgress(1, 'all', found.slice(1));
      return outcomeOf(found);
    },
  };
  const screen: DetectionScreen = {
    auto: true,
    sensitivity: 0.5,
    minArea: 1,
    unit: 'ha',
    running: false,
    pickScenes: () => page.log.push('pick'),
    preflight: () => ({
      projectId: 'p1',
      one: scene('a', '2024-05-01'),
      two: scene('b', '2025-05-01'),
      engine,
    }),
    showResult(projectId, count) {
      page.shown = { projectId, count };
    },
  };
  const ports: RunDetectionPorts = {
    async ensureActor() {
      page.log.push('actor');
      if (options.actorRefused) throw new Error('no operator name');
    },
    startJob() {
      page.job = 'running';
      page.log.push('job');
      return {
        signal: controller.signal,
        update: () => undefined,
        done: () => (page.job = 'done'),
        fail: () => (page.job = 'failed'),
      };
    },
    readFile: async (_projectId, scene) => new Blob([scene.record.opfsName]),
    areal: () => [],
    async putRun(run) {
      runWrites += 1;
      if (options.runWriteFails === runWrites) throw new Error('quota exceeded');
      page.log.push(`run ${run.status}`);
      page.runs.set(run.id, structuredClone(run));
    },
    async putRunRow(run) {
      page.log.push(`row ${run.status}`);
      page.runRows.set(run.id, structuredClone(run));
    },
    async intake(_projectId, candidates, intake) {
      page.log.push('intake');
      if (intake.signal?.aborted) throw intake.signal.reason;
      const drafts = candidates.map((c) => ({ countyCode: '450521', geometry: c.geometry }));
      const store = {
        marks: page.marks,
        spent: page.ledger.map((s) => s.id),
        save: async (marks: Record<string, number>) => {
          page.marks = marks;
        },
      };
      return commitWithSerials(
        drafts.map((d) => d.countyCode),
        2026,
        store,
        async (ids) => {
          if (options.ledgerFails) throw new Error('ledger refused');
          const snapshots = drafts.map(
            (d, i) => ({ ...d, id: ids[i], runId: intake.runId }) as unknown as PatchSnapshot,
          );
          page.ledger.push(...snapshots);
          page.log.push('ledger');
          return snapshots;
        },
      );
    },
    preview: (patches) => (page.preview = patches ? patches.length : null),
    attributionMessage: () => 'attributes',
    now: () => new Date('2026-12-07T20:00:00Z'),
    randomSuffix: () => 'abcd',
  };
  return { page, screen, ports };
}

/** Nothing of a run's findings was kept: no case, no serial spent, no preview, the screen not running. */
function expectNoFindings(page: ReturnType<typeof fakePage>['page'], screen: DetectionScreen): void {
  expect(page.ledger).toEqual([]);
  expect(page.marks).toEqual({});
  expect(page.preview).toBeNull();
  expect(page.shown).toBeNull();
  expect(screen.running).toBe(false);
}

describe('runDetection', () => {
  it('writes the running record, detects, opens cases, then records the finished run, in that order', async () => {
    const { page, screen, ports } = fakePage();
    const count = await runDetection(screen, ports);
    expect(count).toBe(2);
    expect(page.log).toEqual([
      'pick',
      'actor',
      'job',
      'run running',
      'detect auto',
      'intake',
      'ledger',
      'run done',
      'row done',
    ]);
    const id = runId(new Date('2026-12-07T20:00:00Z'), 'abcd');
    expect(id).toBe('run-20261207200000-abcd');
    const run = page.runs.get(id);
    expect(run).toMatchObject({ status: 'done', patchCount: 2, t1: 'a', t2: 'b' });
    expect(run?.params).toMatchObject({ minAreaM2: 10_000, sensitivity: null, thresholdUsed: 0.25 });
    expect(page.runRows.get(id)?.status).toBe('done');
    expect(page.ledger.map((s) => s.id)).toEqual(['450521-2026-0001', '450521-2026-0002']);
    expect(page.ledger.every((s) => s.runId === id)).toBe(true);
    expect(page.marks).toEqual({ '450521-2026': 2 });
    expect(page.shown).toEqual({ projectId: 'p1', count: 2 });
    expect(page.job).toBe('done');
    expect(page.preview).toBeNull();
    expect(screen.running).toBe(false);
  });

  it('engine failure: the run is recorded failed with no patches; no case, no serial spent', async () => {
    const { page, screen, ports } = fakePage({ engine: 'fails' });
    await expect(runDetection(screen, ports)).rejects.toThrow('engine crashed');
    expect(page.log).not.toContain('intake');
    const [run] = [...page.runs.values()];
    expect(run).toMatchObject({ status: 'failed', patchCount: 0 });
    expect(run?.finishedAt).not.toBeNull();
    expect([...page.runRows.values()].map((r) => r.status)).toEqual(['failed']);
    expect(page.job).toBe('failed');
    expectNoFindings(page, screen);
  });

  it('cancel mid-run: the run is recorded cancelled; no case, no serial spent, the job not marked failed', async () => {
    const { page, screen, ports } = fakePage({ engine: 'cancelled' });
    await expect(runDetection(screen, ports)).rejects.toBeDefined();
    expect(page.log).not.toContain('intake');
    expect([...page.runs.values()].map((r) => r.status)).toEqual(['cancelled']);
    expect([...page.runRows.values()].map((r) => r.status)).toEqual(['cancelled']);
    expect(page.job).toBe('running');
    expectNoFindings(page, screen);
  });

  it('ledger write failing after the run record: no case, no serial spent; the run is recorded failed', async () => {
    const { page, screen, ports } = fakePage({ ledgerFails: true });
    await expect(runDetection(screen, ports)).rejects.toThrow('ledger refused');
    expect(page.log).toContain('intake');
    expect([...page.runs.values()]).toMatchObject([{ status: 'failed', patchCount: 0 }]);
    expect([...page.runRows.values()].map((r) => r.status)).toEqual(['failed']);
    expectNoFindings(page, screen);
  });

  it('no operator name: nothing is written and no job starts', async () => {
    const { page, screen, ports } = fakePage({ actorRefused: true });
    await expect(runDetection(screen, ports)).rejects.toThrow('no operator name');
    expect(page.log).toEqual(['pick', 'actor']);
    expect(page.runs.size).toBe(0);
    expect(page.job).toBe('none');
    expectNoFindings(page, screen);
  });

  it('the running record failing to write: the engine never runs and the job is closed', async () => {
    const { page, screen, ports } = fakePage({ runWriteFails: 1 });
    await expect(runDetection(screen, ports)).rejects.toThrow('quota exceeded');
    expect(page.log).not.toContain('detect auto');
    expect(page.runs.size).toBe(0);
    expect(page.job).toBe('failed');
    expectNoFindings(page, screen);
  });

  it('the finished record failing to write: the opened cases stay (append-only ledger), the record stays running', async () => {
    const { page, screen, ports } = fakePage({ runWriteFails: 2 });
    await expect(runDetection(screen, ports)).rejects.toThrow('quota exceeded');
    expect(page.ledger).toHaveLength(2);
    expect([...page.runs.values()].map((r) => r.status)).toEqual(['running']);
    expect(page.runRows.size).toBe(0);
    expect(page.preview).toBeNull();
    expect(screen.running).toBe(false);
  });
});

describe('runDetection over control zones', () => {
  const zone = (lon: number) => square(lon);
  for (const ticked of [false, true]) {
    it(`searches control zones only when ticked (${ticked ? 'ticked' : 'not ticked'}) and tells intake`, async () => {
      const { screen, ports } = fakePage();
      const areas = { redline: [zone(109.1)], reserve: [zone(109.3)], control_zone: [zone(109.5)] };
      const seen: { include?: unknown[]; exclude?: unknown[]; zones?: boolean } = {};
      const base = screen.preflight();
      const searching: DetectionScreen = {
        ...screen,
        searchControlZones: ticked,
        preflight: () => ({
          ...base,
          engine: {
            detect: (request, signal, onProgress) => {
              seen.include = request.include;
              seen.exclude = request.exclude;
              return base.engine.detect(request, signal, onProgress);
            },
          },
        }),
      };
      const intake = ports.intake;
      await runDetection(searching, {
        ...ports,
        areal: (kind) => areas[kind],
        intake: (projectId, candidates, options) => {
          seen.zones = options.includeControlZones;
          return intake(projectId, candidates, options);
        },
      });
      expect(seen.include).toEqual(ticked ? [...areas.redline, ...areas.control_zone] : areas.redline);
      expect(seen.exclude).toEqual(areas.reserve);
      expect(seen.zones).toBe(ticked);
    });
  }
});
