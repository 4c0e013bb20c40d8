/** Builds a case's events along the main path with the fake device (for the newcomer-flow tests). */
import type { CaseState, EventType, LedgerEvent, PayloadOf, Stage } from '../../../src/core/model.ts';
import { foldCase } from '../../../src/core/case/ledger.ts';
import { FakeDevice, pathTo, samplePayload } from './helpers.ts';

/** Events that bring case `caseId` to `stage`, written by `device`. */
export function eventsTo(device: FakeDevice, caseId: string, stage: Stage): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  let state: CaseState | undefined;
  for (const [type, over] of pathTo(stage)) {
    const payload = { ...samplePayload(type as EventType, caseId, state), ...over } as PayloadOf<EventType>;
    events.push(device.emit(caseId, type, payload));
    state = foldCase(events).state;
  }
  return events;
}

export function stateOf(events: readonly LedgerEvent[]): CaseState {
  const state = foldCase(events).state;
  if (!state) throw new Error('case not open');
  return state;
}
