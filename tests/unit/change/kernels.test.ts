import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { otsuThreshold } from '../../../src/core/change/otsu.ts';
import { RunLabeller, type Component } from '../../../src/core/change/label-runs.ts';
import { traceRuns, ringArea } from '../../../src/core/change/trace.ts';
import { simplifyRing } from '../../../src/core/change/simplify.ts';
import { fillRings, polygonsInPixels } from '../../../src/core/change/rasterize.ts';
import { morph3x3 } from '../../../src/core/change/morphology.ts';
import { pixelAreaM2 } from '../../../src/core/change/pixel-area.ts';

/** Mask from a picture: '#' = set. */
function mask(rows: string[]): { data: Uint8Array; width: number; height: number } {
  const width = rows[0]?.length ?? 0;
  const data = new Uint8Array(width * rows.length);
  rows.forEach((row, y) => [...row].forEach((c, x) => (data[y * width + x] = c === '#' ? 1 : 0)));
  return { data, width, height: rows.length };
}

function label(m: ReturnType<typeof mask>, strip: number): Component[] {
  const labeller = new RunLabeller(m.width);
  const out: Component[] = [];
  for (let y = 0; y < m.height; y += strip) {
    const rows = Math.min(strip, m.height - y);
    out.push(...labeller.addRows(m.data, rows, y, y * m.width));
  }
  out.push(...labeller.finish());
  return out;
}

/** Component partition as sorted pixel-index lists, comparable between strip sizes. */
function partition(components: Component[], width: number): string[] {
  return components
    .map((c) =>
      c.runs
        .flatMap((r) => Array.from({ length: r.x1 - r.x0 }, (_, i) => r.y * width + r.x0 + i))
        .sort((a, b) => a - b)
        .join(','),
    )
    .sort();
}

describe('otsuThreshold', () => {
  it('splits a bimodal histogram between the modes', () => {
    const histogram = new Array<number>(100).fill(0);
    for (let i = 15; i <= 25; i++) histogram[i] = 100 - Math.abs(i - 20) * 10;
    for (let i = 65; i <= 75; i++) histogram[i] = 50 - Math.abs(i - 70) * 4;
    const t = otsuThreshold(histogram);
    expect(t).toBeGreaterThan(25);
    expect(t).toBeLessThanOrEqual(65);
  });
  it('returns n for an empty histogram', () => {
    expect(otsuThreshold([0, 0, 0])).toBe(3);
  });
});

describe('RunLabeller', () => {
  const picture = mask([
    '##....#.',
    '.#...#..', // diagonal link across the seam below
    '....#...',
    '#...#..#',
    '#.......',
    '##.###.#',
  ]);
  it('labels 8-connected components', () => {
    const components = label(picture, picture.height);
    expect(components.map((c) => c.pixelCount).sort((a, b) => a - b)).toEqual([1, 1, 3, 3, 4, 4]);
  });
  it('gives the same partition whatever the strip height (seams)', () => {
    const whole = partition(label(picture, picture.height), picture.width);
    for (const strip of [1, 2, 3, 4]) expect(partition(label(picture, strip), picture.width)).toEqual(whole);
  });
  it('joins a U shape whose arms meet only in a later strip', () => {
    const u = mask(['#..#', '#..#', '#..#', '####']);
    expect(label(u, 1)).toHaveLength(1);
    expect(label(u, 1)[0]?.pixelCount).toBe(10);
  });
});

describe('traceRuns', () => {
  it('traces a ring of pixels as one polygon with one hole', () => {
    const ring = mask(['#####', '#...#', '#...#', '#####']);
    const [component] = label(ring, 2);
    const polygons = traceRuns(component?.runs ?? []);
    expect(polygons).toHaveLength(1);
    const [outer, hole] = polygons[0] ?? [];
    expect(polygons[0]).toHaveLength(2);
    expect(ringArea(outer ?? [])).toBe(20);
    expect(ringArea(hole ?? [])).toBe(-6);
    expect(outer).toHaveLength(5); // a rectangle: 4 corners + closing point
  });
  it('splits pixels touching only at a corner into two polygons', () => {
    const diagonal = mask(['#.', '.#']);
    const polygons = traceRuns(label(diagonal, 2)[0]?.runs ?? []);
    expect(polygons).toHaveLength(2);
    expect(polygons.map((p) => ringArea(p[0] ?? []))).toEqual([1, 1]);
  });
});

describe('simplifyRing', () => {
  it('drops vertices within the tolerance and keeps corners', () => {
    const ring: [number, number][] = [
      [0, 0],
      [5, 0.2],
      [10, 0],
      [10, 10],
      [5, 9.7],
      [0, 10],
      [0, 0],
    ];
    const out = simplifyRing(ring, 0.5);
    expect(out).toHaveLength(5);
    expect(out).toContainEqual([10, 10]);
    expect(simplifyRing(ring, 0.1)).toHaveLength(7);
  });
});

describe('fillRings', () => {
  it('rasterises a polygon with a hole (pixel centres inside)', () => {
    const square: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [6, 0],
          [6, 6],
          [0, 6],
          [0, 0],
        ],
        [
          [2, 2],
          [4, 2],
          [4, 4],
          [2, 4],
          [2, 2],
        ],
      ],
    };
    const out = new Uint8Array(8 * 8);
    for (const rings of polygonsInPixels([square], (p) => [p[0] as number, p[1] as number])) {
      fillRings(rings, 8, 0, 8, out);
    }
    expect(out.reduce((a, b) => a + b, 0)).toBe(36 - 4);
    expect(out[3 * 8 + 3]).toBe(0);
    expect(out[1 * 8 + 1]).toBe(1);
    expect(out[6 * 8 + 6]).toBe(0);
    // Strip-wise filling gives the same rows.
    const strip = new Uint8Array(8 * 3);
    for (const rings of polygonsInPixels([square], (p) => [p[0] as number, p[1] as number])) {
      fillRings(rings, 8, 2, 3, strip);
    }
    expect([...strip]).toEqual([...out.subarray(16, 40)]);
  });
});

describe('morphology and pixel area', () => {
  it('erodes a 3×3 block to its centre', () => {
    const block = mask(['.....', '.###.', '.###.', '.###.', '.....']);
    const out = new Uint8Array(25);
    morph3x3(block.data, 5, 5, 'erode', out);
    expect(out.reduce((a, b) => a + b, 0)).toBe(1);
    expect(out[12]).toBe(1);
  });
  it('gives ~100 m² for a 10 m pixel near the equator', () => {
    const deg = 10 / 111_320;
    const area = pixelAreaM2({ x0: 0, y0: 0, dx: deg, dy: -deg }, 0);
    expect(area).toBeGreaterThan(98);
    expect(area).toBeLessThan(101);
  });
});
