import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { boundaryLevels, boundarySegments } from '../../../src/map/basemap-layers.ts';

const provinces = JSON.parse(
  readFileSync('public/basemap/china-provinces.geojson', 'utf8'),
) as FeatureCollection;
const view = (longitude: number, latitude: number, zoom: number) => ({
  longitude,
  latitude,
  zoom,
  width: 920,
  height: 730,
});

describe('basemap province boundaries (segments per zoom, culled to the view)', () => {
  it('keeps every vertex at full detail and fewer at each coarser level', () => {
    const vertices = provinces.features
      .flatMap((f) =>
        f.geometry.type === 'MultiPolygon'
          ? f.geometry.coordinates.flat()
          : f.geometry.type === 'Polygon'
            ? f.geometry.coordinates
            : [],
      )
      .reduce((n, ring) => n + ring.length - 1, 0);
    const counts = boundaryLevels(provinces).map((level) => level.length);
    expect(counts.at(-1)).toBe(vertices); // closed rings: one segment per distinct vertex
    for (let i = 1; i < counts.length; i += 1) expect(counts[i - 1]).toBeLessThan(counts[i] ?? 0);
    expect(counts[0]).toBeLessThan(vertices / 2);
  });

  it('draws the whole country at national zoom, and only the neighbourhood when zoomed in', () => {
    const national = boundarySegments(provinces, view(104.5, 35.5, 3));
    expect(national).toBe(boundaryLevels(provinces)[0]);
    const beihai = boundarySegments(provinces, view(109.1, 21.5, 10));
    expect(beihai.length).toBeGreaterThan(0);
    expect(beihai.length).toBeLessThan(national.length / 5);
    // Every segment crossing the visible area is kept (here: a box well inside the view).
    const full = boundaryLevels(provinces).at(-1) ?? [];
    const inView = full.filter(
      (s) => s.box[2] >= 108.9 && s.box[0] <= 109.3 && s.box[3] >= 21.3 && s.box[1] <= 21.7,
    );
    for (const s of inView) expect(beihai).toContain(s);
    // Small pans inside the same cells reuse the same list (no attribute upload for deck.gl).
    expect(boundarySegments(provinces, view(109.12, 21.51, 10))).toBe(beihai);
  });
});
