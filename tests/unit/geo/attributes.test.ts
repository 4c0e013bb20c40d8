import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { AdminFeature } from '../../../src/core/geo/admin-join.ts';
import { geodesicAreaM2 } from '../../../src/core/geo/area.ts';
import {
  AttributionCancelledError,
  attributePatches,
  prepareLayers,
  type AttributionLayers,
} from '../../../src/core/geo/attributes.ts';
import { rect } from '../rect.ts';

const town = (code: string, name: string, g: Polygon): AdminFeature => ({
  id: code,
  code,
  level: 'township',
  name,
  geometry: g,
});

const NAMES: Record<string, string> = { '450000': '广西壮族自治区', '450500': '北海市', '450521': '合浦县' };
const layers: AttributionLayers = {
  redlines: [{ id: 'RL-1', geometry: rect(109.6, 21.5, 109.8, 21.7) }],
  reserves: [{ id: 'NR-1', geometry: rect(109.75, 21.5, 109.9, 21.7) }],
  admin: [
    town('450521101', '廉州镇', rect(109.0, 21.4, 109.7, 21.8)),
    town('450521102', '山口镇', rect(109.7, 21.4, 110.0, 21.8)),
  ],
  namedPoints: [{ lon: 109.72, lat: 21.6, name: '山口镇政府', nameEn: 'Shankou Town Government' }],
  nameOf: (code) => NAMES[code],
  nameEnOf: (code) => (code === '450521' ? 'Hepu County' : undefined),
};

describe('attributePatches', () => {
  it('fills every annex field and allocates ids after the highest issued', async () => {
    const inReserve = rect(109.77, 21.62, 109.78, 21.63); // inside the red line and the reserve
    const patches = [
      { geometry: rect(109.71, 21.61, 109.712, 21.612) }, // inside red line, 山口镇
      { geometry: rect(109.745, 21.61, 109.755, 21.611) }, // half in the reserve
      { geometry: rect(109.5, 21.5, 109.502, 21.502) }, // outside the red line, 廉州镇
      { geometry: inReserve, id: '450521-2026-0003' }, // keeps its id
    ];
    const context = { layers: prepareLayers(layers), year: 2026, issued: { '450521-2026': 3 } };
    const { patches: rows, issued } = await attributePatches(patches, context);
    expect(rows.map((r) => r.id)).toEqual([
      '450521-2026-0004',
      '450521-2026-0005',
      '450521-2026-0006',
      '450521-2026-0003',
    ]);
    expect(issued['450521-2026']).toBe(6);

    const [a, b, c, d] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
    expect(a.area_m2).toBe(geodesicAreaM2(patches[0]!.geometry));
    expect(a.area_ha).toBeCloseTo(a.area_m2 / 1e4, 12);
    expect(a.area_mu).toBeCloseTo(a.area_m2 * 0.0015, 9);
    expect(a.redline_ha).toBe(a.area_ha);
    expect(a.redlines).toEqual([{ id: 'RL-1', ha: a.area_ha }]);
    expect([a.province, a.city, a.county, a.township]).toEqual([
      '广西壮族自治区',
      '北海市',
      '合浦县',
      '山口镇',
    ]);
    expect([a.province_code, a.city_code, a.county_code, a.township_code]).toEqual([
      '450000',
      '450500',
      '450521',
      '450521102',
    ]);
    expect(a.cx).toBeCloseTo(109.711, 9);
    expect(a.cy).toBeCloseTo(21.611, 9);
    expect(a.location).toMatch(/^合浦县山口镇政府西北约 1\.\d 公里$/);
    expect(a.location_en).toMatch(/northwest of Shankou Town Government, Hepu County$/);

    expect(b.redline_ha).toBeCloseTo(geodesicAreaM2(rect(109.745, 21.61, 109.75, 21.611)) / 1e4, 6);
    expect(b.reserves[0]?.id).toBe('NR-1');
    expect(b.reserves[0]!.ha + b.redline_ha).toBeCloseTo(b.area_ha, 6);

    expect(c.redline_ha).toBe(0);
    expect(c.redlines).toEqual([]);
    expect(c.township).toBe('廉州镇');
    expect(d.redline_ha).toBe(0); // inside the reserve
  });

  it('reports progress and can be cancelled', async () => {
    const patches = Array.from({ length: 50 }, (_, i) => ({
      geometry: rect(109.71 + i * 1e-3, 21.61, 109.7105 + i * 1e-3, 21.6105),
    }));
    const context = { layers: prepareLayers(layers), year: 2026, issued: {} };
    const seen: number[] = [];
    await attributePatches(patches, context, { onProgress: (done) => seen.push(done), yieldEvery: 10 });
    expect(seen).toEqual([10, 20, 30, 40, 50]);

    const controller = new AbortController();
    const run = attributePatches(patches, context, {
      signal: controller.signal,
      yieldEvery: 10,
      onProgress: (done) => done >= 20 && controller.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(AttributionCancelledError);
  });
});
