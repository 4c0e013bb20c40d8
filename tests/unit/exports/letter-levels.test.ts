/**
 * Letters at the project's level: a province (厅) or a city (局) hands the suspected problems to its cities or
 * counties (你市/你县, 我厅/我局) and the problems to its own level's departments; addressee and signature can be
 * set per export; a letter's lists follow its cases (one list per province, each titled with its own).
 */
import { describe, expect, it } from 'vitest';
import {
  buildLetters3,
  buildLetters5,
  counterpartOrgan,
  defaultAddressee,
  organWord,
  selectAnnex3,
  selectAnnex5,
  youCity,
  youCounty,
  type LetterOptions,
} from '../../../src/core/case/annex.ts';
import { dueDates } from '../../../src/core/case/due-dates.ts';
import { caseStates } from '../../../src/core/case/ledger.ts';
import type { CaseState, ProjectSettings } from '../../../src/core/model.ts';
import {
  SAMPLE_CATALOG,
  SAMPLE_LETTER_DATE,
  SAMPLE_SETTINGS,
  sampleLedger,
} from '../../golden/sample-ledger.ts';

const cases = caseStates(sampleLedger());
const province: ProjectSettings = {
  ...SAMPLE_SETTINGS,
  letterLevel: 'province',
  issuer: '广西壮族自治区生态环境厅',
  issuerDepartment: '广西壮族自治区生态环境厅自然生态保护处',
};
const letters3 = (settings: ProjectSettings, options: Partial<LetterOptions> = {}, all = cases) =>
  buildLetters3(
    all,
    settings,
    SAMPLE_CATALOG,
    { date: SAMPLE_LETTER_DATE, ...options },
    (c) => dueDates(c, settings).feedback,
  );

describe('words of each level', () => {
  it('names the recipient by the kind of its unit', () => {
    expect(['某某县', '银海区', '鄂托克旗', '凭祥市'].map(youCounty)).toEqual([
      '你县',
      '你区',
      '你旗',
      '你市',
    ]);
    expect(['北海市', '恩施土家族苗族自治州', '锡林郭勒盟', '阿里地区'].map(youCity)).toEqual([
      '你市',
      '你州',
      '你盟',
      '你地区',
    ]);
    expect(organWord('生态环境部自然生态保护司', '我', '我部')).toBe('我司');
    expect(organWord('自治区自然资源厅', '你', '你单位')).toBe('你厅');
    expect(organWord('农业农村部有关司局', '你', '你单位')).toBe('你司');
    expect(organWord('某某公司办公楼', '你', '你单位')).toBe('你单位');
    expect(counterpartOrgan('自然资源部', 'province')).toBe('自然资源厅');
    expect(counterpartOrgan('国家林业和草原局', 'city')).toBe('林业和草原局');
  });
});

describe('建议核实函 from a province', () => {
  it('goes to each city by default, in the words of the province', () => {
    const letters = letters3(province);
    const cities = [...new Set(selectAnnex3(cases).map((c) => `${c.patch.province}/${c.patch.city}`))];
    expect(letters.map((l) => l.key).sort()).toEqual(cities.sort());
    for (const letter of letters) {
      const city = letter.key.split('/').at(-1) ?? '';
      expect(letter.addressee).toBe(`${city}人民政府办公室：`);
      expect(letter.body[0]).toMatch(new RegExp(`^经我厅生态保护红线监管平台监测，发现${youCity(city)}存在`));
      expect(letter.body[1]).toMatch(/反馈我厅。$/);
      expect(letter.body.join('')).not.toMatch(/我部|你省|你区存在/);
      expect(letter.signature).toBe('广西壮族自治区生态环境厅');
    }
    expect(letters.reduce((n, l) => n + l.count, 0)).toBe(selectAnnex3(cases).length);
  });

  it('goes to each county when asked, with the addressee and signature edited for this export', () => {
    const chosen = selectAnnex3(cases);
    const first = chosen[0] as CaseState;
    const key = `${first.patch.province}/${first.patch.city}/${first.patch.county}`;
    const letters = letters3(province, {
      recipientLevel: 'county',
      addressees: { [key]: '某某县人民政府' },
      signature: '广西壮族自治区生态环境厅（代章）',
    });
    const counties = new Set(chosen.map((c) => `${c.patch.province}/${c.patch.city}/${c.patch.county}`));
    expect(letters).toHaveLength(counties.size);
    const edited = letters.find((l) => l.key === key);
    expect(edited?.addressee).toBe('某某县人民政府：');
    expect(edited?.body[0]).toContain(youCounty(first.patch.county));
    expect(edited?.body[1]).toContain('组织有关部门和乡镇（街道）');
    expect(edited?.count).toBe(chosen.filter((c) => c.patch.county === first.patch.county).length);
    for (const l of letters.filter((x) => x.key !== key)) {
      expect(l.addressee).toMatch(/人民政府办公室：$/);
      expect(l.signature).toBe('广西壮族自治区生态环境厅（代章）');
    }
    expect(defaultAddressee(3, key, province, SAMPLE_CATALOG, 'county')).toBe(
      `${first.patch.county}人民政府办公室`,
    );
  });

  it('a city bureau writes to its counties as 我局', () => {
    const city: ProjectSettings = { ...SAMPLE_SETTINGS, letterLevel: 'city', issuer: '北海市生态环境局' };
    const letters = letters3(city);
    expect(letters.length).toBeGreaterThan(0);
    for (const l of letters) {
      expect(l.key.split('/')).toHaveLength(3);
      expect(l.body[0]).toMatch(/^经我局/);
      expect(l.body[1]).toMatch(/反馈我局。$/);
    }
  });
});

describe('移交函 at each level', () => {
  it('from a province goes to the department of its own level (你厅), signed by the sending 处 (我处)', () => {
    const letters = buildLetters5(cases, province, SAMPLE_CATALOG, { date: SAMPLE_LETTER_DATE });
    expect(letters.length).toBeGreaterThan(0);
    for (const letter of letters) {
      const organ = SAMPLE_CATALOG.departments.find((d) => d.code === letter.key)?.organ ?? '';
      expect(letter.addressee).toBe(`广西壮族自治区${counterpartOrgan(organ, 'province')}：`);
      expect(letter.body[0]).toMatch(/^经我厅/);
      expect(letter.body[1]).toMatch(/移交你(厅|局)，商请你(厅|局)/);
      expect(letter.body[1]).toMatch(/书面反馈我处。$/);
      expect(letter.signature).toBe(province.issuerDepartment);
    }
    const code = letters[0]?.key ?? '';
    const edited = buildLetters5(cases, province, SAMPLE_CATALOG, {
      date: SAMPLE_LETTER_DATE,
      addressees: { [code]: '广西壮族自治区林业局' },
    }).find((l) => l.key === code);
    expect(edited?.addressee).toBe('广西壮族自治区林业局：');
    expect(edited?.body[1]).toContain('移交你局');
  });

  it('covering several provinces, attaches one list per province, each titled with its own', () => {
    const handed = selectAnnex5(cases);
    const department = handed[0]?.transfers[0]?.department ?? '';
    const ids = new Set(
      handed.filter((c) => c.transfers.some((t) => t.department === department)).map((c) => c.id),
    );
    // Move one of the department's cases to another province: its letter now covers two.
    const moved = [...ids][0];
    const mixed = cases.map((c) =>
      c.id === moved ? { ...c, patch: { ...c.patch, province: '云南省' } } : c,
    );
    const letter = buildLetters5(mixed, SAMPLE_SETTINGS, SAMPLE_CATALOG, { date: SAMPLE_LETTER_DATE }).find(
      (l) => l.key === department,
    );
    if (!letter) throw new Error('no letter for the department');
    expect(letter.tables.map((t) => t.title)).toEqual([
      ...(ids.size > 1 ? ['广西壮族自治区生态保护红线生态破坏问题清单'] : []),
      '云南省生态保护红线生态破坏问题清单',
    ]);
    expect(letter.tables.reduce((n, t) => n + t.rows.length, 0)).toBe(letter.count);
    for (const t of letter.tables)
      for (const row of t.rows) expect(row[1]).toBe(t.title.replace('生态保护红线生态破坏问题清单', ''));
  });
});
