import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

// The message modules follow the app's language switch (a Svelte rune); these tests pass the locale instead.
vi.mock('../../../src/i18n/i18n.svelte.ts', () => ({ i18n: { locale: 'zh' } }));

const { DETECTION_MESSAGES } = await import('../../../src/i18n/detection-messages.ts');
const { IMAGERY_MESSAGES } = await import('../../../src/i18n/imagery-messages.ts');
const {
  APP_DETECTION_CODES,
  DetectionSetupError,
  describeDetectionError,
  detectionErrorCode,
  hasSentence,
  provenanceLines,
  seasonText,
} = await import('../../../src/state/detection-text.ts');
type RunProvenance = import('../../../src/core/detect/provenance.ts').RunProvenance;

/** Every member of the engine's `DetectInputCode` union, read from its source so a new code cannot slip by. */
function engineCodes(): string[] {
  const source = readFileSync('src/core/detect/types.ts', 'utf8');
  const union = /export type DetectInputCode =([^;]+);/.exec(source)?.[1] ?? '';
  return [...union.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
}

describe('every detection error code has a sentence in Chinese and English', () => {
  it('covers the engine codes and the app codes', () => {
    const codes = [...engineCodes(), ...APP_DETECTION_CODES, 'no_overlap', 'cancelled'];
    expect(engineCodes()).toEqual(
      expect.arrayContaining(['roles_missing', 'band_count_differs', 'no_overlap']),
    );
    const missing = codes.filter((code) => !hasSentence(code));
    expect(missing).toEqual([]);
    for (const code of codes) {
      for (const locale of ['zh', 'en'] as const) {
        expect(
          DETECTION_MESSAGES[locale][`dm.err.${code}` as keyof (typeof DETECTION_MESSAGES)['zh']],
        ).toBeTruthy();
      }
    }
  });

  it('has every key in both languages, with the same placeholders', () => {
    for (const tables of [DETECTION_MESSAGES, IMAGERY_MESSAGES] as Record<
      'zh' | 'en',
      Record<string, string>
    >[]) {
      expect(Object.keys(tables.en).sort()).toEqual(Object.keys(tables.zh).sort());
      for (const key of Object.keys(tables.zh)) {
        const holes = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(holes(tables.en[key]!), key).toEqual(holes(tables.zh[key]!));
      }
    }
  });
});

describe('errors in words', () => {
  it('reads a code from the error object and from a worker message "code {json}"', () => {
    const typed = Object.assign(new Error('band_count_differs {"t1":3,"t2":4}'), {
      code: 'band_count_differs',
      details: { t1: 3, t2: 4 },
    });
    expect(detectionErrorCode(typed)).toEqual({ code: 'band_count_differs', details: { t1: 3, t2: 4 } });
    const crossed = new Error('band_out_of_range {"date":"t2","band":5,"count":4}');
    expect(detectionErrorCode(crossed)).toEqual({
      code: 'band_out_of_range',
      details: { date: 't2', band: 5, count: 4 },
    });
    const cancelled = Object.assign(new Error('detection cancelled'), { name: 'DetectCancelledError' });
    expect(detectionErrorCode(cancelled).code).toBe('cancelled');
  });

  it('says a band-count mismatch in Chinese under the detection prefix, never the import one', () => {
    const zh = describeDetectionError(new Error('band_count_differs {"t1":3,"t2":4}'), 'zh').message;
    expect(zh).toMatch(/^无法检测：两期影像的波段数不同（T1 3 个，T2 4 个）/);
    expect(zh).not.toContain('导入');
    const en = describeDetectionError(new Error('band_count_differs {"t1":3,"t2":4}'), 'en').message;
    expect(en).toMatch(/^Cannot detect: The two dates have different band counts \(T1 3, T2 4\)/);
    expect(describeDetectionError(new DetectionSetupError('scenes_missing'), 'zh').message).toBe(
      '无法检测：需要两期影像：请先导入 T1 和 T2 两期 GeoTIFF，并在上方选择。',
    );
    expect(
      describeDetectionError(new Error('roles_missing {"date":"t1","have":["red","green"],"need":3}'), 'zh')
        .message,
    ).toContain('T1 只设定了 2 个');
    expect(
      describeDetectionError(new Error('roles_differ {"t1":["red"],"t2":["nir"]}'), 'zh').message,
    ).toContain('T1：红；T2：近红外');
  });

  it('falls back to a sentence naming the failure for anything unknown, filling every placeholder', () => {
    const text = describeDetectionError(new TypeError('x is undefined'), 'zh').message;
    expect(text).toBe('无法检测：检测未能完成，未保存任何结果：x is undefined');
    for (const code of engineCodes()) {
      const message = describeDetectionError(new Error(`${code} {}`), 'zh').message;
      expect(message, code).toMatch(/^无法检测：/);
    }
  });
});

describe('season warning and provenance', () => {
  it('names both seasons', () => {
    expect(
      seasonText({ t1: '2018-03-10', t2: '2018-09-20' }, { t1: 'spring', t2: 'autumn' }, 'zh'),
    ).toContain('T1（2018-03-10，春季）与 T2（2018-09-20，秋季）不在同一季节');
    expect(seasonText({ t1: '2018-03-10', t2: '2018-04-20' }, null, 'zh')).toBeNull();
  });

  it('says bands, radiometry, normalisation, threshold, clouds and features off', () => {
    const p: RunProvenance = {
      sensorGuess: 'rgb_8bit',
      dataType: 'uint8',
      bitDepth: 8,
      valueRange: [3, 250],
      radiometry: 'dn',
      normalisation: 'per_scene_percentile',
      percentiles: [2, 98],
      roles: ['blue', 'green', 'red'],
      bands: { t1: [2, 1, 0], t2: [2, 1, 0] },
      featuresOff: ['ndvi', 'ndwi', 'swir'],
      vegetationIndex: 'excess_green',
      cloudMaskedM2: { t1: 25_000, t2: 0 },
      dates: { t1: '2018-03-10', t2: '2018-09-20' },
      seasonWarning: true,
      thresholdMethod: 'kittler_illingworth',
      thresholdFallback: null,
      changeShare: 0.031,
      pixelSizeM: 1.5,
      harvestLike: 2,
    };
    const zh = provenanceLines(p, 'zh').join('\n');
    expect(zh).toContain('使用波段：蓝（第 3 波段）、绿（第 2 波段）、红（第 1 波段）');
    expect(zh).toContain('辐射：8 位，DN 值，值域 3–250 · 像元 1.5 米');
    expect(zh).toContain('按自身 2%–98% 百分位');
    expect(zh).toContain('Kittler–Illingworth 最小误差法');
    expect(zh).toContain('变化像元约占 3.1%');
    expect(zh).toContain('云及云影掩膜：T1 2.50 公顷，T2 0.00 公顷');
    expect(zh).toContain(
      '未启用：NDVI（缺近红外，改用过绿指数）、NDWI 水体判别（缺近红外）、短波红外对比（缺短波红外）',
    );
    expect(zh).toContain('2 个图斑疑似收割');
    const en = provenanceLines(
      { ...p, featuresOff: [], thresholdFallback: 'unimodal', bands: { t1: [0, 1, 2], t2: [2, 1, 0] } },
      'en',
    ).join('\n');
    expect(en).toContain('Bands used: T1 blue (band 1)');
    expect(en).toContain('robust z used instead');
    expect(en).toContain('All tests switched on');
    expect(en).not.toMatch(/\{\w+\}/);
  });
});
