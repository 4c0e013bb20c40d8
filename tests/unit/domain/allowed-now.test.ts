import { describe, expect, it } from 'vitest';
import {
  allowedNow,
  refusalNow,
  TRANSITIONS,
  transition,
  type WorkflowError,
} from '../../../src/core/case/workflow.ts';
import { STAGES, type EventType, type PayloadOf } from '../../../src/core/model.ts';
import { FakeDevice, samplePayload } from './helpers.ts';
import { eventsTo, stateOf } from './flow-helpers.ts';

const CASE = '450521-2026-0001';

describe('allowed transitions: one function for the menu and the machine', () => {
  it('销号 is not offered right after 核实反馈 (substantiated): a passed re-check is required', () => {
    const state = stateOf(eventsTo(new FakeDevice('甲', 'd1'), CASE, 'verified'));
    expect(allowedNow(state)).not.toContain('closed');
    expect(allowedNow(state)).toContain('rectification_started');
    const refusal = refusalNow(state, 'closed');
    expect(refusal?.code).toBe('refused');
    expect(refusal?.detail.reason).toBe('needs_passed_recheck');
  });

  it('销号 is offered once the last re-check passed, and after an unsubstantiated verification', () => {
    expect(allowedNow(stateOf(eventsTo(new FakeDevice('甲', 'd1'), CASE, 'rechecked')))).toContain('closed');
    const device = new FakeDevice('甲', 'd1');
    const events = eventsTo(device, CASE, 'handed_over');
    events.push(
      device.emit(CASE, 'verified', {
        result: 'unsubstantiated',
        details: '现场为既有道路',
        feedbackOn: '2026-05-30',
      }),
    );
    const state = stateOf(events);
    expect(allowedNow(state)).toContain('closed');
    expect(allowedNow(state)).not.toContain('rectification_started');
  });

  it('for every stage, what the menu offers the machine accepts with a valid payload, and the rest it refuses', () => {
    for (const stage of STAGES) {
      const device = new FakeDevice('甲', 'd1');
      const events = eventsTo(device, CASE, stage);
      const state = stateOf(events);
      const offered = allowedNow(state);
      for (const type of Object.keys(TRANSITIONS) as EventType[]) {
        if (
          type === 'opened' ||
          type === 'undone' ||
          type === 'department_feedback' ||
          type === 'evidence_removed'
        )
          continue; // these need a matching earlier record; covered by the guard tests
        const payload = samplePayload(type, CASE, state) as PayloadOf<EventType>;
        const probe = new FakeDevice('乙', 'd2', Date.now(), 1000, 3);
        probe.learn(events);
        const result = transition(state, probe.emit(CASE, type, payload));
        const accepted = result.ok || (result.error as WorkflowError).code === 'missing_field';
        expect(accepted, `${stage} / ${type}`).toBe(offered.includes(type));
      }
    }
  });

  it('a refused event carries the same reason the menu used', () => {
    const device = new FakeDevice('甲', 'd1');
    const events = eventsTo(device, CASE, 'verified');
    const state = stateOf(events);
    const result = transition(state, device.emit(CASE, 'closed', { closedOn: '2026-06-01' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.detail.reason).toBe(refusalNow(state, 'closed')?.detail.reason);
  });
});
