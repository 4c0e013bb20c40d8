/**
 * Actions run one after another in the order they were asked for (a fast reviewer never loses a key while a save
 * is pending); each applies to the case that was current when it was asked. A failure is handed to `onError` and
 * does not stop the actions queued after it.
 */
export class ActionQueue<Id> {
  #chain: Promise<void> = Promise.resolve();

  constructor(private readonly onError: (error: unknown) => void) {}

  run(id: Id, action: (id: Id) => Promise<void>): Promise<void> {
    this.#chain = this.#chain.then(async () => {
      try {
        await action(id);
      } catch (error) {
        this.onError(error);
      }
    });
    return this.#chain;
  }
}
