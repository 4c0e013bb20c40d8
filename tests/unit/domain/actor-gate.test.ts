import { describe, expect, it } from 'vitest';
import { ActorGate, normaliseActorName } from '../../../src/state/actor-gate.ts';
import { ActionRefusedError } from '../../../src/state/action-refused.ts';

describe('operator name prompt (pure part)', () => {
  it('a set name passes straight through, without asking', async () => {
    const asked: boolean[] = [];
    const gate = new ActorGate((asking) => asked.push(asking));
    await expect(gate.require(' 张三 ')).resolves.toBe('张三');
    expect(asked).toEqual([]);
    expect(gate.asking).toBe(false);
  });

  it('without a name the action waits for the prompt, then proceeds with the answer', async () => {
    const asked: boolean[] = [];
    const gate = new ActorGate((asking) => asked.push(asking));
    const first = gate.require('');
    const second = gate.require('   ');
    expect(gate.asking).toBe(true);
    expect(asked).toEqual([true]); // one prompt for both waiting actions
    expect(gate.answer('  ')).toBeNull(); // blank: the prompt stays open
    expect(gate.asking).toBe(true);
    expect(gate.answer('  李  四 ')).toBe('李 四');
    await expect(first).resolves.toBe('李 四');
    await expect(second).resolves.toBe('李 四');
    expect(asked).toEqual([true, false]);
  });

  it('closing the prompt refuses the waiting actions with a code, never "actor_missing"', async () => {
    const gate = new ActorGate(() => undefined);
    const waiting = gate.require('');
    gate.decline();
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionRefusedError);
    expect((error as ActionRefusedError).code).toBe('actor_declined');
    expect(gate.asking).toBe(false);
    // A later action asks again.
    const again = gate.require('');
    expect(gate.asking).toBe(true);
    gate.answer('王五');
    await expect(again).resolves.toBe('王五');
  });

  it('names are trimmed, inner spaces collapsed and length capped', () => {
    expect(normaliseActorName('\t赵 \n 六 ')).toBe('赵 六');
    expect(normaliseActorName('')).toBeNull();
    expect(normaliseActorName('甲'.repeat(60))).toHaveLength(40);
  });
});
