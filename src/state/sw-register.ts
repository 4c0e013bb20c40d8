/**
 * Registers the service worker (dist/sw.js, built by scripts/vite-pwa.ts) and tells the UI when a new version
 * is ready. Nothing reloads by itself: the user presses the button of the update prompt (src/ui/UpdatePrompt.svelte),
 * the waiting worker takes over and the page reloads once.
 */

/** What the update prompt shows: nothing, a new version waiting, or a new version already running elsewhere. */
export type UpdateState = 'none' | 'waiting' | 'activated';

/** The message the worker obeys (= src/sw/precache.ts SKIP_WAITING; a test checks they match). */
export const SKIP_WAITING_MESSAGE = 'redline:skip-waiting';

type Listener = (state: UpdateState) => void;

/** The parts of `navigator.serviceWorker` used here (a fake in unit tests). */
export interface WorkerContainer {
  readonly controller: ServiceWorker | null;
  register(url: string, options: RegistrationOptions): Promise<ServiceWorkerRegistration>;
  addEventListener(type: 'controllerchange', listener: () => void): void;
}

export interface RegisterOptions {
  container?: WorkerContainer;
  /** Where sw.js is, relative to the page (the app's root). */
  url?: string;
  reload?: () => void;
  /** Look for a new version this often while the app is open (ms; 0 = only at start). */
  checkEveryMs?: number;
}

/** The update state and its actions; `createUpdates()` gives a fresh one (tests), the app uses the default. */
export interface Updates {
  /** A Svelte store (`$updateState` in a component): the current update state. */
  updateState: { subscribe(listener: Listener): () => void };
  registerServiceWorker(options?: RegisterOptions): Promise<ServiceWorkerRegistration | null>;
  /** The prompt's button: let the waiting version take over, then reload (or just reload if it already has). */
  applyUpdate(): void;
  /** The prompt's "later" button. */
  dismissUpdate(): void;
}

export function createUpdates(): Updates {
  let state: UpdateState = 'none';
  let waitingWorker: ServiceWorker | null = null;
  let reloadPage: () => void = () => location.reload();
  let applying = false;
  const listeners = new Set<Listener>();

  const set = (next: UpdateState): void => {
    state = next;
    for (const listener of listeners) listener(state);
  };

  const watch = (registration: ServiceWorkerRegistration, container: WorkerContainer): void => {
    const offer = (worker: ServiceWorker): void => {
      // With no controller this is the first install: it takes over silently, there is nothing to update.
      if (!container.controller) return;
      waitingWorker = worker;
      set('waiting');
    };
    if (registration.waiting) offer(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const installing = registration.installing;
      installing?.addEventListener('statechange', () => {
        if (installing.state === 'installed') offer(installing);
      });
    });
  };

  return {
    updateState: {
      subscribe(listener) {
        listeners.add(listener);
        listener(state);
        return () => listeners.delete(listener);
      },
    },

    async registerServiceWorker(options = {}) {
      const container =
        options.container ??
        (!import.meta.env.DEV && typeof navigator !== 'undefined' && 'serviceWorker' in navigator
          ? navigator.serviceWorker
          : undefined);
      if (!container) return null;
      if (options.reload) reloadPage = options.reload;
      // Start after the page has loaded, so the worker's downloads do not compete with the app's own.
      if (typeof document !== 'undefined' && document.readyState !== 'complete')
        await new Promise((resolve) => addEventListener('load', resolve, { once: true }));
      let hadController = container.controller !== null;
      container.addEventListener('controllerchange', () => {
        if (applying) reloadPage();
        // Another tab accepted the update: this one still runs the old code on the new worker.
        else if (hadController) set('activated');
        hadController = true;
      });
      const registration = await container.register(options.url ?? './sw.js', { scope: './' });
      watch(registration, container);
      const every = options.checkEveryMs ?? 60 * 60 * 1000;
      if (every > 0) setInterval(() => void registration.update().catch(() => undefined), every);
      return registration;
    },

    applyUpdate() {
      if (state === 'activated' || !waitingWorker) {
        reloadPage();
        return;
      }
      applying = true;
      waitingWorker.postMessage({ type: SKIP_WAITING_MESSAGE });
    },

    dismissUpdate() {
      set('none');
    },
  };
}

const updates = createUpdates();

/** The app's update state (a Svelte store). */
export const updateState = updates.updateState;
/**
 * Register the worker (from App's onMount). Returns the registration, or null where there is nothing to
 * register (dev server, browsers without service workers).
 */
export const registerServiceWorker = updates.registerServiceWorker;
export const applyUpdate = updates.applyUpdate;
export const dismissUpdate = updates.dismissUpdate;
