/**
 * The annexes of the seed text (tests/fixtures/seed-annexes.txt) parsed into titles, header rows, notes and
 * letter templates, with the line-wrap spaces of the text removed, so exports can be compared with the wording
 * the Ministry published rather than with the code's own constants.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SEED_FIXTURE = join(import.meta.dirname, '../../fixtures/seed-annexes.txt');

/** Characters between which a space can only be a line wrap (Chinese has no word spaces). */
const WIDE = '\\p{Script=Han}\\u3000-\\u303f\\uff01-\\uff5e';
const WRAP = new RegExp(`(?<=[${WIDE}X\\d])\\s+(?=[${WIDE}])|(?<=[${WIDE}])\\s+(?=[X\\d])`, 'gu');

/** Remove line-wrap spaces: whitespace between two CJK characters (or a CJK character and XX / a digit). */
export const unwrap = (text: string): string => text.replace(WRAP, '').trim();

/** The letters of the seed mix half- and full-width punctuation; the letters of the app use full-width. */
export const fullWidth = (text: string): string =>
  text.replace(/[,:;()]/g, (ch) => ({ ',': '，', ':': '：', ';': '；', '(': '（', ')': '）' })[ch] ?? ch);

export interface SeedList {
  readonly annex: 1 | 2 | 4;
  readonly title: string;
  /** Header rows as tab-separated cells ('' where a cell above or to the left spans it). */
  readonly headerRows: readonly (readonly string[])[];
  /** The header of each leaf column (the lower row where there are two). */
  readonly leaves: readonly string[];
  readonly notes: readonly string[];
}
export interface SeedLetter {
  readonly annex: 3 | 5;
  /** Title without the template marker (模板). */
  readonly title: string;
  /** Every line after the title, punctuation full-width, in order (addressee, body, attachment, …). */
  readonly lines: readonly string[];
}

function sections(): Map<number, string[]> {
  const text = readFileSync(SEED_FIXTURE, 'utf8');
  const out = new Map<number, string[]>();
  let current: string[] | null = null;
  for (const raw of text.split('\n')) {
    if (raw.startsWith('#')) continue;
    const label = /^附件\s*(\d)\s*$/.exec(raw);
    if (label) {
      current = [];
      out.set(Number(label[1]), current);
    } else if (current && raw.trim() !== '') current.push(raw);
  }
  return out;
}

export function seedList(annex: 1 | 2 | 4): SeedList {
  const lines = sections().get(annex) ?? [];
  const headerCount = annex === 4 ? 2 : 1;
  const headerRows = lines.slice(1, 1 + headerCount).map((l) => l.split('\t').map(unwrap));
  const width = Math.max(...headerRows.map((r) => r.length));
  const leaves = Array.from({ length: width }, (_, i) =>
    headerRows.reduce((leaf, row) => row[i] || leaf, ''),
  );
  return {
    annex,
    title: unwrap(lines[0] ?? ''),
    headerRows,
    leaves,
    notes: lines.slice(1 + headerCount).map((l) => unwrap(l.replace(/^-\s+/, ''))),
  };
}

export function seedLetter(annex: 3 | 5): SeedLetter {
  const lines = (sections().get(annex) ?? []).map((l) => unwrap(fullWidth(unwrap(l))));
  return {
    annex,
    title: (lines[0] ?? '').replace(/（模板）$/, ''),
    lines: lines.slice(1),
  };
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * A seed line as a pattern: its placeholders (XX省（区、市）, 你省（区、市）, dates, XX counts) stand for any
 * value of their kind; `extra` adds deliberate, documented variations as [seed text, pattern] pairs.
 */
export function templatePattern(line: string, extra: readonly (readonly [string, string])[] = []): RegExp {
  const placeholders: [string, string][] = [
    ...extra.map(([a, b]): [string, string] => [a, b]),
    ['XXXX年XX月XX日', '\\d{4}年\\d{1,2}月\\d{1,2}日'],
    ['XX年XX月XX日', '\\d{4}年\\d{1,2}月\\d{1,2}日'],
    ['XXXXXXXX', '.+'],
    ['XX省（区、市）', '.+?'],
    ['你省（区、市）', '你(?:省|区|市|兵团)'],
    ['XX司', '.+?司'],
    ['XX', '[\\d.]+'],
  ];
  let pattern = '';
  let rest = line;
  outer: while (rest.length > 0) {
    for (const [seed, re] of placeholders)
      if (rest.startsWith(seed)) {
        pattern += re;
        rest = rest.slice(seed.length);
        continue outer;
      }
    pattern += escape(rest[0] as string);
    rest = rest.slice(1);
  }
  return new RegExp(`^${pattern}$`, 'u');
}
