import { describe, expect, it } from 'vitest';
import {
  bestScene,
  cloudShareFromMetadata,
  migrateScenes,
  orderPeriods,
  periodProblem,
  type SceneCandidate,
} from '../../../src/core/imagery/periods.ts';

/** A scene record exactly as projects stored it before periods (schema 1). */
const storedT1 = {
  schemaVersion: 1,
  id: 'scene-a',
  projectId: 'p1',
  label: 'T1',
  fileName: 'gf2-2024-09.tif',
  opfsName: 'scene-scene-a.tif',
  size: 738_000_000,
  acquiredOn: '2024-09-12',
  sensor: 'GF-2',
  bandRoles: ['blue', 'green', 'red', 'nir'],
  roleSources: ['sensor', 'sensor', 'sensor', 'sensor'],
  dateSource: 'metadata',
  addedAt: '2025-01-02T03:04:05.000Z',
};
const storedT2 = { ...storedT1, id: 'scene-b', label: 'T2', acquiredOn: null, opfsName: 'scene-scene-b.tif' };

describe('migration of projects of one T1 and one T2 scene', () => {
  it('gives each scene a period of its own and keeps every field', () => {
    let n = 0;
    const { scenes, periods } = migrateScenes(
      [storedT2, storedT1],
      () => `period-${++n}`,
      '2026-12-07T00:00:00Z',
    );
    expect(periods.map((p) => [p.label, p.start, p.end, p.projectId])).toEqual([
      ['T1', '2024-09-12', '2024-09-12', 'p1'],
      ['T2', null, null, 'p1'],
    ]);
    expect(scenes).toHaveLength(2);
    const a = scenes.find((s) => s.id === 'scene-a')!;
    expect(a.periodId).toBe(periods[0]!.id);
    expect(a.storage).toBe('copied');
    expect(a.schemaVersion).toBe(2);
    // Nothing of the old record is lost.
    const { schemaVersion: _v, periodId: _p, storage: _s, ...rest } = a;
    const { schemaVersion: _v1, ...old } = storedT1;
    expect(rest).toEqual(old);
    expect(scenes.find((s) => s.id === 'scene-b')!.periodId).toBe(periods[1]!.id);
  });

  it('leaves scenes already in a period alone', () => {
    const current = { ...storedT1, schemaVersion: 2, periodId: 'q4', storage: 'in_place' as const };
    const { scenes, periods } = migrateScenes([current], () => 'new', 'now');
    expect(periods).toEqual([]);
    expect(scenes[0]).toEqual(current);
  });
});

describe('periods', () => {
  it('orders by start date, undated last, then by label', () => {
    const ordered = orderPeriods([
      { label: '2025Q4', start: '2025-10-01' },
      { label: 'B', start: null },
      { label: '2025 上半年', start: '2025-01-01' },
      { label: 'A', start: null },
    ]);
    expect(ordered.map((p) => p.label)).toEqual(['2025 上半年', '2025Q4', 'A', 'B']);
  });

  it('refuses an empty or taken label and a range that runs backwards', () => {
    const others = [{ id: 'x', label: '2025Q4' }];
    expect(periodProblem({ label: '  ', start: null, end: null }, others)).toBe('label_empty');
    expect(periodProblem({ label: '2025Q4 ', start: null, end: null }, others)).toBe('label_taken');
    expect(periodProblem({ id: 'x', label: '2025Q4', start: null, end: null }, others)).toBeNull();
    expect(periodProblem({ label: 'Q', start: '2025-12-31', end: '2025-10-01' }, others)).toBe('range_order');
    expect(periodProblem({ label: 'Q', start: '2025/10/01', end: null }, others)).toBe('date');
    expect(
      periodProblem({ label: '2025 下半年', start: '2025-07-01', end: '2025-12-31' }, others),
    ).toBeNull();
  });
});

describe('the scene of a period detection uses', () => {
  const redlines: [number, number, number, number][] = [
    [110, 20, 110.2, 20.2],
    [110.5, 20, 110.6, 20.1],
  ];
  const scene = (
    id: string,
    bounds: SceneCandidate['bounds'],
    cloudShare: number | null,
    acquiredOn = '2025-10-01',
  ) => ({
    id,
    bounds,
    cloudShare,
    acquiredOn,
  });

  it('takes the scene covering the most red-line extent', () => {
    const west = scene('west', [109.9, 19.9, 110.3, 20.3], 0);
    const east = scene('east', [110.4, 19.9, 110.7, 20.3], 0);
    expect(bestScene([east, west], redlines)?.id).toBe('west');
  });

  it('takes cloud off the covered extent', () => {
    const cloudyWest = scene('west', [109.9, 19.9, 110.3, 20.3], 0.9);
    const east = scene('east', [110.4, 19.9, 110.7, 20.3], 0);
    expect(bestScene([cloudyWest, east], redlines)?.id).toBe('east');
  });

  it('breaks ties by known, lower cloud, then the later date', () => {
    const box: SceneCandidate['bounds'] = [109.9, 19.9, 110.7, 20.3];
    expect(bestScene([scene('unknown', box, null), scene('clear', box, 0)], redlines)?.id).toBe('clear');
    expect(
      bestScene([scene('old', box, 0, '2025-10-01'), scene('new', box, 0, '2025-11-01')], redlines)?.id,
    ).toBe('new');
  });

  it('without red lines compares footprints; an empty period has none', () => {
    expect(bestScene([scene('small', [0, 0, 1, 1], 0), scene('big', [0, 0, 2, 2], 0)], [])?.id).toBe('big');
    expect(bestScene([], redlines)).toBeNull();
  });
});

describe('cloud share from metadata', () => {
  it('reads percent and fraction keys, ignores others', () => {
    expect(cloudShareFromMetadata({ CLOUD_COVER: '12.5' })).toBeCloseTo(0.125);
    expect(cloudShareFromMetadata({ CloudPercent: '1' })).toBeCloseTo(0.01);
    expect(cloudShareFromMetadata({ cloud_fraction: '0.3' })).toBeCloseTo(0.3);
    expect(cloudShareFromMetadata({ SENSOR: 'GF2', CLOUD_COVER: 'n/a' })).toBeNull();
    expect(cloudShareFromMetadata({ CLOUD_COVER: '130' })).toBeNull();
  });
});
