import { describeError, type ErrorAction } from './describe-error.ts';

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

  /**
   * A failure in words: `action` says what the user was doing (导入/检测/办理/导出/保存…) and becomes the
   * message's prefix; the technical text goes to the details.
   */
  fail(action: ErrorAction, error: unknown, file = ''): void {
    const { message, detail } = describeError(error, file, action);
    this.push('error', message, detail);
  }

  dismiss(id: number): void {
    this.list = this.list.filter((notice) => notice.id !== id);
  }
}

export const notices = new Notices();
