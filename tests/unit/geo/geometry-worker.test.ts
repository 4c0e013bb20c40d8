import { describe, expect, it, vi } from 'vitest';
import { AttributionCancelledError } from '../../../src/core/geo/attributes.ts';
import type { GeometryApi, GeometryLayers } from '../../../workers/geometry-api.ts';
import { rect } from '../rect.ts';

// Capture what the worker exposes instead of opening a real Worker (Node has no browser workers).
const exposed = vi.hoisted(() => ({ api: null as unknown }));
vi.mock('comlink', () => ({ expose: (api: unknown) => (exposed.api = api) }));
await import('../../../workers/geometry.worker.ts');
const api = exposed.api as GeometryApi;

const layers: GeometryLayers = {
  redlines: [{ id: 'RL', geometry: rect(109, 21, 110, 22) }],
  reserves: [],
  admin: [{ id: 't', code: '450521102', level: 'township', geometry: rect(109, 21, 110, 22) }],
  namedPoints: [{ lon: 109.5, lat: 21.5, name: '山口镇政府' }],
  names: { '450521': '合浦县', '450521102': '山口镇' },
};

describe('geometry worker', () => {
  it('prepares layers once and attributes patches with name tables', async () => {
    expect(await api.prepare('p1', layers)).toEqual({
      key: 'p1',
      redlines: 1,
      reserves: 0,
      admin: 1,
      namedPoints: 1,
    });
    const progress: number[] = [];
    const result = await api.attribute(
      1,
      'p1',
      [{ geometry: rect(109.51, 21.51, 109.512, 21.512) }],
      { year: 2026, issued: {} },
      (done) => progress.push(done),
    );
    expect(result.patches[0]?.id).toBe('450521-2026-0001');
    expect(result.patches[0]?.county).toBe('合浦县');
    expect(result.patches[0]?.township).toBe('山口镇');
    expect(result.patches[0]?.location).toMatch(/^合浦县山口镇政府东北约/);
    expect(progress).toEqual([1]);
  });

  it('rejects unknown layer sets and cancels running jobs', async () => {
    await expect(api.attribute(2, 'missing', [], { year: 2026, issued: {} })).rejects.toThrow(/prepare/);
    await api.prepare('p2', layers);
    const patches = Array.from({ length: 600 }, (_, i) => ({
      geometry: rect(109.1 + i * 1e-3, 21.5, 109.1005 + i * 1e-3, 21.5005),
    }));
    const job = api.attribute(3, 'p2', patches, { year: 2026, issued: {} });
    api.cancel(3); // arrives while the job waits at its first yield
    await expect(job).rejects.toBeInstanceOf(AttributionCancelledError);
    api.release('p2');
    await expect(api.attribute(4, 'p2', [], { year: 2026, issued: {} })).rejects.toThrow(/prepare/);
  });
});
