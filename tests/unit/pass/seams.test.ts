import { describe, expect, it } from 'vitest';
import { lowestLeftOrder, ringsBox, seamGroups, type SeamPart } from '../../../src/core/pass/seams.ts';

/** A part: a rectangle of map coordinates in tile (ix, iy), 10 m pixels. */
const rect = (ix: number, iy: number, x0: number, y0: number, x1: number, y1: number): SeamPart => ({
  ix,
  iy,
  pixel: 10,
  polygons: [[[x0, y0, x1, y0, x1, y1, x0, y1]]],
});

describe('seam merge', () => {
  it('joins parts that share a stretch of a tile border, and only those', () => {
    const parts = [
      rect(0, 0, 900, 100, 1000, 200), // west of the border x = 1000
      rect(1, 0, 1000, 150, 1100, 300), // east of it, overlapping 150–200 along the border
      rect(1, 0, 1000, 400, 1100, 500), // east, 200 m further north: not touching the first
      rect(0, 0, 500, 500, 600, 600), // inside tile 0
    ];
    expect(seamGroups(parts, 1000)).toEqual([[0, 1], [2], [3]]);
  });

  it('joins across a horizontal border, a corner (8-connectivity) and through chains', () => {
    const parts = [
      rect(0, 0, 100, 900, 200, 1000), // south of y = 1000
      rect(0, 1, 150, 1000, 300, 1100), // north of it
      rect(1, 1, 1000, 1000, 1050, 1050), // north-east: meets part 3 only at the corner (1000, 1000)
      rect(0, 0, 950, 950, 1000, 1000), // south-west of that corner
      rect(1, 0, 1000, 100, 1100, 120), // east of part 0? no: part 0 ends at x = 200
    ];
    expect(seamGroups(parts, 1000)).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('joins parts whose pixel edges sit off the tile line (another scene grid), within half a pixel', () => {
    // West tile's scene has edges 3 m east of the line, the east tile's scene 4 m west of it.
    const parts = [rect(0, 0, 903, 100, 1003, 200), rect(1, 0, 996, 110, 1096, 260)];
    expect(seamGroups(parts, 1000)).toEqual([[0, 1]]);
  });

  it('joins a part that touches the border with a single vertex (a simplified outline)', () => {
    const spike: SeamPart = { ix: 0, iy: 0, pixel: 10, polygons: [[[900, 100, 1000, 150, 900, 200]]] };
    expect(seamGroups([spike, rect(1, 0, 1000, 140, 1100, 400)], 1000)).toEqual([[0, 1]]);
  });

  it('does not join parts a pixel and more apart along the border', () => {
    const parts = [rect(0, 0, 900, 100, 1000, 200), rect(1, 0, 1000, 215, 1100, 300)];
    expect(seamGroups(parts, 1000)).toEqual([[0], [1]]);
  });

  it('orders merged patches by their lowest-left pixel, whatever order they come in', () => {
    const boxes = [
      ringsBox(rect(0, 0, 500, 300, 600, 400).polygons),
      ringsBox(rect(0, 0, 100, 300, 200, 400).polygons),
      ringsBox(rect(0, 0, 900, 100, 950, 900).polygons),
    ];
    const sorted = [...boxes].sort((a, b) => lowestLeftOrder(a, b, 10));
    expect(sorted.map((b) => b.x0)).toEqual([900, 100, 500]);
  });
});
