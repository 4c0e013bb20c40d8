/**
 * One selection rule per annex, shared by the list and the letter that attaches it: 附件3 counts what 附件1
 * lists (cases and red-line area), 附件5 hands over only verified problems (its text says 现场核实), and the
 * joined clauses of 附件4 never read 「。；」.
 */
import { describe, expect, it } from 'vitest';
import {
  buildAnnex,
  buildLetters3,
  buildLetters5,
  handlingText,
  joinClauses,
  selectAnnex1,
  selectAnnex3,
  selectAnnex4,
  selectAnnex5,
  transferredUnverified,
} from '../../../src/core/case/annex.ts';
import { dueDates } from '../../../src/core/case/due-dates.ts';
import { caseStates } from '../../../src/core/case/ledger.ts';
import type { CaseState } from '../../../src/core/model.ts';
import {
  SAMPLE_CATALOG,
  SAMPLE_LETTER_DATE,
  SAMPLE_SETTINGS,
  sampleLedger,
} from '../../golden/sample-ledger.ts';

const cases = caseStates(sampleLedger());
const letters3 = () =>
  buildLetters3(
    cases,
    SAMPLE_SETTINGS,
    SAMPLE_CATALOG,
    { date: SAMPLE_LETTER_DATE },
    (c) => dueDates(c, SAMPLE_SETTINGS).feedback,
  );

describe('附件3 and 附件1 count the same cases', () => {
  it('uses one rule: every case the consultation confirmed, closed ones included', () => {
    expect(selectAnnex3(cases).map((c) => c.id)).toEqual(selectAnnex1(cases).map((c) => c.id));
    // The sample has closed cases: the letter must not drop them.
    expect(selectAnnex3(cases).some((c) => c.stage === 'closed')).toBe(true);
  });

  it('each letter states the count and red-line area of the 附件1 list of its province', () => {
    const letters = letters3();
    expect(letters.length).toBeGreaterThan(0);
    let total = 0;
    for (const letter of letters) {
      const list = buildAnnex(1, cases, SAMPLE_SETTINGS, SAMPLE_CATALOG, { province: letter.key });
      const listed = list.rows.map((r) => r[0]);
      expect(letter.count).toBe(list.rows.length);
      expect(letter.tables.flatMap((t) => t.rows).map((r) => r[0])).toEqual(listed);
      const area = cases
        .filter((c) => listed.includes(c.patch.id))
        .reduce((n, c) => n + c.patch.redlineHa, 0);
      expect(letter.redlineHa).toBeCloseTo(area, 9);
      expect(letter.body[0]).toContain(`问题${list.rows.length}个`);
      expect(letter.body[0]).toContain(`面积${letter.redlineHaText}公顷`);
      total += letter.count;
    }
    expect(total).toBe(selectAnnex1(cases).length);
  });
});

describe('附件5 only hands over verified problems', () => {
  const first = cases.find((c) => c.stage === 'handed_over' && !c.verification) as CaseState;
  const template = cases.find((c) => c.transfers.length > 0) as CaseState;
  // A case given to a department before any verification (the workflow allows it).
  const early: CaseState = { ...first, transfers: [template.transfers[0] as CaseState['transfers'][number]] };
  const withEarly = cases.map((c) => (c.id === early.id ? early : c));

  it('leaves out cases transferred before verification, and says which they are', () => {
    expect(first).toBeDefined();
    const chosen = selectAnnex5(withEarly).map((c) => c.id);
    expect(chosen).not.toContain(early.id);
    const verified = new Set(selectAnnex4(withEarly).map((c) => c.id));
    for (const id of chosen) expect(verified.has(id)).toBe(true);
    expect(transferredUnverified(withEarly).map((c) => c.id)).toEqual([early.id]);
  });

  it('each letter lists exactly the verified cases transferred to its department', () => {
    const letters = buildLetters5(withEarly, SAMPLE_SETTINGS, SAMPLE_CATALOG, { date: SAMPLE_LETTER_DATE });
    expect(letters.length).toBeGreaterThan(0);
    for (const letter of letters) {
      const expected = selectAnnex5(withEarly, letter.key).map((c) => c.patch.id);
      expect(letter.tables.flatMap((t) => t.rows).map((r) => r[7])).toEqual(expected);
      expect(letter.count).toBe(expected.length);
      expect(letter.body[0]).toContain('监测和现场核实');
      expect(letter.tables.flatMap((t) => t.rows).map((r) => r[7])).not.toContain(early.patch.id);
    }
  });
});

describe('附件4 text joins clauses without 「。；」', () => {
  it('drops a clause’s closing full stop before the semicolon', () => {
    expect(joinClauses(['已立案。', ' 责令停止；', '', undefined, '罚款'])).toBe('已立案；责令停止；罚款');
  });

  it('no 附件4 cell reads 「。；」 even when a verification note ends with 。', () => {
    const dotted = cases.map((c) =>
      c.verification
        ? { ...c, verification: { ...c.verification, details: `${c.verification.details}。` } }
        : c,
    );
    const table = buildAnnex(4, dotted, SAMPLE_SETTINGS, SAMPLE_CATALOG);
    expect(table.rows.length).toBeGreaterThan(0);
    for (const row of table.rows) for (const cell of row) expect(String(cell)).not.toContain('。；');
    const verified = dotted.find((c) => c.verification && c.rechecks.length > 0) as CaseState;
    expect(handlingText(verified, SAMPLE_CATALOG)).toMatch(/[^。]；/);
  });
});
