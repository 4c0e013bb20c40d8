import { describe, expect, it } from 'vitest';
import type { Feature, Geometry } from 'geojson';
import { featureRowsToIpc } from '../../../src/io/feature-arrow.ts';
import {
  attributesFromIpc,
  drawGeometryFromIpc,
  featuresFromIpc,
  isArrowIpc,
} from '../../../src/io/feature-arrow-read.ts';
import { featuresFromDraw } from '../../../src/io/draw-features.ts';
import { drawGeometryFromWkb } from '../../../src/io/draw-geometry.ts';
import { geometryBbox } from '../../../src/core/geo/wkb.ts';
import { FeatureRowsBuilder } from '../../../src/io/vector-rows.ts';

const features: Feature<Geometry, Record<string, unknown>>[] = [
  {
    type: 'Feature',
    id: 0,
    properties: { 名称: '示例红线-001', 面积: 12.5 },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [109, 21],
          [109.5, 21],
          [109.5, 21.5],
          [109, 21],
        ],
      ],
    },
  },
  { type: 'Feature', id: 3, properties: {}, geometry: { type: 'Point', coordinates: [110, 22] } },
  {
    type: 'Feature',
    id: 4,
    properties: { note: 'x"y' },
    geometry: {
      type: 'LineString',
      coordinates: [
        [1, 2],
        [3, 4],
      ],
    },
  },
];

function rowsOf(list: typeof features): ReturnType<FeatureRowsBuilder['finish']> {
  const builder = new FeatureRowsBuilder();
  for (const f of list)
    builder.add(
      Number(f.id),
      JSON.stringify(f.properties),
      f.geometry,
      geometryBbox(f.geometry) ?? [0, 0, 0, 0],
    );
  return builder.finish();
}

describe('a layer stored as Arrow, read back', () => {
  it('gives back every feature, its properties and its source index', () => {
    const ipc = featureRowsToIpc('layer-1', rowsOf(features));
    expect(featuresFromIpc(ipc)).toEqual(features);
  });

  it('gives the same draw buffers as the rows it was written from', () => {
    const rows = rowsOf(features);
    const ipc = featureRowsToIpc('layer-1', rows);
    expect(drawGeometryFromIpc(ipc)).toEqual(drawGeometryFromWkb(rows.wkb, rows.wkbOffsets, rows.count));
  });

  it('keeps many rows (the layer id repeated on each) intact', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ ...features[i % 3]!, id: i }));
    const ipc = featureRowsToIpc('a-long-layer-id-5f0c', rowsOf(many));
    const back = featuresFromIpc(ipc);
    expect(back).toHaveLength(1000);
    expect(back[999]).toEqual(many[999]);
  });

  it('rebuilds the same features from the draw buffers and the attribute column (what the page keeps)', () => {
    const withParts: typeof features = [
      ...features,
      {
        type: 'Feature',
        id: 7,
        properties: { 名称: '两块' },
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 0],
              ],
            ],
            [
              [
                [5, 5],
                [6, 5],
                [6, 6],
                [5, 6],
                [5, 5],
              ],
              [
                [5.2, 5.2],
                [5.2, 5.8],
                [5.8, 5.8],
                [5.2, 5.2],
              ],
            ],
          ],
        },
      },
    ];
    const ipc = featureRowsToIpc('layer-1', rowsOf(withParts));
    const rebuilt = featuresFromDraw(drawGeometryFromIpc(ipc), attributesFromIpc(ipc));
    expect(rebuilt).toEqual(featuresFromIpc(ipc));
    expect(rebuilt).toEqual(withParts);
  });

  it('tells an Arrow stream from a stored GeoJSON file', () => {
    expect(isArrowIpc(featureRowsToIpc('x', rowsOf(features)))).toBe(true);
    expect(isArrowIpc(new TextEncoder().encode('{"type":"FeatureCollection","features":[]}'))).toBe(false);
    expect(isArrowIpc(new Uint8Array())).toBe(false);
  });
});
