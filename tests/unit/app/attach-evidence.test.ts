import { describe, expect, it } from 'vitest';
import type { CaseId, EvidenceId } from '../../../src/core/ids.ts';
import type { EventDraft } from '../../../src/core/case/ledger.ts';
import { attach, removeEvidence, type EvidencePorts } from '../../../src/app/attach-evidence.ts';
import { FakeDevice } from '../domain/helpers.ts';
import { eventsTo, stateOf } from '../domain/flow-helpers.ts';

const CASE = 'RL-450521-2026-0001' as CaseId;
const JPEG = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
]);

/** A fake ledger and OPFS folder that record every call, in order. */
function fakePorts(options: { actFails?: boolean; writeFailsAt?: number } = {}) {
  const events = eventsTo(new FakeDevice('甲', 'd1'), CASE, 'suspected');
  const folder = new Map<string, Blob>();
  const log: string[] = [];
  const acted: EventDraft[][] = [];
  let writes = 0;
  const ports: EvidencePorts = {
    projectId: () => 'p1',
    caseState: (id) => (id === CASE ? stateOf(events) : undefined),
    caseEvents: () => events,
    ensureActor: async () => log.push('ensureActor'),
    act: async (_caseId, drafts) => {
      log.push('act');
      if (options.actFails) throw new Error('ledger refused');
      acted.push([...drafts]);
    },
    writeFile: async (_project, ref, file) => {
      writes += 1;
      if (writes === options.writeFailsAt) throw new Error('quota exceeded');
      log.push(`write ${ref}`);
      folder.set(ref, file);
    },
    deleteFile: async (_project, ref) => {
      log.push(`delete ${ref}`);
      folder.delete(ref);
    },
  };
  return { ports, folder, log, acted };
}

const photo = (name: string): File => new File([JPEG], name, { type: 'image/jpeg' });

describe('attach evidence', () => {
  it('stores the files, then records them in one ledger action', async () => {
    const fake = fakePorts();
    const result = await attach(CASE, [photo('a.jpg'), photo('b.jpg')], fake.ports, { caption: ' 现场 ' });
    expect(result.added).toHaveLength(2);
    expect(result.added[0]?.caption).toBe('现场');
    expect(fake.folder.size).toBe(2);
    expect(fake.log[0]).toBe('ensureActor');
    expect(fake.log.at(-1)).toBe('act');
    expect(fake.acted).toHaveLength(1);
    expect(fake.acted[0]?.map((d) => d.type)).toEqual(['evidence_added', 'evidence_added']);
  });

  it('deletes the files it wrote when the ledger refuses', async () => {
    const fake = fakePorts({ actFails: true });
    await expect(attach(CASE, [photo('a.jpg'), photo('b.jpg')], fake.ports)).rejects.toThrow(
      'ledger refused',
    );
    expect(fake.folder.size).toBe(0);
    expect(fake.log.filter((l) => l.startsWith('delete'))).toHaveLength(2);
  });

  it('deletes the files already written when a later write fails, and records nothing', async () => {
    const fake = fakePorts({ writeFailsAt: 2 });
    await expect(attach(CASE, [photo('a.jpg'), photo('b.jpg')], fake.ports)).rejects.toThrow('quota');
    expect(fake.folder.size).toBe(0);
    expect(fake.acted).toHaveLength(0);
  });

  it('returns refused files without writing them', async () => {
    const fake = fakePorts();
    const result = await attach(CASE, [new File([], 'empty.jpg')], fake.ports);
    expect(result.added).toEqual([]);
    expect(result.refused).toEqual([{ name: 'empty.jpg', refusal: { code: 'empty' } }]);
    expect(fake.folder.size).toBe(0);
    expect(fake.log).not.toContain('act');
  });

  it('refuses a case that does not exist before storing anything', async () => {
    const fake = fakePorts();
    await expect(attach('RL-450521-2026-0099' as CaseId, [photo('a.jpg')], fake.ports)).rejects.toThrow(
      /no such case/,
    );
    expect(fake.log).toEqual([]);
  });

  it('records a removal with its note', async () => {
    const fake = fakePorts();
    await removeEvidence(CASE, 'E1' as EvidenceId, fake.ports, ' 重复 ');
    expect(fake.acted[0]?.[0]).toMatchObject({ type: 'evidence_removed', payload: { note: '重复' } });
  });
});
