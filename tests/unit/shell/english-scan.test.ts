import { describe, expect, it } from 'vitest';
import { englishWords } from '../../e2e/english-scan.ts';

describe('englishWords (the zh-mode scan of the newcomer test)', () => {
  it('finds English words inside Chinese text', () => {
    expect(englishWords('无法导入「T1/T2」：detection needs two scenes and the engine')).toEqual([
      'detection',
      'needs',
      'two',
      'scenes',
      'and',
      'the',
      'engine',
    ]);
    expect(englishWords('失败: actor_missing')).toEqual(['actor', 'missing']);
    expect(englishWords('zThreshold 2.0000000000000004')).toEqual(['zThreshold']);
    expect(englishWords('1 rows')).toEqual(['rows']);
    // An allowed whole token does not allow its parts elsewhere.
    expect(englishWords('NDVI_soil；soil')).toEqual(['soil']);
    expect(englishWords('底图 · 省级行政区界 / Province outlines')).toEqual(['Province', 'outlines']);
  });

  it('passes ids, numbers, file names, shortcut letters, units and allowed names', () => {
    const text = [
      '图斑 450512-2026-0001 · 0.43 ha · EPSG:4490 · T1 · v1.4.3',
      '下载 附件1_广西壮族自治区.xlsx、scene-3f2a.tif',
      'J/K 上下、Y 确认、N 排除、Q/W/E/R 问题类型',
      'DuckDB 就绪 5441 ms · 导出 GeoJSON/GeoParquet · English',
      '案卷包（.zip）、笔记本 .rnb.json',
      'NDVI_soil 累计百分位（%）',
    ].join('\n');
    expect(englishWords(text)).toEqual([]);
  });

  it('reports each word once and honours a given allow-list', () => {
    expect(englishWords('rows rows 行 rows')).toEqual(['rows']);
    expect(englishWords('rows', ['rows'])).toEqual([]);
  });
});
