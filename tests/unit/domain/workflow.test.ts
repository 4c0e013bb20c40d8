import { describe, expect, it } from 'vitest';
import {
  transition,
  missingFields,
  allowedEventTypes,
  TRANSITIONS,
  WorkflowError,
} from '../../../src/core/case/workflow.ts';
import type { CaseState, EventType, LedgerEvent, PayloadOf, Stage } from '../../../src/core/model.ts';
import { FakeDevice, pathTo, samplePayload } from './helpers.ts';

const CASE = '450521-2026-0001';
const STAGES: Stage[] = [
  'auto',
  'clue',
  'suspected',
  'rejected',
  'confirmed',
  'handed_over',
  'verified',
  'rectifying',
  'rechecked',
  'closed',
];
const AFTER_CONFIRMATION: Stage[] = [
  'confirmed',
  'handed_over',
  'verified',
  'rectifying',
  'rechecked',
  'closed',
];

/** Written by hand from the stages in docs/design-notes.md (not derived from TRANSITIONS), so the table in the code is checked. */
const EXPECTED: Partial<Record<EventType, Stage[]>> = {
  opened: [],
  advanced: ['auto', 'clue'],
  rejected: ['auto', 'clue'],
  reviewed: ['suspected'],
  reopened: ['rejected'],
  superseded: ['auto', 'clue', 'suspected'],
  handed_over: ['confirmed'],
  verified: ['confirmed', 'handed_over'],
  rectification_started: ['verified'],
  rechecked: ['rectifying'],
  closed: ['rechecked'], // from verified only when unsubstantiated (tested below)
  transferred_to_department: AFTER_CONFIRMATION,
  referred: AFTER_CONFIRMATION,
  reported: AFTER_CONFIRMATION,
  escalated: AFTER_CONFIRMATION,
  fields_set: STAGES.filter((s) => s !== 'closed'),
  geometry_edited: ['auto', 'clue', 'suspected', 'confirmed'],
  due_set: STAGES.filter((s) => s !== 'closed' && s !== 'rejected'),
  evidence_added: STAGES,
  note_added: STAGES,
  undone: STAGES,
};

function caseAt(
  stage: Stage,
  device = new FakeDevice('甲', 'dev-a'),
): { state: CaseState; device: FakeDevice } {
  let state: CaseState | undefined;
  for (const [type, over] of pathTo(stage)) {
    const payload = { ...samplePayload(type, CASE, state), ...over } as PayloadOf<typeof type>;
    state = applyOne(state, device.emit(CASE, type, payload));
  }
  return { state: state as CaseState, device };
}

function applyOne(state: CaseState | undefined, e: LedgerEvent): CaseState {
  const r = transition(state, e);
  if (!r.ok) throw r.error;
  return r.state;
}

describe('stage machine: every allowed and forbidden transition', () => {
  for (const stage of STAGES) {
    it(`reaches ${stage} along the main path`, () => {
      expect(caseAt(stage).state.stage).toBe(stage);
    });
    for (const [type, allowed] of Object.entries(EXPECTED) as [EventType, Stage[]][]) {
      const ok = allowed.includes(stage);
      it(`${type} in ${stage}: ${ok ? 'allowed' : 'forbidden'}`, () => {
        const { state, device } = caseAt(stage);
        const e = device.emit(CASE, type, samplePayload(type, CASE, state));
        const r = transition(state, e);
        expect(r.ok).toBe(ok);
        if (!r.ok) expect(r.error).toBeInstanceOf(WorkflowError);
        if (!r.ok) expect(['wrong_stage', 'already_opened', 'refused']).toContain(r.error.code);
      });
    }
  }

  it('the UI menu of allowed types agrees with the hand-written table', () => {
    for (const stage of STAGES)
      for (const [type, allowed] of Object.entries(EXPECTED) as [EventType, Stage[]][])
        expect(allowedEventTypes(stage).includes(type), `${type} in ${stage}`).toBe(
          allowed.includes(stage) || (type === 'closed' && stage === 'verified'),
        );
    expect(allowedEventTypes(undefined)).toEqual(['opened']);
  });

  it('nothing but opened applies to a case that does not exist', () => {
    const device = new FakeDevice('甲', 'dev-a');
    const r = transition(undefined, device.emit(CASE, 'note_added', { text: 'x' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('not_opened');
  });

  it('stages after each step of the main path', () => {
    const { state } = caseAt('closed');
    expect(state.handover?.recipient).toBe('广西壮族自治区人民政府办公厅');
    expect(state.verification?.result).toBe('substantiated');
    expect(state.rechecks.map((r) => r.passed)).toEqual([true]);
    expect(state.closure?.closedOn).toBe('2027-01-15');
    expect(state.due.feedback).toBe('2026-06-01');
    expect(state.due.rectification).toBe('2026-12-31');
  });
});

describe('required fields', () => {
  const withBlank: [EventType, string, Stage][] = [
    ['handed_over', 'recipient', 'confirmed'],
    ['handed_over', 'dueDate', 'confirmed'],
    ['verified', 'details', 'handed_over'],
    ['verified', 'result', 'handed_over'],
    ['rejected', 'reasonCode', 'auto'],
    ['rechecked', 'findings', 'rectifying'],
    ['rechecked', 'inspector', 'rectifying'],
    ['rectification_started', 'deadline', 'verified'],
    ['closed', 'closedOn', 'rechecked'],
    ['reviewed', 'reviewer', 'suspected'],
    ['transferred_to_department', 'department', 'confirmed'],
    ['referred', 'kind', 'confirmed'],
    ['escalated', 'measure', 'confirmed'],
  ];
  for (const [type, field, stage] of withBlank)
    it(`${type} without ${field} is refused`, () => {
      const { state, device } = caseAt(stage);
      const payload = { ...samplePayload(type, CASE, state), [field]: ' ' } as PayloadOf<typeof type>;
      const r = transition(state, device.emit(CASE, type, payload));
      expect(r.ok).toBe(false);
      if (!r.ok) expect([r.error.code, r.error.detail.field]).toEqual(['missing_field', field]);
    });

  it('a rejection in review needs a reason code', () => {
    expect(missingFields('reviewed', { level: 'single', decision: 'reject', reviewer: '王' })).toEqual([
      'reasonCode',
    ]);
    expect(missingFields('reviewed', { level: 'single', decision: 'confirm', reviewer: '王' })).toEqual([]);
  });

  it('a failed re-check needs a new deadline', () => {
    const { state, device } = caseAt('rectifying');
    const failed = { recheckedOn: '2027-01-10', inspector: '李', passed: false, findings: '未恢复' };
    const r1 = transition(state, device.emit(CASE, 'rechecked', failed));
    expect(r1.ok).toBe(false);
    const r2 = transition(state, device.emit(CASE, 'rechecked', { ...failed, newDeadline: '2027-06-30' }));
    expect(r2.ok && r2.state.stage).toBe('rectifying');
    expect(r2.ok && r2.state.due.rectification).toBe('2027-06-30');
    if (r2.ok) {
      const close = transition(r2.state, device.emit(CASE, 'closed', { closedOn: '2027-02-01' }));
      expect(close.ok).toBe(false);
    }
  });

  it('every rule lists its required fields as data', () => {
    for (const rule of Object.values(TRANSITIONS)) expect(Array.isArray(rule.required)).toBe(true);
    expect(TRANSITIONS.handed_over.required).toEqual(['recipient', 'handedOverOn', 'dueDate']);
  });
});

describe('guards', () => {
  it('closing from verified needs an unsubstantiated result and a note', () => {
    const device = new FakeDevice('甲', 'dev-a');
    const { state } = caseAt('handed_over', device);
    const verified = applyOne(
      state,
      device.emit(CASE, 'verified', {
        result: 'unsubstantiated',
        details: '为已批准项目',
        feedbackOn: '2026-05-20',
      }),
    );
    expect(transition(verified, device.emit(CASE, 'closed', { closedOn: '2026-05-21' })).ok).toBe(false);
    const closed = transition(
      verified,
      device.emit(CASE, 'closed', { closedOn: '2026-05-21', note: '核实不属实' }),
    );
    expect(closed.ok && closed.state.stage).toBe('closed');
    expect(
      transition(verified, device.emit(CASE, 'rectification_started', { deadline: '2026-12-31' })).ok,
    ).toBe(false);
  });

  it('department feedback only from a department the case was transferred to', () => {
    const { state, device } = caseAt('handed_over');
    const fb = samplePayload('department_feedback');
    expect(transition(state, device.emit(CASE, 'department_feedback', fb)).ok).toBe(false);
    const moved = applyOne(
      state,
      device.emit(CASE, 'transferred_to_department', samplePayload('transferred_to_department')),
    );
    const r = transition(moved, device.emit(CASE, 'department_feedback', fb));
    expect(r.ok && r.state.departmentFeedback.length).toBe(1);
    expect(r.ok && r.state.stage).toBe('handed_over');
  });

  it('evidence can be removed only if attached; photo numbers are not reused', () => {
    const { state, device } = caseAt('confirmed');
    const removeFirst = transition(
      state,
      device.emit(CASE, 'evidence_removed', samplePayload('evidence_removed')),
    );
    expect(removeFirst.ok).toBe(false);
    if (!removeFirst.ok) expect(removeFirst.error.code).toBe('not_found');
    const added = applyOne(state, device.emit(CASE, 'evidence_added', samplePayload('evidence_added', CASE)));
    const removed = applyOne(added, device.emit(CASE, 'evidence_removed', samplePayload('evidence_removed')));
    expect([added.evidence.length, removed.evidence.length, removed.photoCount]).toEqual([1, 0, 1]);
  });

  it('advanced goes one step at a time', () => {
    const { state, device } = caseAt('auto');
    expect(transition(state, device.emit(CASE, 'advanced', { to: 'suspected' })).ok).toBe(false);
  });
});

describe('review in one step or three', () => {
  const review = (level: string, decision = 'confirm', reviewer = '王', reasonCode?: string) =>
    ({ level, decision, reviewer, ...(reasonCode ? { reasonCode } : {}) }) as PayloadOf<'reviewed'>;

  it('自审 → 专审 → 终审 confirms only at the final level, each seeing the earlier decisions', () => {
    const { state, device } = caseAt('suspected');
    const s1 = applyOne(state, device.emit(CASE, 'reviewed', review('self', 'confirm', '张')));
    expect([s1.stage, s1.reviews.length]).toEqual(['suspected', 1]);
    const s2 = applyOne(s1, device.emit(CASE, 'reviewed', review('expert', 'confirm', '李')));
    expect(s2.stage).toBe('suspected');
    expect(s2.reviews.map((r) => [r.level, r.reviewer])).toEqual([
      ['self', '张'],
      ['expert', '李'],
    ]);
    const s3 = applyOne(s2, device.emit(CASE, 'reviewed', review('final', 'confirm', '王')));
    expect(s3.stage).toBe('confirmed');
  });

  it('levels must come in order', () => {
    const { state, device } = caseAt('suspected');
    for (const level of ['expert', 'final']) {
      const r = transition(state, device.emit(CASE, 'reviewed', review(level)));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('review_order');
    }
    const s1 = applyOne(state, device.emit(CASE, 'reviewed', review('self', 'confirm', '张')));
    expect(transition(s1, device.emit(CASE, 'reviewed', review('final'))).ok).toBe(false);
    expect(transition(s1, device.emit(CASE, 'reviewed', review('self', 'confirm', '李'))).ok).toBe(false);
  });

  it('a rejection at any level rejects with its reason; reopening starts a new round', () => {
    const { state, device } = caseAt('suspected');
    const s1 = applyOne(state, device.emit(CASE, 'reviewed', review('self', 'confirm', '张')));
    const s2 = applyOne(
      s1,
      device.emit(CASE, 'reviewed', review('expert', 'reject', '李', 'approved_project')),
    );
    expect([s2.stage, s2.rejection?.reasonCode, s2.rejection?.level, s2.rejection?.by]).toEqual([
      'rejected',
      'approved_project',
      'expert',
      '甲',
    ]);
    const s3 = applyOne(s2, device.emit(CASE, 'reopened', { note: '终审意见：需复议' }));
    expect([s3.stage, s3.reviews.length, s3.rejection]).toEqual(['suspected', 0, undefined]);
  });

  it('a review may set the activity and problem types', () => {
    const { state, device } = caseAt('suspected');
    const s = applyOne(
      state,
      device.emit(CASE, 'reviewed', {
        ...review('single'),
        activityType: 'tourism',
        problemType: 'vegetation_damage',
      }),
    );
    expect([s.patch.activityType, s.patch.problemType]).toEqual(['tourism', 'vegetation_damage']);
  });
});
