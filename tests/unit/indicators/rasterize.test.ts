import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Polygon } from 'geojson';
import { ScanlineRasterizer, ZoneRasterizer } from '../../../src/core/indicators/rasterize.ts';
import { planarPolygonArea, pointInAreal } from '../../../src/core/geo/rings.ts';
import { rect } from '../rect.ts';

/** Identity grid: lon = column, lat = row (so rows grow with y here). */
const grid = (lon: number, lat: number): [number, number] => [lon, lat];

function paintAll(r: ScanlineRasterizer, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h);
  r.paint(out, 0, 0, w, h);
  return out;
}

function ones(mask: Uint8Array, w: number): string[] {
  const cells: string[] = [];
  mask.forEach((v, i) => v && cells.push(`${i % w},${Math.floor(i / w)}`));
  return cells;
}

describe('scanline rasterisation (pixel-centre rule)', () => {
  it('paints exactly the pixels whose centres are inside a rectangle', () => {
    const r = new ScanlineRasterizer([{ geometry: rect(2, 2, 6, 5), value: 1 }], grid);
    const mask = paintAll(r, 10, 8);
    // Centres 2.5…5.5 across, 2.5…4.5 down: 4 × 3 pixels.
    expect(ones(mask, 10)).toEqual([
      '2,2',
      '3,2',
      '4,2',
      '5,2',
      '2,3',
      '3,3',
      '4,3',
      '5,3',
      '2,4',
      '3,4',
      '4,4',
      '5,4',
    ]);
  });

  it('leaves holes empty and never lets overlapping polygons cancel', () => {
    const holed: Polygon = {
      type: 'Polygon',
      coordinates: [rect(0, 0, 6, 6).coordinates[0]!, rect(2, 2, 4, 4).coordinates[0]!],
    };
    const r = new ScanlineRasterizer(
      [
        { geometry: holed, value: 1 },
        { geometry: rect(5, 0, 8, 6), value: 2 },
      ],
      grid,
    );
    const mask = paintAll(r, 8, 6);
    expect(mask[3 * 8 + 3]).toBe(0); // in the hole
    expect(mask[1 * 8 + 1]).toBe(1);
    expect(mask[1 * 8 + 5]).toBe(2); // overlap: the later polygon wins, it does not cancel
    expect(mask[1 * 8 + 7]).toBe(2);
    expect(mask.filter((v) => v > 0).length).toBe(6 * 6 - 4 + 2 * 6);
  });

  it('gives the same pixels block by block as in one piece', () => {
    const tri: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [1.3, 0.7],
          [30.2, 4.1],
          [12.6, 27.9],
          [1.3, 0.7],
        ],
      ],
    };
    const r = new ScanlineRasterizer([{ geometry: tri, value: 3 }], grid);
    const whole = paintAll(r, 32, 30);
    const pieced = new Uint8Array(32 * 30);
    for (let by = 0; by < 30; by += 7)
      for (let bx = 0; bx < 32; bx += 8) {
        const w = Math.min(8, 32 - bx);
        const h = Math.min(7, 30 - by);
        const block = new Uint8Array(w * h);
        r.paint(block, bx, by, w, h);
        for (let y = 0; y < h; y += 1)
          for (let x = 0; x < w; x += 1) pieced[(by + y) * 32 + bx + x] = block[y * w + x] as number;
      }
    expect(Array.from(pieced)).toEqual(Array.from(whole));
  });

  it('agrees with a point-in-polygon test at every pixel centre (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 20, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true })),
          {
            minLength: 3,
            maxLength: 9,
          },
        ),
        (points) => {
          const ring = [...points, points[0]!].map(([x, y]) => [x, y]);
          const polygon: Polygon = { type: 'Polygon', coordinates: [ring] };
          const mask = paintAll(new ScanlineRasterizer([{ geometry: polygon, value: 1 }], grid), 20, 20);
          for (let row = 0; row < 20; row += 1)
            for (let col = 0; col < 20; col += 1) {
              const where = pointInAreal(col + 0.5, row + 0.5, polygon);
              // Ties on an edge may go either way, and so may centres closer to an edge than rounding can tell
              // (found: a 1e-15-wide sliver through the centre of pixel 0,0).
              if (where === 'boundary' || distanceToRing(col + 0.5, row + 0.5, ring) < 1e-9) continue;
              expect(mask[row * 20 + col], `${col},${row}`).toBe(where === 'inside' ? 1 : 0);
            }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('paints about the polygon area in pixels', () => {
    const polygon: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [10, 10],
          [190, 30],
          [170, 180],
          [40, 150],
          [10, 10],
        ],
      ],
    };
    const mask = paintAll(new ScanlineRasterizer([{ geometry: polygon, value: 1 }], grid), 200, 200);
    const count = mask.reduce((s, v) => s + v, 0);
    expect(Math.abs(count - planarPolygonArea(polygon.coordinates)) / count).toBeLessThan(0.01);
  });
});

describe('zones: red lines × counties', () => {
  it('numbers counties 1…K and red-line pixels outside counties K + 1', () => {
    const zoner = new ZoneRasterizer([rect(0, 0, 10, 4)], [rect(0, 0, 4, 10), rect(4, 0, 8, 10)], grid);
    const out = new Uint8Array(12 * 6);
    const inside = zoner.zones(out, 0, 0, 12, 6);
    expect(inside).toBe(40);
    expect(out[0]).toBe(1);
    expect(out[5]).toBe(2);
    expect(out[9]).toBe(3); // red line beyond both counties
    expect(out[11]).toBe(0); // outside the red line
    expect(out[5 * 12 + 1]).toBe(0); // in a county but not in a red line
    expect(zoner.outsideZone).toBe(3);
    expect(zoner.mayTouch(20, 20, 30, 30)).toBe(false);
  });
});

/** Distance from (x, y) to the nearest segment of a closed ring. */
function distanceToRing(x: number, y: number, ring: readonly number[][]): number {
  let best = Infinity;
  for (let i = 0; i + 1 < ring.length; i += 1) {
    const [ax = 0, ay = 0] = ring[i] ?? [];
    const [bx = 0, by = 0] = ring[i + 1] ?? [];
    const dx = bx - ax;
    const dy = by - ay;
    const length2 = dx * dx + dy * dy;
    const t = length2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / length2)) : 0;
    best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
  }
  return best;
}
