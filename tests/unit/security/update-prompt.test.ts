/**
 * src/state/sw-register.ts with a fake `navigator.serviceWorker`: no prompt on the first install, a prompt
 * when a new version waits, and the button makes the waiting worker take over, then reloads exactly once.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  createUpdates,
  SKIP_WAITING_MESSAGE,
  type UpdateState,
  type WorkerContainer,
} from '../../../src/state/sw-register.ts';
import { PWA_MESSAGES } from '../../../src/i18n/pwa-messages.ts';

class FakeWorker extends EventTarget {
  state = 'installing';
  posted: unknown[] = [];
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  become(state: string): void {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

class FakeRegistration extends EventTarget {
  waiting: FakeWorker | null = null;
  installing: FakeWorker | null = null;
  update = vi.fn(async () => undefined);
  found(worker: FakeWorker): void {
    this.installing = worker;
    this.dispatchEvent(new Event('updatefound'));
  }
}

function setup(options: { controller: boolean; waiting?: boolean }) {
  const registration = new FakeRegistration();
  if (options.waiting) registration.waiting = new FakeWorker();
  const events = new EventTarget();
  const container = {
    controller: options.controller ? ({} as ServiceWorker) : null,
    register: vi.fn(async () => registration as unknown as ServiceWorkerRegistration),
    addEventListener: (type: string, listener: () => void) => events.addEventListener(type, listener),
  };
  const reload = vi.fn();
  const updates = createUpdates();
  const states: UpdateState[] = [];
  updates.updateState.subscribe((s) => states.push(s));
  const start = () =>
    updates.registerServiceWorker({
      container: container as unknown as WorkerContainer,
      reload,
      checkEveryMs: 0,
    });
  const controllerChange = () => {
    container.controller = {} as ServiceWorker;
    events.dispatchEvent(new Event('controllerchange'));
  };
  return { registration, container, reload, updates, states, start, controllerChange };
}

describe('service worker registration and update prompt', () => {
  it('registers ./sw.js with the scope of the app’s own folder', async () => {
    const { container, start } = setup({ controller: false });
    await start();
    expect(container.register).toHaveBeenCalledWith('./sw.js', { scope: './' });
  });

  it('first install: the worker takes control silently, no prompt, no reload', async () => {
    const { registration, states, start, controllerChange, reload } = setup({ controller: false });
    await start();
    const worker = new FakeWorker();
    registration.found(worker);
    worker.become('installed');
    controllerChange(); // clients.claim() of the first worker
    expect(states.at(-1)).toBe('none');
    expect(reload).not.toHaveBeenCalled();
  });

  it('a new version found while the app runs → prompt → button: skip waiting, then one reload', async () => {
    const { registration, states, start, controllerChange, reload, updates } = setup({ controller: true });
    await start();
    const worker = new FakeWorker();
    registration.found(worker);
    expect(states.at(-1)).toBe('none');
    worker.become('installed');
    expect(states.at(-1)).toBe('waiting');
    updates.applyUpdate();
    expect(worker.posted).toEqual([{ type: SKIP_WAITING_MESSAGE }]);
    expect(reload).not.toHaveBeenCalled();
    controllerChange();
    expect(reload).toHaveBeenCalledOnce();
  });

  it('a version already waiting from an earlier visit is offered at start', async () => {
    const { states, start } = setup({ controller: true, waiting: true });
    await start();
    expect(states.at(-1)).toBe('waiting');
  });

  it('another tab switched versions: this tab is told to reload, and the button just reloads', async () => {
    const { states, start, controllerChange, reload, updates } = setup({ controller: true });
    await start();
    controllerChange();
    expect(states.at(-1)).toBe('activated');
    expect(reload).not.toHaveBeenCalled();
    updates.applyUpdate();
    expect(reload).toHaveBeenCalledOnce();
  });

  it('"later" hides the prompt', async () => {
    const { states, start, updates } = setup({ controller: true, waiting: true });
    await start();
    updates.dismissUpdate();
    expect(states.at(-1)).toBe('none');
  });

  it('does nothing without service workers (dev server, old browsers)', async () => {
    expect(await createUpdates().registerServiceWorker({ checkEveryMs: 0 })).toBeNull();
  });

  it('has every prompt string in Chinese and English', () => {
    for (const [key, text] of Object.entries(PWA_MESSAGES)) {
      expect(text.zh, key).toMatch(/[\u4e00-\u9fff]/);
      expect(text.en, key).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(PWA_MESSAGES['pwa.waiting'].zh + '，' + PWA_MESSAGES['pwa.reload'].zh).toBe('新版本可用，刷新');
  });
});
