/** A message for the user: what happened in their words, and the technical detail behind a disclosure. */
export interface Notice {
  id: number;
  level: 'error' | 'warning' | 'info';
  message: string;
  detail: string;
}

/** Errors and warnings shown at the UI edge (never a silent failure, never a raw stack in the user's face). */
class Notices {
  list = $state<Notice[]>([]);
  #next = 1;

  push(level: Notice['level'], message: string, detail = ''): void {
    this.list.push({ id: this.#next++, level, message, detail });
  }

  dismiss(id: number): void {
    this.list = this.list.filter((notice) => notice.id !== id);
  }
}

export const notices = new Notices();
