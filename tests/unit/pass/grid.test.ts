import { describe, expect, it } from 'vitest';
import {
  defaultTileSizeM,
  imageBox,
  passTiles,
  tilePixelWindow,
  tilesOverBox,
} from '../../../src/core/pass/grid.ts';

describe('pass tile grid', () => {
  it('puts tile corners on multiples of the tile size, whatever the box', () => {
    const tiles = tilesOverBox({ x0: 1234.5, y0: -250, x1: 3100, y1: 990 }, 1000);
    expect(tiles.map((t) => t.id)).toEqual(['E1N-1', 'E2N-1', 'E3N-1', 'E1N0', 'E2N0', 'E3N0']);
    for (const t of tiles) {
      expect(t.box.x0 % 1000).toBe(0);
      expect(Math.abs(t.box.y0 % 1000)).toBe(0);
      expect(t.box.x1 - t.box.x0).toBe(1000);
    }
  });

  it('does not take the next tile for a box ending on a tile edge', () => {
    expect(tilesOverBox({ x0: 0, y0: 0, x1: 2000, y1: 1000 }, 1000).map((t) => t.id)).toEqual([
      'E0N0',
      'E1N0',
    ]);
  });

  it('gives the same tiles whatever the order of the region boxes', () => {
    const boxes = [
      { x0: 0, y0: 0, x1: 2500, y1: 1500 },
      { x0: 4000, y0: 3000, x1: 4200, y1: 3100 },
      { x0: 1000, y0: 500, x1: 1200, y1: 700 },
    ];
    const a = passTiles(boxes, 1000).map((t) => t.id);
    const b = passTiles([...boxes].reverse(), 1000).map((t) => t.id);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
    expect(a).toContain('E4N3');
  });

  it('splits an image into tile windows without gap or overlap, also off the tile lines', () => {
    // 10 m pixels whose edges sit 3 m off the tile lines.
    const gt = [503, 10, 0, 3097, 0, -10];
    const width = 250;
    const height = 230;
    const box = imageBox(gt, width, height);
    const count = new Uint8Array(width * height);
    for (const tile of tilesOverBox(box, 1000)) {
      const w = tilePixelWindow(tile.box, gt, width, height);
      if (!w) continue;
      for (let r = w.y0; r < w.y1; r += 1) for (let c = w.x0; c < w.x1; c += 1) count[r * width + c]! += 1;
      // Every pixel centre of the window lies in the tile.
      const cx = gt[0]! + (w.x0 + 0.5) * 10;
      const cy = gt[3]! - (w.y0 + 0.5) * 10;
      expect(cx).toBeGreaterThanOrEqual(tile.box.x0);
      expect(cy).toBeLessThanOrEqual(tile.box.y1);
    }
    expect(count.every((c) => c === 1)).toBe(true);
  });

  it('has no window for a rotated image or a tile off the image', () => {
    expect(tilePixelWindow({ x0: 0, y0: 0, x1: 100, y1: 100 }, [0, 1, 0.1, 100, 0, -1], 10, 10)).toBeNull();
    expect(tilePixelWindow({ x0: 500, y0: 0, x1: 600, y1: 100 }, [0, 1, 0, 100, 0, -1], 10, 10)).toBeNull();
  });
});

describe('default tile size', () => {
  it('is about 2000 pixels a side in whole kilometres, at least 1 km', () => {
    expect(defaultTileSizeM(1)).toBe(2000);
    expect(defaultTileSizeM(0.8)).toBe(2000);
    expect(defaultTileSizeM(0.3)).toBe(1000);
    expect(defaultTileSizeM(10)).toBe(20_000);
    expect(defaultTileSizeM(Number.NaN)).toBe(2000);
  });
});
