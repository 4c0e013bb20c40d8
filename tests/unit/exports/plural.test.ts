/** English plurals in message templates: `{n:row|rows}`. */
import { describe, expect, it } from 'vitest';
import { plurals } from '../../../src/i18n/plural.ts';
import { fillTemplate } from '../../../src/i18n/format.ts';

const say = (template: string, n: number) => fillTemplate(plurals(template, { n }), { n });

describe('plurals', () => {
  it('picks the singular for exactly one and the plural otherwise', () => {
    expect(say('{n} {n:row|rows}', 1)).toBe('1 row');
    expect(say('{n} {n:row|rows}', 0)).toBe('0 rows');
    expect(say('{n} {n:row|rows}', 2)).toBe('2 rows');
    expect(say('{n} cell {n:output is|outputs are} out of date', 1)).toBe('1 cell output is out of date');
  });

  it('leaves templates without the parameter or without plural forms alone', () => {
    expect(plurals('{n} {n:row|rows}', {})).toBe('{n} {n:row|rows}');
    expect(say('{n} 条', 1)).toBe('1 条');
  });
});
