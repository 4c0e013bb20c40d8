import { describe, expect, it } from 'vitest';
import { caseStates, heads } from '../../../src/core/case/ledger.ts';
import { buildYearlyReport } from '../../../src/core/case/yearly-report.ts';
import { writeYearlyReportDocx } from '../../../src/io/docx-yearly-report.ts';
import type { LedgerEvent, PatchSnapshot } from '../../../src/core/model.ts';
import { SAMPLE_CATALOG, SAMPLE_SETTINGS, sampleLedger } from '../../golden/sample-ledger.ts';
import { docxBlocks } from '../exports/snapshots.ts';

/** The sample ledger with case 10 marked 重大 in 2026 (the sample has no mark). */
function ledgerWithMajor(): LedgerEvent[] {
  const log = sampleLedger();
  const caseId = '450512-2026-0010';
  const own = log.filter((e) => e.caseId === caseId);
  const last = own.at(-1)!;
  log.push({
    ...last,
    id: '01KZZZZZZZZZZZZZZZZZZZZZZZ' as LedgerEvent['id'],
    at: '2026-11-01T02:00:00.000Z',
    prev: heads(own),
    type: 'major_flagged',
    payload: { reason: '非法采石，影响恶劣', flaggedOn: '2026-11-01' },
  } as LedgerEvent);
  return log;
}

/** Figures counted straight from the events, without the fold. */
function fromEvents(events: readonly LedgerEvent[], year: number) {
  const patches = new Map<string, PatchSnapshot>();
  for (const e of events)
    if (e.type === 'opened' && e.at.startsWith(`${year}-`)) patches.set(e.caseId, e.payload.patch);
  const rejected = new Set<string>(
    events
      .filter((e) => e.type === 'rejected' || (e.type === 'reviewed' && e.payload.decision === 'reject'))
      .map((e) => e.caseId),
  );
  const unsubstantiated = new Set<string>(
    events
      .filter((e) => e.type === 'verified' && e.payload.result === 'unsubstantiated')
      .map((e) => e.caseId),
  );
  const closed = events
    .filter((e) => e.type === 'closed' && e.payload.closedOn.startsWith(`${year}-`))
    .map((e) => e.caseId);
  const found = [...patches].filter(([id]) => !rejected.has(id));
  const rectified = closed.filter((id) => !unsubstantiated.has(id));
  const byCounty = new Map<string, number>();
  for (const [, p] of found) byCounty.set(p.county ?? '—', (byCounty.get(p.county ?? '—') ?? 0) + 1);
  return {
    opened: patches.size,
    rejected: [...patches.keys()].filter((id) => rejected.has(id)).length,
    found: found.length,
    foundHa: found.reduce((s, [, p]) => s + p.areaHa, 0),
    closed: closed.length,
    rectified: rectified.length,
    rectifiedHa: rectified.reduce((s, id) => s + (patches.get(id)?.areaHa ?? 0), 0),
    major: events.filter((e) => e.type === 'major_flagged' && e.payload.flaggedOn.startsWith(`${year}-`))
      .length,
    byCounty,
  };
}

describe('yearly supervision report', () => {
  const events = ledgerWithMajor();
  const cases = caseStates(events);
  const report = buildYearlyReport(2026, cases, SAMPLE_SETTINGS, SAMPLE_CATALOG, '2027-02-01');
  const expected = fromEvents(events, 2026);

  it('counts the year from the ledger as the events say', () => {
    expect(report.asOf).toBe('2026-12-31');
    expect(report.opened).toBe(expected.opened);
    expect(report.rejected).toBe(expected.rejected);
    expect(report.found.count).toBe(expected.found);
    expect(report.found.areaHa).toBeCloseTo(expected.foundHa, 9);
    expect(report.closed).toEqual({
      count: expected.closed,
      rectifiedCount: expected.rectified,
      rectifiedHa: expect.closeTo(expected.rectifiedHa, 9) as number,
    });
    expect(report.major).toBe(expected.major);
    expect(expected.major).toBe(1);
    expect(Object.fromEntries(report.byCounty.map((r) => [r.label, r.count]))).toEqual(
      Object.fromEntries(expected.byCounty),
    );
    expect(report.byStage.reduce((s, r) => s + r.count, 0)).toBe(expected.opened);
    expect(report.byActivity.reduce((s, r) => s + r.count, 0)).toBe(expected.found);
  });

  it('counts as overdue on the year’s last day the cases past their current due date', () => {
    // By hand from the sample: 0004 and the 广东 case wait for feedback due 2026-06-01, 0005 for its hand-over
    // (base 2026-03-01 + 2 months), 0008 for its review (+1 month); 0002 and 0010 are within their deadlines.
    expect(report.overdue).toBe(4);
    const early = buildYearlyReport(2026, cases, SAMPLE_SETTINGS, SAMPLE_CATALOG, '2026-03-20');
    expect(early.asOf).toBe('2026-03-20');
    expect(early.overdue).toBe(0);
  });

  it('writes the figures into the DOCX', async () => {
    const { blocks } = docxBlocks(await writeYearlyReportDocx(report));
    const paragraphs = blocks.flatMap((b) => ('p' in b ? [b.p] : []));
    expect(paragraphs[0]).toBe('广西壮族自治区2026年生态保护红线监管工作报告');
    const summary = paragraphs.find((p) => p.startsWith('截至'))!;
    const num = (re: RegExp): number => Number(re.exec(summary)?.[1]);
    expect(num(/图斑(\d+)处/)).toBe(expected.opened);
    expect(num(/排除(\d+)处/)).toBe(expected.rejected);
    expect(num(/生态破坏问题(\d+)处，面积/)).toBe(expected.found);
    expect(num(/面积([\d.]+)公顷；逾期/)).toBeCloseTo(expected.foundHa, 4);
    expect(num(/逾期未办结问题(\d+)处/)).toBe(report.overdue);
    expect(num(/销号(\d+)处/)).toBe(expected.closed);
    expect(num(/整改到位(\d+)处/)).toBe(expected.rectified);
    expect(num(/整改面积([\d.]+)公顷/)).toBeCloseTo(expected.rectifiedHa, 4);
    expect(num(/重大生态破坏问题(\d+)个/)).toBe(expected.major);
    const tables = blocks.flatMap((b) => ('table' in b ? [b.table] : []));
    expect(tables).toHaveLength(3);
    const county = tables[1]!;
    for (const [name, n] of expected.byCounty) {
      expect(county.find((row) => row[0] === name)?.[1]).toBe(String(n));
    }
    expect(county.at(-1)).toEqual(['合计', String(expected.found), expected.foundHa.toFixed(4)]);
  });
});
