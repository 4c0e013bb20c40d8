import { describe, expect, it } from 'vitest';
import {
  chooseEncoding,
  encodingFromCpg,
  encodingFromLdid,
  findGarbled,
} from '../../../src/io/shapefile/encoding.ts';
import { fixEntryName } from '../../../src/io/shapefile/zip.ts';

/** GBK bytes of 生态保护红线 and 自然保护地 (from the GBK code table). */
const GBK = [
  new Uint8Array([0xc9, 0xfa, 0xcc, 0xac, 0xb1, 0xa3, 0xbb, 0xa4, 0xba, 0xec, 0xcf, 0xdf]),
  new Uint8Array([0xd7, 0xd4, 0xc8, 0xbb, 0xb1, 0xa3, 0xbb, 0xa4, 0xb5, 0xd8]),
];
const UTF8 = ['生态保护红线', '自然保护地'].map((s) => new TextEncoder().encode(s));
const samples = (list: Uint8Array[]) => list.map((bytes) => ({ field: '名称', bytes }));

describe('attribute text encoding', () => {
  it('maps .cpg texts and DBF language drivers', () => {
    expect(['UTF-8', 'utf8', '65001'].map(encodingFromCpg)).toEqual(['utf-8', 'utf-8', 'utf-8']);
    expect(['CP936', '936', 'GBK', 'GB2312', 'ANSI 936'].map(encodingFromCpg)).toEqual(Array(5).fill('gbk'));
    expect(encodingFromCpg('GB18030')).toBe('gb18030');
    expect(encodingFromCpg('1252')).toBe('windows-1252');
    expect(encodingFromCpg('klingon')).toBeNull();
    expect(encodingFromLdid(0x4d)).toBe('gbk');
    expect(encodingFromLdid(0x57)).toBeNull();
  });

  it('detects GBK and UTF-8 when nothing is declared', () => {
    expect(chooseEncoding('a.dbf', null, null, samples(GBK))).toMatchObject({
      label: 'gbk',
      warnings: [{ code: 'encoding_detected' }],
    });
    expect(chooseEncoding('a.dbf', null, null, samples(UTF8))).toEqual({
      label: 'utf-8',
      display: 'UTF-8',
      warnings: [],
    });
  });

  it('honours .cpg and the language driver, unless the bytes prove them wrong', () => {
    expect(chooseEncoding('a.dbf', 'CP936', null, samples(GBK)).label).toBe('gbk');
    expect(chooseEncoding('a.dbf', null, 'gbk', samples(GBK)).label).toBe('gbk');
    const wrong = chooseEncoding('a.dbf', 'UTF-8', null, samples(GBK));
    expect(wrong.label).toBe('gbk');
    expect(wrong.warnings).toEqual([
      { code: 'cpg_mismatch', detail: { file: 'a.dbf', declared: 'UTF-8', used: 'GBK' } },
    ]);
    expect(chooseEncoding('a.dbf', 'nonsense', null, samples(UTF8)).warnings.map((w) => w.code)).toEqual([
      'cpg_unknown',
    ]);
  });

  it('forgives a value cut in the middle of a character at the field width', () => {
    const cut = GBK[0]?.subarray(0, 11) ?? new Uint8Array();
    expect(chooseEncoding('a.dbf', null, null, samples([cut, ...GBK])).label).toBe('gbk');
  });

  it('warns about text that stays garbled', () => {
    // GBK bytes decoded as Latin-1, declared so by the .cpg: Latin-1 runs are the tell-tale.
    const latin = chooseEncoding('a.dbf', 'ISO-8859-1', null, samples(GBK));
    expect(latin.warnings.map((w) => w.code)).toEqual(['garbled_text']);
    expect(findGarbled('utf-8', samples([new Uint8Array([0x61, 0xff, 0x62])]))?.sample).toBe('a\ufffdb');
    expect(findGarbled('gbk', samples(GBK))).toBeNull();
  });

  it('re-decodes zip entry names that fflate read as Latin-1', () => {
    const gbkLatin1 = String.fromCharCode(...(GBK[0] ?? []), 0x2e, 0x73, 0x68, 0x70);
    expect(fixEntryName(gbkLatin1)).toBe('生态保护红线.shp');
    expect(fixEntryName('plain.shp')).toBe('plain.shp');
    expect(fixEntryName('已经是中文.shp')).toBe('已经是中文.shp');
  });
});
