// The one message catalog behind `t`: every feature's strings are reachable, no key is defined in two files (a
// later file would silently win), both languages have the same keys, and plurals/parameters are applied.
import { describe, expect, it } from 'vitest';
import { CATALOG_PARTS, translate, type MessageKey } from '../../../src/i18n/catalog.ts';

describe('message catalog', () => {
  it('defines each key in exactly one file', () => {
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const [part, table] of Object.entries(CATALOG_PARTS)) {
      for (const key of Object.keys(table.zh)) {
        const first = owner.get(key);
        if (first) twice.push(`${key} (${first}, ${part})`);
        else owner.set(key, part);
      }
    }
    expect(twice).toEqual([]);
    expect(owner.size).toBeGreaterThan(300);
  });

  it('has the same keys in Chinese and English in every file', () => {
    for (const [part, table] of Object.entries(CATALOG_PARTS)) {
      expect(Object.keys(table.en).sort(), part).toEqual(Object.keys(table.zh).sort());
    }
  });

  it('returns each file’s own string for its keys', () => {
    for (const table of Object.values(CATALOG_PARTS)) {
      for (const locale of ['zh', 'en'] as const) {
        for (const [key, text] of Object.entries(table[locale])) {
          // Without parameters neither plurals nor placeholders change a template.
          expect(translate(locale, key as MessageKey)).toBe(text);
        }
      }
    }
  });

  it('fills parameters and English plurals for every feature', () => {
    expect(translate('en', 'project.defaultName', { n: 3 })).toBe('New project 3');
    expect(translate('zh', 'project.defaultName', { n: 3 })).toContain('3');
    const plural = Object.entries(CATALOG_PARTS.exports?.en ?? {}).find(([, text]) =>
      /\{n:[^|{}]*\|/.test(text),
    );
    if (!plural) throw new Error('expected an English plural in the export strings');
    const [key, template] = plural;
    const one = translate('en', key as MessageKey, { n: 1 });
    const many = translate('en', key as MessageKey, { n: 2 });
    expect(one).not.toBe(many);
    expect(one).not.toContain('{n');
    expect(template).toContain('{n:');
  });
});

describe('job labels', () => {
  it('are in the catalog in both languages, with their parameters', () => {
    expect(translate('zh', 'job.layer', { label: '红线.geojson' })).toBe('图层 红线.geojson');
    expect(translate('en', 'job.phase.tiles', { done: 3, total: 8 })).toBe('Tiles 3/8');
    expect(translate('zh', 'job.detection')).toBe('变化检测');
  });
});
