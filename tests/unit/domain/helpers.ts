/** Test helpers: a fake device that writes events with a fixed clock, and valid sample payloads. */
import { asCaseId, createUlidFactory, type CaseId } from '../../../src/core/ids.ts';
import { heads } from '../../../src/core/case/ledger.ts';
import type { EventType, LedgerEvent, PatchSnapshot, PayloadOf, Stage } from '../../../src/core/model.ts';
import type { CaseState } from '../../../src/core/model.ts';

export const T0 = Date.UTC(2026, 2, 1, 1, 0, 0); // 2026-03-01T01:00:00Z

/** A deterministic byte source (xorshift) for ULIDs. */
export function seededBytes(seed: number): (b: Uint8Array<ArrayBuffer>) => Uint8Array {
  let x = seed || 1;
  return (bytes) => {
    for (let i = 0; i < bytes.length; i += 1) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      bytes[i] = x & 255;
    }
    return bytes;
  };
}

/**
 * A device: its own clock (advanced by `tick` ms per event), its own ULID factory and its own view of the log
 * (what it has seen). `emit` writes an event whose `prev` are the heads of the case in this view.
 */
export class FakeDevice {
  readonly seen: LedgerEvent[] = [];
  private time: number;
  private readonly newId: () => string;
  constructor(
    readonly actor: string,
    readonly device: string,
    start = T0,
    readonly tick = 60_000,
    seed = 7,
  ) {
    this.time = start;
    this.newId = createUlidFactory({ now: () => this.time, random: seededBytes(seed) });
  }
  emit<T extends EventType>(caseId: CaseId | string, type: T, payload: PayloadOf<T>): LedgerEvent {
    this.time += this.tick;
    const id = asCaseId(caseId);
    const event = {
      schemaVersion: 1,
      id: this.newId(),
      caseId: id,
      at: new Date(this.time).toISOString(),
      actor: this.actor,
      device: this.device,
      prev: heads(this.seen.filter((e) => e.caseId === id)),
      type,
      payload,
    } as LedgerEvent;
    this.seen.push(event);
    return event;
  }
  /** Receive events from elsewhere (a merge). */
  learn(events: readonly LedgerEvent[]): void {
    const have = new Set(this.seen.map((e) => e.id));
    for (const e of events) if (!have.has(e.id)) this.seen.push(e);
  }
}

export function samplePatch(id: string, over: Partial<PatchSnapshot> = {}): PatchSnapshot {
  return {
    id: id as PatchSnapshot['id'],
    areaHa: 1.2345,
    redlineHa: 1.1,
    cx: 109.123456,
    cy: 21.654321,
    province: '广西壮族自治区',
    city: '北海市',
    county: '合浦县',
    township: '山口镇',
    countyCode: '450521',
    location: '山口镇英罗村东侧',
    activityType: 'mining',
    problemType: 'occupy_space',
    ...over,
  };
}

/** A valid payload of each type for a case in a suitable stage. */
export function samplePayload<T extends EventType>(
  type: T,
  caseId = '450521-2026-0001',
  state?: CaseState,
): PayloadOf<T> {
  const payloads: { [K in EventType]: PayloadOf<K> } = {
    opened: { patch: samplePatch(caseId), stage: 'auto', clueSource: 'satellite' },
    advanced: { to: state?.stage === 'clue' ? 'suspected' : 'clue' },
    rejected: { reasonCode: 'phenology' },
    reviewed: { level: 'single', decision: 'confirm', reviewer: '王专家' },
    reopened: { note: '复议' },
    superseded: { by: [`${caseId}a`] as PayloadOf<'superseded'>['by'] },
    handed_over: {
      recipient: '广西壮族自治区人民政府办公厅',
      handedOverOn: '2026-04-20',
      dueDate: '2026-06-01',
    },
    verified: { result: 'substantiated', details: '已立案查处', feedbackOn: '2026-05-30' },
    rectification_started: { deadline: '2026-12-31' },
    rechecked: { recheckedOn: '2027-01-10', inspector: '李复核', passed: true, findings: '已恢复植被' },
    closed: { closedOn: '2027-01-15' },
    transferred_to_department: { department: 'natural_resources', transferredOn: '2026-06-10' },
    department_feedback: { department: 'natural_resources', feedbackOn: '2026-07-10', result: '已处理' },
    major_flagged: { reason: '大面积毁林，影响恶劣', flaggedOn: '2026-04-10' },
    major_unflagged: { reason: '核实后面积较小，不属重大', unflaggedOn: '2026-05-10' },
    major_routed: {
      bureauKind: 'regional',
      bureau: '华南督察局',
      routedOn: '2026-04-20',
      dueDate: '2026-06-01',
    },
    major_checked: { feedbackOn: '2026-05-25', result: '核实属实' },
    referred: { kind: 'discipline', to: '北海市纪委监委', referredOn: '2026-06-12' },
    reported: { reportedOn: '2026-06-15' },
    escalated: { measure: 'interview', on: '2026-08-01' },
    fields_set: { fields: { location: '英罗港西岸' } },
    geometry_edited: {
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [109.12, 21.65],
            [109.13, 21.65],
            [109.13, 21.66],
            [109.12, 21.65],
          ],
        ],
      },
      areaHa: 2,
      redlineHa: 1.5,
      cx: 109.125,
      cy: 21.655,
    },
    due_set: { milestone: 'handover', dueDate: '2026-05-15' },
    evidence_added: {
      evidence: {
        id: '01JQ0000000000000000000000' as PayloadOf<'evidence_added'>['evidence']['id'],
        kind: 'photo',
        name: 'IMG_0001.jpg',
        fileRef: 'photos/IMG_0001.jpg',
        mediaType: 'image/jpeg',
        indexNo: `${caseId}-01`,
      },
    },
    evidence_removed: {
      evidenceId: '01JQ0000000000000000000000' as PayloadOf<'evidence_removed'>['evidenceId'],
    },
    note_added: { text: '现场有新建道路' },
    undone: {
      target: (state?.updated.eventId ?? '01JQ0000000000000000000001') as PayloadOf<'undone'>['target'],
    },
  };
  return payloads[type] as PayloadOf<T>;
}

/** Events (type + payload) that bring a fresh case to `stage` along the main path. */
export function pathTo(stage: Stage): [EventType, Partial<Record<string, unknown>>][] {
  const main: [EventType, Record<string, unknown>][] = [
    ['advanced', { to: 'clue' }],
    ['advanced', { to: 'suspected' }],
    ['reviewed', {}],
    ['handed_over', {}],
    ['verified', {}],
    ['rectification_started', {}],
    ['rechecked', {}],
    ['closed', {}],
  ];
  const order: Stage[] = [
    'auto',
    'clue',
    'suspected',
    'confirmed',
    'handed_over',
    'verified',
    'rectifying',
    'rechecked',
    'closed',
  ];
  if (stage === 'rejected')
    return [
      ['opened', {}],
      ['rejected', {}],
    ];
  return [['opened', {}], ...main.slice(0, order.indexOf(stage))];
}
