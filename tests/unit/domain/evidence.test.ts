import { describe, expect, it } from 'vitest';
import {
  allocateIndexNos,
  classifyEvidence,
  compareIndexNo,
  evidenceFileRef,
  formatIndexNo,
  MAX_EVIDENCE_BYTES,
  sniffFormat,
  usedSequences,
  type EvidenceKind,
} from '../../../src/core/case/evidence.ts';
import { foldCase } from '../../../src/core/case/ledger.ts';
import type { EvidenceId } from '../../../src/core/ids.ts';
import type { LedgerEvent } from '../../../src/core/model.ts';
import { FakeDevice, samplePatch } from './helpers.ts';

const CASE = '450512-2026-0010';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]);
const OLE = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]);
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]);

/** A case log: opened, then evidence of the given kinds with their allocated numbers. */
function logWith(device: FakeDevice, kinds: readonly EvidenceKind[]): LedgerEvent[] {
  const log = [
    device.emit(CASE, 'opened', { patch: samplePatch(CASE), stage: 'suspected', clueSource: 'x' }),
  ];
  let n = 0;
  for (const kind of kinds) {
    const [indexNo] = allocateIndexNos(CASE, log, [kind]);
    n += 1;
    log.push(
      device.emit(CASE, 'evidence_added', {
        evidence: {
          id: `01JQ00000000000000000000${String(n).padStart(2, '0')}` as EvidenceId,
          kind,
          name: `f${n}`,
          fileRef: `evidence-${n}.bin`,
          mediaType: 'image/png',
          indexNo: indexNo ?? '',
        },
      }),
    );
  }
  return log;
}

describe('evidence index numbers (照片索引号)', () => {
  it('numbers photos <patch id>-NN and documents <patch id>-DNN, each from 01', () => {
    expect(allocateIndexNos(CASE, [], ['photo', 'photo', 'document', 'photo'])).toEqual([
      '450512-2026-0010-01',
      '450512-2026-0010-02',
      '450512-2026-0010-D01',
      '450512-2026-0010-03',
    ]);
    expect(formatIndexNo(CASE, 'photo', 123)).toBe('450512-2026-0010-123');
  });

  it('never reuses a number after a removal or an undo', () => {
    const device = new FakeDevice('李四', 'd1');
    const log = logWith(device, ['photo', 'photo', 'document']);
    const second = log[2] as Extract<LedgerEvent, { type: 'evidence_added' }>;
    log.push(device.emit(CASE, 'evidence_removed', { evidenceId: second.payload.evidence.id }));
    const third = log[3] as LedgerEvent;
    log.push(device.emit(CASE, 'undone', { target: third.id }));
    const state = foldCase(log).state;
    expect(state?.evidence.map((e) => e.indexNo)).toEqual(['450512-2026-0010-01']);
    expect(usedSequences(CASE, log)).toEqual({ photo: 2, document: 1 });
    expect(allocateIndexNos(CASE, log, ['photo', 'document'])).toEqual([
      '450512-2026-0010-03',
      '450512-2026-0010-D02',
    ]);
  });

  it('counts photos numbered another way, and ignores other cases’ numbers', () => {
    const device = new FakeDevice('李四', 'd1');
    const log = logWith(device, []);
    log.push(
      device.emit(CASE, 'evidence_added', {
        evidence: {
          id: '01JQ0000000000000000000099' as EvidenceId,
          kind: 'photo',
          name: 'imported.jpg',
          fileRef: 'x.jpg',
          mediaType: 'image/jpeg',
          indexNo: 'P-7',
        },
      }),
    );
    log.push(
      device.emit(CASE, 'evidence_added', {
        evidence: {
          id: '01JQ0000000000000000000098' as EvidenceId,
          kind: 'photo',
          name: 'other.jpg',
          fileRef: 'y.jpg',
          mediaType: 'image/jpeg',
          indexNo: '450512-2026-00100-09',
        },
      }),
    );
    expect(allocateIndexNos(CASE, log, ['photo'])).toEqual(['450512-2026-0010-03']);
  });

  it('gives evidence numbered on two devices offline distinct numbers once merged, the same in any order', () => {
    const office = new FakeDevice('王', 'office', undefined, 60_000, 3);
    const opened = office.emit(CASE, 'opened', {
      patch: samplePatch(CASE),
      stage: 'suspected',
      clueSource: 'x',
    });
    const field = new FakeDevice('李', 'field', undefined, 60_000, 9);
    field.learn([opened]);
    /** Each device attaches a photo and a document, numbered from what it alone has seen. */
    const attach = (device: FakeDevice, tag: string): LedgerEvent[] =>
      (['photo', 'document'] as const).map((kind, i) => {
        const [indexNo] = allocateIndexNos(CASE, device.seen, [kind]);
        return device.emit(CASE, 'evidence_added', {
          evidence: {
            id: `01JQ0000000000000000000${tag}${i}` as EvidenceId,
            kind,
            name: `${tag}${i}`,
            fileRef: `evidence-${tag}${i}.bin`,
            mediaType: 'image/png',
            indexNo: indexNo ?? '',
          },
        });
      });
    const fromOffice = attach(office, 'A');
    const fromField = attach(field, 'B');
    // Both devices gave out 01 and D01.
    expect(
      [...fromOffice, ...fromField].map(
        (e) => (e.payload as { evidence: { indexNo: string } }).evidence.indexNo,
      ),
    ).toEqual([`${CASE}-01`, `${CASE}-D01`, `${CASE}-01`, `${CASE}-D01`]);
    const merged = [opened, ...fromOffice, ...fromField];
    const numbers = (log: LedgerEvent[]): string[] =>
      [...(foldCase(log).state?.evidence ?? [])].map((e) => e.indexNo).sort(compareIndexNo);
    expect(numbers(merged)).toEqual([`${CASE}-01`, `${CASE}-02`, `${CASE}-D01`, `${CASE}-D02`]);
    expect(numbers([...merged].reverse())).toEqual(numbers(merged));
    // The renumbered ones say what they were; the fold knows each evidence's number, for the history.
    const state = foldCase(merged).state;
    const renumbered = state?.evidence.filter((e) => e.renumberedFrom !== undefined) ?? [];
    expect(renumbered.map((e) => [e.renumberedFrom, e.indexNo])).toEqual([
      [`${CASE}-01`, `${CASE}-02`],
      [`${CASE}-D01`, `${CASE}-D02`],
    ]);
    expect(Object.keys(state?.indexNos ?? {})).toHaveLength(4);
    // The next evidence either device adds after the merge gets a number nobody has.
    office.learn(fromField);
    expect(allocateIndexNos(CASE, office.seen, ['photo', 'document'])).toEqual([`${CASE}-03`, `${CASE}-D03`]);
  });

  it('sorts photos by number before documents', () => {
    const list = ['X-D01', 'X-10', 'X-02', 'X-D02', 'X-01'];
    expect([...list].sort(compareIndexNo)).toEqual(['X-01', 'X-02', 'X-10', 'X-D01', 'X-D02']);
  });
});

describe('which files are accepted as evidence', () => {
  const file = (name: string, size = 1000) => ({ name, size });

  it('takes JPG/PNG as photos and other documents as documents in automatic mode', () => {
    expect(classifyEvidence(file('IMG_1.JPG'), JPG, 'auto')).toMatchObject({
      ok: true,
      kind: 'photo',
      format: 'jpg',
      mediaType: 'image/jpeg',
    });
    expect(classifyEvidence(file('a.png'), PNG, 'auto')).toMatchObject({ ok: true, kind: 'photo' });
    expect(classifyEvidence(file('现场核查.pdf'), PDF, 'auto')).toMatchObject({
      ok: true,
      kind: 'document',
      mediaType: 'application/pdf',
    });
    expect(classifyEvidence(file('表.xlsx'), ZIP, 'auto')).toMatchObject({ ok: true, format: 'xlsx' });
    expect(classifyEvidence(file('函.doc'), OLE, 'auto')).toMatchObject({ ok: true, format: 'doc' });
    expect(classifyEvidence(file('a.png'), PNG, 'document')).toMatchObject({ ok: true, kind: 'document' });
  });

  it('refuses a non-image as a photo, unsupported or disguised files, empty and oversized files', () => {
    expect(classifyEvidence(file('a.pdf'), PDF, 'photo')).toEqual({
      ok: false,
      refusal: { code: 'not_photo' },
    });
    expect(classifyEvidence(file('a.exe'), EXE, 'auto')).toEqual({
      ok: false,
      refusal: { code: 'unsupported' },
    });
    expect(classifyEvidence(file('a.zip'), ZIP, 'document')).toEqual({
      ok: false,
      refusal: { code: 'unsupported' },
    });
    expect(classifyEvidence(file('photo.png'), PDF, 'auto')).toEqual({
      ok: false,
      refusal: { code: 'mismatch', format: 'pdf' },
    });
    expect(classifyEvidence(file('photo.png', 0), PNG, 'auto')).toEqual({
      ok: false,
      refusal: { code: 'empty' },
    });
    expect(classifyEvidence(file('big.jpg', MAX_EVIDENCE_BYTES + 1), JPG, 'photo')).toEqual({
      ok: false,
      refusal: { code: 'too_large', size: MAX_EVIDENCE_BYTES + 1 },
    });
    expect(classifyEvidence(file('ok.jpg', MAX_EVIDENCE_BYTES), JPG, 'photo').ok).toBe(true);
  });

  it('trusts content over a missing extension', () => {
    expect(sniffFormat('scan', JPG)).toBe('jpg');
    expect(sniffFormat('scan', OLE)).toBeNull();
  });

  it('names files flat in the project folder, so exports and bundles find them', () => {
    const ref = evidenceFileRef('01JQ0000000000000000000001', 'jpg');
    expect(ref).toBe('evidence-01JQ0000000000000000000001.jpg');
    expect(ref).not.toContain('/');
    // export-inputs.ts photoPath keeps such a name as is: `photos/<fileRef>`.
    expect(ref).toMatch(/^[A-Za-z0-9._-]+$/);
  });
});
