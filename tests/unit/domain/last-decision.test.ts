import { describe, expect, it } from 'vitest';
import { foldCase, lastDecision, propose, type CaseFold } from '../../../src/core/case/ledger.ts';
import { asCaseId, createUlidFactory } from '../../../src/core/ids.ts';
import { confirmDrafts, rejectDrafts } from '../../../src/core/case/review-drafts.ts';
import type { LedgerEvent } from '../../../src/core/model.ts';
import { DEFAULT_CATALOG } from '../../../src/core/catalog.ts';
import { defaultSettings } from '../../../src/core/model.ts';
import { FakeDevice, samplePayload } from './helpers.ts';

const ctx = { settings: defaultSettings('广西壮族自治区'), catalog: DEFAULT_CATALOG };
let t = Date.parse('2026-11-01T00:00:00Z');
const clock = { now: () => new Date((t += 1000)), newId: createUlidFactory({ now: () => t }) };
const author = { actor: '张三', device: 'd1' };

/** A session's log: three automatic patches; writes drafts through `propose` as the app does. */
function session() {
  const logs = new Map<string, LedgerEvent[]>();
  const device = new FakeDevice('张三', 'd1');
  for (const id of ['450512-2026-0001', '450512-2026-0002', '450512-2026-0003'])
    logs.set(id, [device.emit(id, 'opened', samplePayload('opened', id))]);
  const write = (id: string, drafts: ReturnType<typeof confirmDrafts>) => {
    for (const draft of drafts) {
      const result = propose(draft, logs.get(id) ?? [], author, clock, ctx);
      if (!result.ok) throw result.error;
      logs.set(id, [...(logs.get(id) ?? []), result.event]);
    }
  };
  const folds = (): CaseFold[] => [...logs.values()].map((events) => foldCase(events));
  const state = (id: string) => foldCase(logs.get(id) ?? []).state!;
  return { logs, write, folds, state };
}

describe('U undoes the last recorded decision, on any patch', () => {
  it('after confirming #1 and rejecting #2 with a reason, U targets #2 even when #3 is current', () => {
    const s = session();
    s.write('450512-2026-0001', confirmDrafts(s.state('450512-2026-0001'), '张三', 'single'));
    s.write('450512-2026-0002', rejectDrafts(s.state('450512-2026-0002'), '张三', 'single', 'phenology'));
    const last = lastDecision(s.folds(), '张三');
    expect(last?.caseId).toBe('450512-2026-0002');
    expect(last?.event.type).toBe('rejected');
    expect(last?.undoable).toBe(true);
    // The compensating event: the decision stops counting, nothing is deleted.
    const id = '450512-2026-0002';
    s.write(id, [{ caseId: asCaseId(id), type: 'undone', payload: { target: last!.event.id } }]);
    const fold = foldCase(s.logs.get(id)!);
    expect(fold.state?.stage).toBe('auto');
    expect(fold.history.find((h) => h.event.id === last!.event.id)?.status).toBe('undone');
    expect(s.logs.get(id)).toHaveLength(3);
    // U again: the decision before it (#1's confirmation).
    const before = lastDecision(s.folds(), '张三');
    expect(before?.caseId).toBe('450512-2026-0001');
    expect(before?.event.type).toBe('reviewed');
  });

  it('a decision followed by another action on its case is not silently undone', () => {
    const s = session();
    const id = '450512-2026-0001';
    s.write(id, confirmDrafts(s.state(id), '张三', 'single'));
    s.write(id, [{ caseId: asCaseId(id), type: 'note_added', payload: { text: '需现场核实' } }]);
    expect(lastDecision(s.folds(), '张三')?.undoable).toBe(false);
  });

  it('only decisions by the given reviewer count; none yet gives undefined', () => {
    const s = session();
    expect(lastDecision(s.folds(), '张三')).toBeUndefined();
    s.write('450512-2026-0003', confirmDrafts(s.state('450512-2026-0003'), '张三', 'single'));
    expect(lastDecision(s.folds(), '李四')).toBeUndefined();
  });
});
