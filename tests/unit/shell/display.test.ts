import { describe, expect, it } from 'vitest';
import { bandPercentiles, stretchToRgba } from '../../../src/core/display/stretch.ts';
import { outputSize, windowForView } from '../../../src/core/display/view-window.ts';
import { compositeBands, dateFromFileName, guessBandRoles } from '../../../src/core/display/band-roles.ts';

describe('contrast stretch', () => {
  it('takes percentiles without nodata', () => {
    const values = new Uint16Array([0, 0, 0, ...Array.from({ length: 101 }, (_, i) => 1000 + i)]);
    expect(bandPercentiles(values, 0, [0, 50, 100])).toEqual([1000, 1050, 1100]);
  });

  it('maps min..max to 0..255 and makes nodata transparent', () => {
    const band = new Uint16Array([0, 100, 200, 300]);
    const rgba = stretchToRgba([band, band, band], [100, 100, 100], [300, 300, 300], 0);
    expect(Array.from(rgba.slice(0, 4))).toEqual([0, 0, 0, 0]);
    expect(Array.from(rgba.slice(4, 8))).toEqual([0, 0, 0, 255]);
    expect(Math.abs((rgba[8] ?? 0) - 127.5)).toBeLessThanOrEqual(1);
    expect(Array.from(rgba.slice(12, 16))).toEqual([255, 255, 255, 255]);
  });
});

describe('view window', () => {
  const transform = { x0: 109, y0: 21.6, dx: 0.0001, dy: -0.0001 };
  it('finds the pixels under a view and clamps to the image', () => {
    const window = windowForView(
      [
        [109.01, 21.59],
        [109.02, 21.58],
      ],
      transform,
      1000,
      1000,
    );
    expect(window).toEqual([100, 100, 200, 200]);
    expect(
      windowForView(
        [
          [108, 20],
          [108.5, 20.5],
        ],
        transform,
        1000,
        1000,
      ),
    ).toBeNull();
    expect(
      windowForView(
        [
          [108.9, 21.7],
          [120, 10],
        ],
        transform,
        1000,
        1000,
      ),
    ).toEqual([0, 0, 1000, 1000]);
  });

  it('never asks for more pixels than the window has', () => {
    expect(outputSize([0, 0, 100, 50], 800, 800)).toEqual([100, 50]);
    expect(outputSize([0, 0, 10000, 5000], 1000, 1000)).toEqual([1000, 500]);
  });
});

describe('band roles and dates', () => {
  it('reads roles from descriptions and falls back to B,G,R,NIR', () => {
    expect(guessBandRoles(['B02', 'B03', 'B04', 'B08'], 4)).toEqual(['blue', 'green', 'red', 'nir']);
    expect(guessBandRoles(['', '', '', ''], 4)).toEqual(['blue', 'green', 'red', 'nir']);
    expect(guessBandRoles(['Red', 'Green', 'Blue'], 3)).toEqual(['red', 'green', 'blue']);
    expect(compositeBands(['blue', 'green', 'red', 'nir'], 'false')).toEqual([3, 2, 1]);
    expect(compositeBands(['red', 'green', 'blue'], 'false')).toBeNull();
  });

  it('finds dates in file names', () => {
    expect(dateFromFileName('GF2_PMS1_E109.1_N21.5_20180309_L1A.tif')).toBe('2018-03-09');
    expect(dateFromFileName('beihai_2016-12-09.tif')).toBe('2016-12-09');
    expect(dateFromFileName('t1.tif')).toBeNull();
  });
});
