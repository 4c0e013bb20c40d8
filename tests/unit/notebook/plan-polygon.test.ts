import { describe, expect, it } from 'vitest';
import {
  areaStatus,
  boxRing,
  featureRing,
  FREQUENCIES,
  MonitoringPlanSchema,
  ringMeetsBox,
  type PlanArea,
} from '../../../src/core/notebook/plan.ts';

/** An L-shaped area: the square 0..2 × 0..2 minus its upper-right quarter. */
const L_RING: [number, number][] = [
  [0, 0],
  [2, 0],
  [2, 1],
  [1, 1],
  [1, 2],
  [0, 2],
  [0, 0],
];

const area = (over: Partial<PlanArea>): PlanArea => ({
  id: 'a',
  name: 'A',
  frequency: 'bimonthly',
  source: 'high_risk',
  ring: L_RING,
  bbox: [0, 0, 2, 2],
  markedOn: '2026-01-10',
  ...over,
});

describe('bimonthly frequency', () => {
  it('is offered and falls due two months after the last image', () => {
    expect(FREQUENCIES).toContain('bimonthly');
    const scenes = [{ date: '2026-03-31', bbox: [0, 0, 0.5, 0.5] as [number, number, number, number] }];
    const s = areaStatus(area({}), scenes, '2026-04-01');
    expect(s.lastImage).toBe('2026-03-31');
    // 2 months after 03-31 is the last day of May.
    expect(s.dueOn).toBe('2026-05-31');
    expect(s.status).toBe('ok');
    expect(areaStatus(area({}), scenes, '2026-05-10').status).toBe('due');
    expect(areaStatus(area({}), scenes, '2026-06-01').status).toBe('overdue');
  });
});

describe('plan areas as polygons', () => {
  it('reads a plan stored with boxes only as the polygons of the boxes', () => {
    const old = {
      schemaVersion: 1,
      id: 'plan-p',
      projectId: 'p',
      recordType: 'monitoring-plan',
      areas: [
        {
          id: 'x',
          name: 'Old',
          frequency: 'quarterly',
          source: 'routine',
          bbox: [1, 2, 3, 4],
          markedOn: '2025-05-01',
        },
      ],
    };
    const plan = MonitoringPlanSchema.parse(old);
    expect(plan.areas[0]!.ring).toEqual(boxRing([1, 2, 3, 4]));
    expect(plan.areas[0]!.bbox).toEqual([1, 2, 3, 4]);
  });

  it('fills the box of an area stored with a polygon only', () => {
    const plan = MonitoringPlanSchema.parse({
      schemaVersion: 1,
      id: 'plan-p',
      projectId: 'p',
      recordType: 'monitoring-plan',
      areas: [{ id: 'x', name: 'L', frequency: 'annual', ring: L_RING, markedOn: '2025-05-01' }],
    });
    expect(plan.areas[0]!.bbox).toEqual([0, 0, 2, 2]);
  });

  it('rejects an outline with fewer than three corners', () => {
    const bad = MonitoringPlanSchema.safeParse({
      schemaVersion: 1,
      id: 'plan-p',
      projectId: 'p',
      recordType: 'monitoring-plan',
      areas: [
        {
          id: 'x',
          name: 'L',
          frequency: 'annual',
          ring: [
            [0, 0],
            [1, 1],
          ],
          markedOn: '2025-05-01',
        },
      ],
    });
    expect(bad.success).toBe(false);
  });

  it('a scene inside the cut-out corner of the bounding box does not cover the area', () => {
    const corner: [number, number, number, number] = [1.2, 1.2, 1.8, 1.8];
    expect(ringMeetsBox(L_RING, corner)).toBe(false);
    expect(ringMeetsBox(boxRing([0, 0, 2, 2]), corner)).toBe(true);
    const s = areaStatus(area({}), [{ date: '2026-02-01', bbox: corner }], '2026-02-02');
    expect(s.lastImage).toBeNull();
  });

  it('counts scenes that cross an edge or contain the whole area', () => {
    expect(ringMeetsBox(L_RING, [1.5, 0.5, 3, 0.8])).toBe(true); // crosses the right edge of the foot
    expect(ringMeetsBox(L_RING, [-1, -1, 5, 5])).toBe(true); // contains every corner
    expect(ringMeetsBox(L_RING, [0.2, 0.2, 0.4, 0.4])).toBe(true); // inside the area
    expect(ringMeetsBox(L_RING, [3, 3, 4, 4])).toBe(false);
  });
});

describe('plan area from a layer feature', () => {
  it('takes the outer ring of a polygon and of the largest part of a multipolygon', () => {
    expect(
      featureRing({
        type: 'Polygon',
        coordinates: [
          L_RING,
          [
            [0.2, 0.2],
            [0.3, 0.2],
            [0.3, 0.3],
            [0.2, 0.2],
          ],
        ],
      }),
    ).toEqual(L_RING);
    const small = boxRing([5, 5, 5.1, 5.1]);
    const big = boxRing([0, 0, 3, 3]);
    expect(featureRing({ type: 'MultiPolygon', coordinates: [[small], [big]] })).toEqual(big);
    expect(featureRing({ type: 'Point', coordinates: [1, 2] })).toBeNull();
  });
});
