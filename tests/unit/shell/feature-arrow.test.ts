import { describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { featureRowsToIpc } from '../../../src/io/feature-arrow.ts';
import type { FeatureRows } from '../../../src/io/vector-types.ts';

describe('featureRowsToIpc', () => {
  it('keeps every column, Chinese properties and the WKB bytes', () => {
    const rows: FeatureRows = {
      count: 2,
      fid: new Int32Array([0, 2]),
      props: [JSON.stringify({ 名称: '示例红线-001' }), '{}'],
      wkb: new Uint8Array([1, 3, 0, 9]),
      wkbOffsets: new Uint32Array([0, 3, 4]),
      minx: new Float64Array([109, 1]),
      miny: new Float64Array([21, 2]),
      maxx: new Float64Array([109.5, 3]),
      maxy: new Float64Array([21.5, 4]),
    };
    const table = tableFromIPC(featureRowsToIpc('L1', rows));
    expect(table.numRows).toBe(2);
    const first = table.get(0)?.toJSON() as Record<string, unknown>;
    expect(first.layer_id).toBe('L1');
    expect(JSON.parse(String(first.props))).toEqual({ 名称: '示例红线-001' });
    expect(Array.from(first.geom as Uint8Array)).toEqual([1, 3, 0]);
    expect([first.minx, first.miny, first.maxx, first.maxy]).toEqual([109, 21, 109.5, 21.5]);
    const second = table.get(1)?.toJSON() as Record<string, unknown>;
    expect(second.fid).toBe(2);
    expect(Array.from(second.geom as Uint8Array)).toEqual([9]);
  });
});
