/** The choropleth legend lists the classes with the colours and bounds the map draws them with. */
import { describe, expect, it } from 'vitest';
import { colourOf, legendClasses, legendDecimals, legendFor } from '../../../src/map/assessment-layers.ts';

describe('choropleth legend classes', () => {
  it('covers min to max in five contiguous classes, each in the colour the map uses', () => {
    const legend = legendFor([10, 20, 30, 50], false);
    expect(legend).not.toBeNull();
    const classes = legendClasses(legend!);
    expect(classes).toHaveLength(5);
    expect(classes[0]?.from).toBe(0 + legend!.min);
    expect(classes.at(-1)?.to).toBeCloseTo(50, 9);
    for (let i = 1; i < classes.length; i += 1) expect(classes[i]?.from).toBe(classes[i - 1]?.to);
    for (const item of classes) {
      const mid = (item.from + item.to) / 2;
      const [r, g, b] = colourOf(mid, legend);
      expect(item.css.startsWith(`rgba(${r},${g},${b},`)).toBe(true);
    }
  });

  it('is symmetric around zero for a change indicator', () => {
    const classes = legendClasses(legendFor([-0.14, 0.02], true)!);
    expect(classes[0]?.from).toBeCloseTo(-0.14, 9);
    expect(classes.at(-1)?.to).toBeCloseTo(0.14, 9);
  });

  it('prints every bound with the decimals its class width needs', () => {
    expect(legendDecimals(legendFor([0, 2.53], false)!)).toBe(2);
    expect(legendDecimals(legendFor([0, 250], false)!)).toBe(0);
    expect(legendDecimals(legendFor([-0.14, 0.02], true)!)).toBe(3);
  });
});
