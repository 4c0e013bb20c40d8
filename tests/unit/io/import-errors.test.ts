import { describe, expect, it } from 'vitest';
import {
  IMPORT_ERROR_MESSAGES,
  IMPORT_WARNING_MESSAGES,
  importMessage,
} from '../../../src/i18n/import-errors.ts';
import { IMPORT_ERROR_CODES, IMPORT_WARNING_CODES, ImportError } from '../../../src/io/import-error.ts';

describe('import messages', () => {
  it('every error and warning code has zh and en text, and no message lacks a code', () => {
    expect(Object.keys(IMPORT_ERROR_MESSAGES).sort()).toEqual([...IMPORT_ERROR_CODES].sort());
    expect(Object.keys(IMPORT_WARNING_MESSAGES).sort()).toEqual([...IMPORT_WARNING_CODES].sort());
    for (const m of [...Object.values(IMPORT_ERROR_MESSAGES), ...Object.values(IMPORT_WARNING_MESSAGES)]) {
      expect(m.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(m.en).not.toMatch(/[。，「」（）：]/); // English text uses English punctuation
      // Both languages use the same placeholders (zh may use a zh-specific variant such as {datumZh}).
      const names = (s: string) =>
        [...s.matchAll(/\{(\w+)\}/g)].map((x) => (x[1] ?? '').replace(/Zh$/, '')).sort();
      expect(names(m.zh)).toEqual(names(m.en));
    }
  });

  it('fills placeholders from the error detail', () => {
    const e = new ImportError('unknown_crs', { file: 'a.shp', crs: 'Hong_Kong_1980_Grid', reason: 'datum' });
    expect(importMessage(e.code, e.detail, 'en')).toContain('"Hong_Kong_1980_Grid"');
    expect(importMessage(e.code, e.detail, 'zh')).toContain('「Hong_Kong_1980_Grid」');
  });

  it('ImportError survives the trip through plain data (worker boundary)', () => {
    const e = new ImportError('truncated_file', { file: 'x.shp' }, { cause: new Error('short read') });
    const back = ImportError.fromData(structuredClone(e.toData()));
    expect(back).toBeInstanceOf(ImportError);
    expect([back.code, back.detail, back.cause]).toEqual(['truncated_file', { file: 'x.shp' }, 'short read']);
  });
});
