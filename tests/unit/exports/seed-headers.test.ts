/**
 * Every export format against the wording of the seed text (not against the code's own constants): the titles,
 * header rows and notes of 附件1/2/4 in CSV, XLSX and the DOCX letters' attached lists, and the lines of the
 * 附件3/附件5 letter templates. Where the app deliberately differs from the seed, DELIBERATE says so and why;
 * any other difference fails.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/io/csv-annex.ts';
import { annexFiles, type BundleFile } from '../../../src/io/zip-bundle.ts';
import {
  SAMPLE_CATALOG,
  SAMPLE_LETTER_DATE,
  SAMPLE_SETTINGS,
  sampleLedger,
} from '../../golden/sample-ledger.ts';
import { seedLetter, seedList, templatePattern } from './seed-text.ts';
import { docxBlocks, xlsxSnapshot, type DocxBlock } from './snapshots.ts';

/** Where the app departs from the seed on purpose, and why (each is checked where it applies). */
const DELIBERATE = {
  annex1Title: {
    seed: 'XX省（区、市）生态保护红线疑似生态破坏问题',
    ours: 'XX省（区、市）生态保护红线疑似生态破坏问题清单',
    why:
      'the seed is inconsistent: its text calls 附件1 「疑似生态破坏问题清单」 (形成…清单（格式见附件1）) and the ' +
      '附件3 letter attaches 「疑似生态破坏问题清单」, while the annex heading drops 清单; the list keeps the name ' +
      'the letter that attaches it uses',
  },
  letterPunctuation: {
    why:
      'the seed letters mix half-width (,:()) and full-width punctuation; the letters are Chinese official ' +
      'documents and use full-width throughout, so the comparison maps the seed to full-width first',
  },
  templateMarker: { why: '「(模板)」 after the seed letter titles marks a template, not part of a title' },
  annex5Addressee: {
    seed: 'XX部（委、局）XX司：',
    why:
      'the app knows the department (部/委/局) but not which of its 司 handles the case: the default addressee is ' +
      '「<organ>有关司局」, and the export panel lets the user type the exact 司',
  },
  annex5ReplyBy: {
    seed: '有关结果请书面反馈我司',
    why: 'when the hand-over has a reply-by date the letter says 「请于…前书面反馈我司」',
  },
  annex4Major: {
    ours: '重大问题',
    why:
      'the seed asks to report 重大生态破坏问题 to 国务院 but its 附件4 has no column for them; we add one as the ' +
      'last column (ANNEX4_ADDED_KEYS in core/case/annex.ts) so the list shows which problems are major',
  },
  copyTo: {
    why:
      'the 抄送 line after 附件5 in the seed belongs to the programme notice itself (its distribution), not to ' +
      'the 附件5 template; the letters carry no 抄送',
  },
} as const;

let files: BundleFile[] = [];
const bytesOf = async (f: BundleFile): Promise<Uint8Array> =>
  typeof f.bytes === 'function' ? f.bytes() : f.bytes;
const filesOf = (pattern: RegExp) => files.filter((f) => pattern.test(f.path));
const paragraphs = (blocks: DocxBlock[]): string[] =>
  blocks.flatMap((b) => ('p' in b && b.p.trim() !== '' ? [b.p] : []));
const colLetter = (i: number): string => String.fromCharCode(65 + i);

/** The seed's title as a pattern (XX省（区、市） = any provincial unit), with the deliberate 清单 of 附件1. */
function titlePattern(annex: 1 | 2 | 4): RegExp {
  const seed = seedList(annex).title;
  if (annex === 1) {
    expect(seed, DELIBERATE.annex1Title.why).toBe(DELIBERATE.annex1Title.seed);
    return templatePattern(DELIBERATE.annex1Title.ours);
  }
  return templatePattern(seed);
}

beforeAll(async () => {
  files = await annexFiles(sampleLedger(), SAMPLE_SETTINGS, SAMPLE_CATALOG, SAMPLE_LETTER_DATE);
});

describe('annex lists against the seed text', () => {
  it('the fixture parses into the annexes of the seed', () => {
    expect(seedList(1).leaves).toHaveLength(11);
    expect(seedList(2).leaves).toEqual(seedList(1).leaves);
    expect(seedList(4).leaves).toHaveLength(13);
    for (const annex of [1, 2, 4] as const) expect(seedList(annex).notes).toHaveLength(3);
  });

  for (const annex of [1, 2, 4] as const)
    it(`附件${annex}: CSV header row is the seed's leaf headers`, async () => {
      const csv = filesOf(new RegExp(`^lists/annex${annex}-\\d+\\.csv$`));
      expect(csv.length).toBeGreaterThan(0);
      for (const f of csv) {
        const [header = []] = parseCsv(new TextDecoder().decode(await bytesOf(f)));
        const added = annex === 4 ? [DELIBERATE.annex4Major.ours] : [];
        expect(header.slice(header.length - added.length), DELIBERATE.annex4Major.why).toEqual(added);
        expect(header.slice(0, header.length - added.length)).toEqual(seedList(annex).leaves);
      }
    });

  for (const annex of [1, 2, 4] as const)
    it(`附件${annex}: XLSX label, title, header rows and notes are the seed's`, async () => {
      const seed = seedList(annex);
      const xlsx = filesOf(new RegExp(`^lists/annex${annex}-\\d+\\.xlsx$`));
      expect(xlsx.length).toBeGreaterThan(0);
      for (const f of xlsx) {
        const sheet = (await xlsxSnapshot(await bytesOf(f))).sheets[0];
        if (!sheet) throw new Error(`${f.path}: no sheet`);
        expect(sheet.cells.A1).toBe(`附件${annex}`);
        expect(String(sheet.cells.A2)).toMatch(titlePattern(annex));
        seed.headerRows.forEach((row, r) =>
          row.forEach((text, i) => expect(sheet.cells[`${colLetter(i)}${3 + r}`] ?? '').toBe(text)),
        );
        const texts = Object.entries(sheet.cells)
          .filter(([address]) => address.startsWith('A'))
          .map(([, v]) => String(v));
        expect(texts.slice(-3)).toEqual(seed.notes);
      }
    });
});

describe('letters against the seed templates', () => {
  /** Title, lines of the letter, then the attached list (label 附件, title, header, notes) of one DOCX. */
  async function letterParts(f: BundleFile) {
    const { blocks } = docxBlocks(await bytesOf(f));
    const tableAt = blocks.findIndex((b) => 'table' in b);
    const table = blocks[tableAt];
    if (!table || !('table' in table)) throw new Error(`${f.path}: no attached list`);
    const before = paragraphs(blocks.slice(0, tableAt));
    return {
      title: before[0],
      // Up to the 附件 label of the attached list (its last line before the list title).
      lines: before.slice(1, -2),
      listTitle: before.at(-1),
      headerRows: table.table.slice(0, table.headerRows),
      notes: paragraphs(blocks.slice(tableAt + 1)),
    };
  }

  it('附件3 follows the template line by line and attaches the 附件1 list as the seed prints it', async () => {
    const seed = seedLetter(3);
    const docx = filesOf(/^letters\/annex3-/);
    expect(docx.length).toBeGreaterThan(0);
    for (const f of docx) {
      const got = await letterParts(f);
      expect(got.title, DELIBERATE.templateMarker.why).toBe(seed.title);
      expect(got.lines).toHaveLength(seed.lines.length);
      seed.lines.forEach((line, i) =>
        expect(got.lines[i], DELIBERATE.letterPunctuation.why).toMatch(templatePattern(line)),
      );
      expect(got.listTitle).toMatch(titlePattern(1));
      expect(got.headerRows).toEqual([seedList(1).leaves]);
      expect(got.notes).toEqual(seedList(1).notes);
    }
  });

  it('附件5 follows the template line by line and attaches the 附件4 list as the seed prints it', async () => {
    const seed = seedLetter(5);
    const copyTo = seed.lines.findIndex((l) => l.startsWith('抄送'));
    expect(copyTo, DELIBERATE.copyTo.why).toBe(seed.lines.length - 1);
    const template = seed.lines.slice(0, copyTo);
    const docx = filesOf(/^letters\/annex5-/);
    expect(docx.length).toBeGreaterThan(0);
    for (const f of docx) {
      const got = await letterParts(f);
      expect(got.title, DELIBERATE.templateMarker.why).toBe(seed.title);
      expect(got.lines).toHaveLength(template.length);
      template.forEach((line, i) => {
        const pattern = templatePattern(line, [
          [DELIBERATE.annex5Addressee.seed, '.+?(?:部|委|局)(?:.+?司|有关司局)：'],
          [DELIBERATE.annex5ReplyBy.seed, '有关结果请(?:于\\d{4}年\\d{1,2}月\\d{1,2}日前)?书面反馈我司'],
        ]);
        expect(got.lines[i], `${DELIBERATE.annex5Addressee.why}; ${DELIBERATE.annex5ReplyBy.why}`).toMatch(
          pattern,
        );
      });
      expect(got.listTitle).toMatch(titlePattern(4));
      const seed4 = seedList(4).headerRows;
      const major = DELIBERATE.annex4Major.ours;
      expect(got.headerRows.flat(), DELIBERATE.annex4Major.why).toContain(major);
      expect(got.headerRows.map((r) => r.filter((t) => t !== '' && t !== major))).toEqual(
        seed4.map((r) => r.filter((t) => t !== '')),
      );
      expect(got.notes).toEqual(seedList(4).notes);
    }
  });
});
