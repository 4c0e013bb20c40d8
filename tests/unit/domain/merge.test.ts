import { describe, expect, it } from 'vitest';
import { canonicalJson, fieldsWritten, previewImport } from '../../../src/core/case/merge.ts';
import { foldLedger } from '../../../src/core/case/ledger.ts';
import { FakeDevice, samplePatch, samplePayload, T0 } from './helpers.ts';

const A = '450521-2026-0001';
const B = '450521-2026-0002';

describe('canonical JSON', () => {
  it('ignores key order and undefined members', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: undefined }] })).toBe(
      canonicalJson({ a: [1, { d: 2 }], b: 1 }),
    );
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
  });
});

describe('import preview', () => {
  const setup = () => {
    const mine = new FakeDevice('甲', 'dev-a');
    const open = mine.emit(A, 'opened', {
      patch: samplePatch(A),
      stage: 'suspected',
      clueSource: 'satellite',
    });
    mine.emit(A, 'reviewed', { level: 'single', decision: 'confirm', reviewer: '甲' });
    const theirs = new FakeDevice('乙', 'dev-b', T0 + 30_000, 60_000, 21);
    theirs.learn(mine.seen);
    theirs.emit(A, 'handed_over', samplePayload('handed_over'));
    theirs.emit(A, 'fields_set', { fields: { location: '乙写的位置' } });
    theirs.emit(B, 'opened', { patch: samplePatch(B), stage: 'auto', clueSource: 'satellite' });
    mine.emit(A, 'fields_set', { fields: { location: '甲写的位置' } });
    return { mine, theirs, open };
  };

  it('lists added events, stage changes per case and conflicts with both sides', () => {
    const { mine, theirs } = setup();
    const p = previewImport(mine.seen, theirs.seen);
    expect([p.incoming, p.added.length, p.alreadyPresent]).toEqual([5, 3, 2]);
    expect(p.cases).toEqual([
      { caseId: A, newEvents: 2, stageBefore: 'confirmed', stageAfter: 'handed_over', skipped: 0 },
      { caseId: B, newEvents: 1, stageAfter: 'auto', skipped: 0 },
    ]);
    expect(p.conflicts).toHaveLength(1);
    const c = p.conflicts[0]!;
    expect([c.field, c.a.actor, c.b.actor].sort()).toEqual(['field.location', '乙', '甲'].sort());
    expect([c.a.value, c.b.value].sort()).toEqual(['乙写的位置', '甲写的位置'].sort());
  });

  it('importing twice adds nothing the second time', () => {
    const { mine, theirs } = setup();
    const first = previewImport(mine.seen, theirs.seen);
    const second = previewImport(first.merged, theirs.seen);
    expect([second.added.length, second.cases.length, second.conflicts.length]).toEqual([0, 0, 0]);
    expect(second.merged).toEqual(first.merged);
    expect(foldLedger(second.merged)).toEqual(foldLedger(first.merged));
  });

  it('appending events write no field, so concurrent appends never conflict', () => {
    const d = new FakeDevice('甲', 'dev-a');
    for (const type of [
      'note_added',
      'evidence_added',
      'transferred_to_department',
      'referred',
      'escalated',
    ] as const)
      expect(fieldsWritten(d.emit(A, type, samplePayload(type)))).toEqual({});
  });
});
