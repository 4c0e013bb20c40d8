import { describe, expect, it } from 'vitest';
import { guessLayerKind } from '../../../src/io/layer-kind.ts';

describe('guessLayerKind', () => {
  const cases: [string, string[], string, string][] = [
    ['合肥市生态保护红线', ['名称'], 'redline', 'high'],
    ['XX县生态保护红线_2023', [], 'redline', 'high'],
    ['stbhhx_340100', ['HXMC'], 'redline', 'high'],
    ['redline_4527', [], 'redline', 'high'],
    ['一般生态空间管控区域', [], 'control_zone', 'high'],
    ['安徽省自然保护地', ['BHDMC', 'GNFQ'], 'reserve', 'high'],
    ['黄山国家公园', [], 'reserve', 'high'],
    ['nature_reserve_boundary', [], 'reserve', 'low'],
    ['乡镇界', ['XZQDM', 'XZQMC'], 'admin', 'high'],
    ['county', ['adcode', 'name'], 'admin', 'high'],
    ['boundary', [], 'admin', 'low'],
    ['data', ['XZQDM', 'XZQMC'], 'admin', 'low'],
    ['layer1', ['id', 'area'], 'other', 'none'],
  ];
  for (const [name, fields, kind, confidence] of cases) {
    it(`${name} [${fields.join(',')}] → ${kind} (${confidence})`, () => {
      const guess = guessLayerKind(name, fields);
      expect(guess.kind).toBe(kind);
      expect(guess.confidence).toBe(confidence);
    });
  }

  it('explains itself', () => {
    expect(guessLayerKind('生态保护红线', ['HXMC']).reasons).toEqual(['name:生态保护红线', 'field:HXMC']);
  });
});
