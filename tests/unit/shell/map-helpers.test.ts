import { describe, expect, it } from 'vitest';
import { graticule } from '../../../src/map/graticule.ts';
import { metresPerPixel, scaleBar } from '../../../src/map/scale-bar.ts';

describe('graticule', () => {
  it('draws meridians and parallels on multiples of the step, densified per degree', () => {
    const lines = graticule(10, [73, 18, 135, 54]);
    const meridians = lines.filter((line) => line.kind === 'meridian').map((line) => line.value);
    const parallels = lines.filter((line) => line.kind === 'parallel').map((line) => line.value);
    expect(meridians).toEqual([80, 90, 100, 110, 120, 130]);
    expect(parallels).toEqual([20, 30, 40, 50]);
    expect(lines[0]?.path.length).toBe(54 - 18 + 1);
  });
});

describe('scale bar', () => {
  it('halves the ground size per pixel with each zoom level', () => {
    expect(metresPerPixel(0, 1) / metresPerPixel(0, 2)).toBeCloseTo(2, 10);
    expect(metresPerPixel(60, 3) / metresPerPixel(0, 3)).toBeCloseTo(0.5, 10);
  });

  it('picks a 1-2-5 length that fits and labels it', () => {
    const bar = scaleBar(35, 3, 120);
    expect([1, 2, 5]).toContain(bar.metres / 10 ** Math.floor(Math.log10(bar.metres)));
    expect(bar.pixels).toBeLessThanOrEqual(120);
    expect(bar.pixels).toBeGreaterThan(120 / 2.5);
    expect(bar.label).toMatch(/^\d+ km$/);
    expect(scaleBar(21, 17, 120).label).toMatch(/^\d+ m$/);
  });
});
