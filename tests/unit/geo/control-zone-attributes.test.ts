import { describe, expect, it } from 'vitest';
import { geodesicAreaM2 } from '../../../src/core/geo/area.ts';
import {
  attributePatches,
  prepareLayers,
  zoneOf,
  type AttributionLayers,
} from '../../../src/core/geo/attributes.ts';
import { rect } from '../rect.ts';

// Red line on the west, reserve in the middle, a control zone spanning all three.
const layers: AttributionLayers = {
  redlines: [{ id: 'RL-1', geometry: rect(109.6, 21.5, 109.7, 21.7) }],
  reserves: [{ id: 'NR-1', geometry: rect(109.7, 21.5, 109.75, 21.7) }],
  controlZones: [{ id: 'GK-1', geometry: rect(109.6, 21.5, 109.9, 21.7) }],
  admin: [],
  namedPoints: [],
};

async function attribute(geometries: ReturnType<typeof rect>[], withZones = true) {
  const prepared = prepareLayers(withZones ? layers : { ...layers, controlZones: undefined });
  const context = { layers: prepared, year: 2026, issued: {} };
  const { patches } = await attributePatches(
    geometries.map((geometry) => ({ geometry })),
    context,
  );
  return patches;
}

describe('control-zone overlap at intake', () => {
  it('a patch in a control zone outside red lines and reserves is a control-zone finding', async () => {
    const g = rect(109.8, 21.6, 109.802, 21.602);
    const [row] = await attribute([g]);
    expect(row?.zone).toBe('control_zone');
    expect(row?.redline_ha).toBe(0);
    expect(row?.control_zone_ha).toBeCloseTo(geodesicAreaM2(g) / 1e4, 9);
  });

  it('a patch in both a red line and a control zone counts as red line', async () => {
    const [row] = await attribute([rect(109.65, 21.6, 109.652, 21.602)]);
    expect(row?.zone).toBe('redline');
    expect(row?.redline_ha).toBeGreaterThan(0);
    // The red-line part is cut out of the control-zone area.
    expect(row?.control_zone_ha).toBe(0);
  });

  it('a patch straddling a red line and the control zone is red line, its outside part measured apart', async () => {
    const g = rect(109.69, 21.6, 109.71, 21.601); // half in the red line, half in the reserve
    const [row] = await attribute([g]);
    expect(row?.zone).toBe('redline');
    expect(row?.control_zone_ha).toBeCloseTo(0, 9);
    const h = rect(109.74, 21.6, 109.76, 21.601); // half in the reserve, half in the bare control zone
    const [other] = await attribute([h]);
    expect(other?.zone).toBe('control_zone');
    expect(other?.control_zone_ha).toBeCloseTo(geodesicAreaM2(rect(109.75, 21.6, 109.76, 21.601)) / 1e4, 6);
  });

  it('without a control-zone layer every patch stays a red-line finding', async () => {
    const [row] = await attribute([rect(109.8, 21.6, 109.802, 21.602)], false);
    expect(row?.zone).toBe('redline');
    expect(row?.control_zone_ha).toBe(0);
  });

  it('zoneOf prefers the red line', () => {
    expect(zoneOf(0.1, 5)).toBe('redline');
    expect(zoneOf(0, 5)).toBe('control_zone');
    expect(zoneOf(0, 0)).toBe('redline');
  });
});
