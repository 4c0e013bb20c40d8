/**
 * Control-zone findings (生态空间管控区域) are listed apart: 附件1–5 and their letters list red-line findings
 * only, and the control-zone list has 附件1's columns under its own title.
 */
import { describe, expect, it } from 'vitest';
import {
  ANNEX1_COLUMNS,
  buildAnnex,
  buildLetters3,
  buildLetters5,
  selectAnnex1,
  selectAnnex4,
} from '../../../src/core/case/annex.ts';
import { buildControlZoneList, selectControlZoneList } from '../../../src/core/case/control-zone-list.ts';
import { dueDates } from '../../../src/core/case/due-dates.ts';
import { caseStates } from '../../../src/core/case/ledger.ts';
import type { CaseState } from '../../../src/core/model.ts';
import {
  SAMPLE_CATALOG,
  SAMPLE_LETTER_DATE,
  SAMPLE_SETTINGS,
  sampleLedger,
} from '../../golden/sample-ledger.ts';

const sample = caseStates(sampleLedger());
// Move every other verified problem into a control zone: these must leave every red-line list.
const moved = new Set(
  selectAnnex4(sample)
    .filter((_, i) => i % 2 === 0)
    .map((c) => c.id),
);
const cases: CaseState[] = sample.map((c) =>
  moved.has(c.id) ? { ...c, patch: { ...c.patch, zone: 'control_zone' } } : c,
);
const ids = (rows: readonly (readonly (string | number)[])[]) => rows.map((r) => String(r[0]));
const movedPatchIds = cases.filter((c) => moved.has(c.id)).map((c) => c.patch.id);

describe('control-zone findings and the red-line annexes', () => {
  it('the sample gives both red-line and control-zone findings to compare', () => {
    expect(moved.size).toBeGreaterThan(0);
    expect(selectAnnex1(cases).length).toBeGreaterThan(0);
  });

  it('附件1, 附件2 and 附件4 list none of them', () => {
    for (const annex of [1, 2, 4] as const) {
      const table = buildAnnex(annex, cases, SAMPLE_SETTINGS, SAMPLE_CATALOG, { province: '' });
      const listed = ids(annex === 4 ? table.rows.map((r) => [r[7] ?? '']) : table.rows);
      for (const id of movedPatchIds) expect(listed).not.toContain(id);
    }
    // Before the move the same cases were listed in 附件1: the filter is what removes them.
    const before = ids(buildAnnex(1, sample, SAMPLE_SETTINGS, SAMPLE_CATALOG, { province: '' }).rows);
    for (const id of movedPatchIds) expect(before).toContain(id);
  });

  it('the letters (附件3, 附件5) count none of them', () => {
    const l3 = buildLetters3(
      cases,
      SAMPLE_SETTINGS,
      SAMPLE_CATALOG,
      { date: SAMPLE_LETTER_DATE },
      (c) => dueDates(c, SAMPLE_SETTINGS).feedback,
    );
    const l5 = buildLetters5(cases, SAMPLE_SETTINGS, SAMPLE_CATALOG, { date: SAMPLE_LETTER_DATE });
    const inLetters = [...l3, ...l5].flatMap((l) =>
      l.tables.flatMap((table) => (l.annex === 5 ? table.rows.map((r) => String(r[7])) : ids(table.rows))),
    );
    for (const id of movedPatchIds) expect(inLetters).not.toContain(id);
  });

  it('the control-zone list has them all, with 附件1 columns and its own title', () => {
    const table = buildControlZoneList(cases, SAMPLE_SETTINGS, SAMPLE_CATALOG, '');
    expect(table.columns).toBe(ANNEX1_COLUMNS);
    expect(table.title).toBe(`${SAMPLE_SETTINGS.province.name}生态空间管控区域疑似生态破坏问题清单`);
    expect(new Set(ids(table.rows))).toEqual(new Set(movedPatchIds));
    expect(selectControlZoneList(sample)).toEqual([]);
  });

  it('an unconfirmed control-zone finding waits, as in 附件1', () => {
    const fresh = cases.map((c) => (moved.has(c.id) ? { ...c, stage: 'suspected' as const } : c));
    expect(selectControlZoneList(fresh)).toEqual([]);
  });
});
