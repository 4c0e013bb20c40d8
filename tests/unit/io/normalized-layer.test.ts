import { describe, expect, it } from 'vitest';
import { parseNormalizedLayer } from '../../../src/io/normalized-layer.ts';

const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

describe('parseNormalizedLayer', () => {
  it('returns the features of the normalised FeatureCollection, Chinese attributes and holes intact', () => {
    const features = [
      {
        type: 'Feature',
        properties: { 名称: '示例红线', 面积: 12.5 },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [109, 21],
              [110, 21],
              [110, 22],
              [109, 21],
            ],
            [
              [109.5, 21.2],
              [109.7, 21.2],
              [109.7, 21.4],
              [109.5, 21.2],
            ],
          ],
        },
      },
    ];
    expect(parseNormalizedLayer(encode({ type: 'FeatureCollection', features }))).toEqual(features);
  });

  it('refuses bytes that are not a FeatureCollection', () => {
    expect(() => parseNormalizedLayer(encode({ type: 'Feature' }))).toThrow(/FeatureCollection/);
    expect(() => parseNormalizedLayer(new TextEncoder().encode('{"type":'))).toThrow();
  });
});
