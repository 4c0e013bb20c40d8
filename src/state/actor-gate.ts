import { ActionRefusedError } from './action-refused.ts';

/** Longest operator name kept (it is printed in sheets and letters). */
export const MAX_ACTOR_LENGTH = 40;

/** The operator name as stored: spaces trimmed and collapsed; null when nothing is left. */
export function normaliseActorName(raw: string): string | null {
  const name = raw.replace(/\s+/g, ' ').trim().slice(0, MAX_ACTOR_LENGTH).trim();
  return name === '' ? null : name;
}

interface Waiter {
  resolve: (name: string) => void;
  reject: (error: unknown) => void;
}

/**
 * The operator-name prompt as a gate: an action that records an actor asks for the name and waits; every
 * action waiting at the same time gets the one answer. Declining refuses them all (nothing is written). Pure:
 * `onAsking` tells the UI when to show or hide the prompt.
 */
export class ActorGate {
  #waiting: Waiter[] = [];

  constructor(private readonly onAsking: (asking: boolean) => void) {}

  get asking(): boolean {
    return this.#waiting.length > 0;
  }

  /** The name to record: `current` when set, otherwise whatever the prompt answers. */
  require(current: string): Promise<string> {
    const name = normaliseActorName(current);
    if (name) return Promise.resolve(name);
    return new Promise<string>((resolve, reject) => {
      this.#waiting.push({ resolve, reject });
      if (this.#waiting.length === 1) this.onAsking(true);
    });
  }

  /** The prompt's answer: the name accepted, or null (blank) and the prompt stays open. */
  answer(raw: string): string | null {
    const name = normaliseActorName(raw);
    if (!name) return null;
    this.#settle((waiter) => waiter.resolve(name));
    return name;
  }

  /** The prompt was closed without a name: the waiting actions are refused in words. */
  decline(): void {
    this.#settle((waiter) =>
      waiter.reject(new ActionRefusedError('actor_declined', 'no operator name was given')),
    );
  }

  #settle(each: (waiter: Waiter) => void): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    if (waiting.length > 0) this.onAsking(false);
    for (const waiter of waiting) each(waiter);
  }
}
