import { describe, expect, it } from 'vitest';
import {
  asCaseId,
  asEventId,
  asTableName,
  createUlidFactory,
  formatPatchId,
  InvalidIdError,
  isUlid,
  manualPatchId,
  ulid,
  ulidTime,
  UlidOverflowError,
} from '../../../src/core/ids.ts';
import {
  applyOverrides,
  CatalogError,
  DEFAULT_CATALOG,
  findEntry,
  isActiveCode,
  labelOf,
  activeEntries,
} from '../../../src/core/catalog.ts';
import { seededBytes } from './helpers.ts';

describe('ULID', () => {
  it('has 26 Crockford characters and encodes its time', () => {
    const make = createUlidFactory({ now: () => 1_767_225_600_123, random: seededBytes(3) });
    const id = make();
    expect(isUlid(id)).toBe(true);
    expect(ulidTime(id)).toBe(1_767_225_600_123);
    expect(isUlid(ulid())).toBe(true);
  });

  it('is monotonic within one millisecond and when the clock steps back', () => {
    let t = 1_000_000;
    const make = createUlidFactory({ now: () => t, random: seededBytes(9) });
    const ids: string[] = [];
    for (let i = 0; i < 200; i += 1) {
      if (i === 100) t -= 5000; // clock stepped back
      if (i % 7 === 0 && i !== 100) t += 1;
      ids.push(make());
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('increments with carry when the random part ends in Z', () => {
    const make = createUlidFactory({ now: () => 5, random: (b) => (b.fill(0), (b[15] = 31), b) });
    expect(make().slice(10)).toBe('000000000000000Z');
    expect(make().slice(10)).toBe('0000000000000010');
  });

  it('refuses to overflow rather than go backwards', () => {
    const make = createUlidFactory({ now: () => 5, random: (b) => b.fill(31) });
    expect(make().endsWith('ZZZZZZZZZZZZZZZZ')).toBe(true);
    expect(() => make()).toThrow(UlidOverflowError);
  });

  it('different devices do not collide', () => {
    const a = createUlidFactory({ now: () => 42, random: seededBytes(1) });
    const b = createUlidFactory({ now: () => 42, random: seededBytes(2) });
    expect(a()).not.toBe(b());
  });
});

describe('branded ids', () => {
  it('validate their text', () => {
    expect(() => asEventId('nope')).toThrow(InvalidIdError);
    expect(() => asTableName('patch; drop table x')).toThrow(InvalidIdError);
    expect(asTableName('patch_2026')).toBe('patch_2026');
    expect(() => asCaseId('320115 2026')).toThrow(InvalidIdError);
  });
  it('format patch ids as county-year-sequence, and hand-drawn ones with random letters', () => {
    expect(formatPatchId('320115', 2026, 7)).toBe('320115-2026-0007');
    const manual = manualPatchId('320115', 2026, '01JQ3ABCDEFGHJKMNPQRSTVWXY');
    expect(manual).toBe('320115-2026-MQRSTVWXY');
  });
});

describe('catalog', () => {
  it('holds the shared codes with their labels', () => {
    expect(DEFAULT_CATALOG.activityTypes.map((a) => [a.code, a.annexClass])).toEqual([
      ['mining', 1],
      ['industry', 2],
      ['energy', 3],
      ['tourism', 4],
      ['transport', 5],
      ['other', 6],
      ['aquaculture', 6],
    ]);
    expect(DEFAULT_CATALOG.problemTypes.map((p) => p.zh)).toEqual([
      '占用生态空间',
      '破坏地表植被',
      '影响生态功能',
      '其他',
    ]);
    expect(DEFAULT_CATALOG.clueSources.map((p) => p.zh)).toEqual([
      '卫星遥感监测',
      '领导批示',
      '信访举报',
      '舆情反映',
      '督察',
      '其他',
    ]);
    expect(DEFAULT_CATALOG.departments.map((p) => p.zh)).toEqual([
      '自然资源',
      '水利',
      '农业农村',
      '林草',
      '中国海警局',
    ]);
    expect(DEFAULT_CATALOG.rejectionReasons.map((p) => p.zh)).toEqual([
      '季节/物候差异',
      '云/阴影',
      '配准误差',
      '已批准项目',
      '农业活动',
      '既有设施',
      '其他',
    ]);
    expect(DEFAULT_CATALOG.verificationResults.map((p) => p.zh)).toEqual(['属实', '不属实', '部分属实']);
    expect(DEFAULT_CATALOG.escalationMeasures.map((p) => p.zh)).toEqual([
      '函告',
      '通报',
      '约谈',
      '专项督察',
      '纳入中央督察',
    ]);
    expect(labelOf(DEFAULT_CATALOG, 'stages', 'closed')).toBe('销号');
    expect(labelOf(DEFAULT_CATALOG, 'stages', 'closed', 'en')).toBe('Closed');
    expect(labelOf(DEFAULT_CATALOG, 'departments', 'unknown_dept')).toBe('unknown_dept');
  });

  it('a project can add, relabel and retire entries', () => {
    const cat = applyOverrides(DEFAULT_CATALOG, {
      departments: {
        add: [{ code: 'housing', zh: '住房城乡建设', en: 'Housing', organ: '住房和城乡建设部' }],
        relabel: { forestry: { zh: '林业和草原' } },
        retire: ['coast_guard'],
      },
    });
    expect(findEntry(cat, 'departments', 'housing')?.organ).toBe('住房和城乡建设部');
    expect(labelOf(cat, 'departments', 'forestry')).toBe('林业和草原');
    expect(isActiveCode(cat, 'departments', 'coast_guard')).toBe(false);
    expect(labelOf(cat, 'departments', 'coast_guard')).toBe('中国海警局');
    expect(activeEntries(cat, 'departments').map((d) => d.code)).toEqual([
      'natural_resources',
      'water',
      'agriculture',
      'forestry',
      'housing',
    ]);
    expect(DEFAULT_CATALOG.departments.length).toBe(5); // defaults untouched
  });

  it('refuses overrides that would break the workflow or duplicate codes', () => {
    expect(() =>
      applyOverrides(DEFAULT_CATALOG, { stages: { add: [{ code: 'x', zh: 'x', en: 'x' }] } }),
    ).toThrow(CatalogError);
    expect(() => applyOverrides(DEFAULT_CATALOG, { stages: { retire: ['closed'] } })).toThrow(CatalogError);
    expect(
      applyOverrides(DEFAULT_CATALOG, { stages: { relabel: { closed: { zh: '已销号' } } } }).stages.at(-1)
        ?.zh,
    ).toBe('已销号');
    expect(() =>
      applyOverrides(DEFAULT_CATALOG, { clueSources: { add: [{ code: 'petition', zh: 'x', en: 'x' }] } }),
    ).toThrow(CatalogError);
    expect(() => applyOverrides(DEFAULT_CATALOG, { clueSources: { retire: ['nope'] } })).toThrow(
      CatalogError,
    );
  });
});
