/**
 * The service worker (src/sw/sw.ts) run in Node against fake Cache Storage, fetch and worker globals: what it
 * precaches, what it deletes, which requests it answers, and what it never touches (non-GET, other origins,
 * outside its scope, byte ranges).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  cacheNames,
  MANIFEST_GLOBAL,
  routeOf,
  SKIP_WAITING,
  staleCaches,
  type PrecacheManifest,
} from '../../../src/sw/precache.ts';
import { SKIP_WAITING_MESSAGE } from '../../../src/state/sw-register.ts';

const SCOPE = 'https://host.example/sub/app/';
const MANIFEST: PrecacheManifest = {
  version: 'v2',
  files: ['index.html', 'assets/index-abc.js', 'assets/duckdb-eh-x.wasm', 'sample-data/beihai/t1.tif'],
};

/** A Cache Storage in memory, keyed by URL. */
class FakeCaches {
  stores = new Map<string, Map<string, Response>>();
  async open(name: string) {
    let store = this.stores.get(name);
    if (!store) this.stores.set(name, (store = new Map()));
    const entries = store;
    return {
      match: async (request: Request | string) =>
        entries.get(typeof request === 'string' ? request : request.url)?.clone(),
      put: async (request: Request | string, response: Response) =>
        void entries.set(typeof request === 'string' ? request : request.url, response),
      addAll: async (requests: Request[]) => {
        const fetched = await Promise.all(requests.map(async (r) => [r, await fakeFetch(r)] as const));
        if (fetched.some(([, response]) => !response.ok)) throw new TypeError('addAll: a request failed');
        for (const [r, response] of fetched) entries.set(r.url, response);
      },
      keys: async () => [...entries.keys()],
    };
  }
  async match(url: string, options: { cacheName: string }) {
    return this.stores.get(options.cacheName)?.get(url)?.clone();
  }
  async keys() {
    return [...this.stores.keys()];
  }
  async delete(name: string) {
    return this.stores.delete(name);
  }
}

let network: Request[] = [];
/** The network: 200 for anything under the scope except /missing, 404 otherwise. */
async function fakeFetch(request: Request | string): Promise<Response> {
  const r = typeof request === 'string' ? new Request(request) : request;
  network.push(r);
  const ok = r.url.startsWith(SCOPE) && !r.url.includes('missing');
  const response = new Response(ok ? `body of ${new URL(r.url).pathname}` : 'not found', {
    status: ok ? 200 : 404,
  });
  // What a browser reports for a same-origin answer (Node's Response says 'default').
  return Object.defineProperty(response, 'type', { value: 'basic' });
}

type Listener = (event: unknown) => void;
let listeners: Map<string, Listener>;
let caches: FakeCaches;
let scope: { skipWaiting: ReturnType<typeof vi.fn>; claim: ReturnType<typeof vi.fn> };

async function startWorker(): Promise<void> {
  listeners = new Map();
  caches = new FakeCaches();
  network = [];
  scope = { skipWaiting: vi.fn(async () => undefined), claim: vi.fn(async () => undefined) };
  vi.stubGlobal('self', {
    [MANIFEST_GLOBAL]: MANIFEST,
    registration: { scope: SCOPE },
    location: { href: `${SCOPE}sw.js` },
    clients: { claim: scope.claim },
    skipWaiting: scope.skipWaiting,
    addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
  });
  vi.stubGlobal('caches', caches);
  vi.stubGlobal('fetch', fakeFetch);
  vi.resetModules();
  await import('../../../src/sw/sw.ts');
}

/** Dispatch an extendable event; resolves when its waitUntil promise settles. */
async function extendable(type: string, extra: Record<string, unknown> = {}): Promise<void> {
  let pending: Promise<unknown> = Promise.resolve();
  listeners.get(type)?.({ ...extra, waitUntil: (p: Promise<unknown>) => (pending = p) });
  await pending;
}

/** Dispatch a fetch event; resolves with the response, or null when the worker did not answer. */
async function fetchEvent(
  url: string,
  init: Omit<RequestInit, 'mode'> & { mode?: string } = {},
): Promise<Response | null> {
  const { mode, ...rest } = init;
  const request = new Request(url, rest);
  // Node's Request refuses mode 'navigate'; a browser sets it on page loads.
  if (mode) Object.defineProperty(request, 'mode', { value: mode });
  let answer: Promise<Response> | null = null;
  listeners.get('fetch')?.({ request, respondWith: (r: Promise<Response>) => (answer = r) });
  return answer;
}

beforeEach(startWorker);
afterEach(() => vi.unstubAllGlobals());

describe('service worker: install and activate', () => {
  it('precaches every listed file into one versioned cache of this scope, revalidating with the server', async () => {
    await extendable('install');
    const name = `redline:/sub/app/:precache:v2`;
    expect([...(caches.stores.get(name)?.keys() ?? [])].sort()).toEqual(
      MANIFEST.files.map((f) => `${SCOPE}${f}`).sort(),
    );
    expect(network.every((r) => r.cache === 'no-cache')).toBe(true);
  });

  it('a second install of the same version downloads nothing again', async () => {
    await extendable('install');
    network = [];
    await extendable('install');
    expect(network).toEqual([]);
  });

  it('installs all or nothing: one missing file fails the install', async () => {
    vi.stubGlobal('self', { ...(globalThis as unknown as { self: object }).self });
    const broken = { ...MANIFEST, files: [...MANIFEST.files, 'assets/missing.js'] };
    (globalThis as unknown as { self: Record<string, unknown> }).self[MANIFEST_GLOBAL] = broken;
    vi.resetModules();
    listeners = new Map();
    await import('../../../src/sw/sw.ts');
    await expect(extendable('install')).rejects.toThrow(/addAll/);
    expect(caches.stores.get('redline:/sub/app/:precache:v2')?.size ?? 0).toBe(0);
  });

  it('activation deletes this scope’s old versions only, then takes control', async () => {
    await caches.open('redline:/sub/app/:precache:v1');
    await caches.open('redline:/sub/app/:runtime:v1');
    await caches.open('redline:/other/:precache:v1');
    await caches.open('someone-else');
    await extendable('install');
    await extendable('activate');
    expect((await caches.keys()).sort()).toEqual(
      ['redline:/other/:precache:v1', 'redline:/sub/app/:precache:v2', 'someone-else'].sort(),
    );
    expect(scope.claim).toHaveBeenCalledOnce();
  });

  it('skips waiting only when the page asks', async () => {
    listeners.get('message')?.({ data: { type: 'something-else' } });
    listeners.get('message')?.({ data: null });
    expect(scope.skipWaiting).not.toHaveBeenCalled();
    listeners.get('message')?.({ data: { type: SKIP_WAITING } });
    expect(scope.skipWaiting).toHaveBeenCalledOnce();
  });
});

describe('service worker: requests', () => {
  beforeEach(async () => {
    await extendable('install');
    network = [];
  });

  it('answers page loads (any query) with the cached index.html, and app files from the cache', async () => {
    const page = await fetchEvent(`${SCOPE}?sample=beihai`, { mode: 'navigate' });
    expect(await page?.text()).toBe('body of /sub/app/index.html');
    expect(await (await fetchEvent(`${SCOPE}assets/duckdb-eh-x.wasm`))?.text()).toBe(
      'body of /sub/app/assets/duckdb-eh-x.wasm',
    );
    expect(network).toEqual([]);
  });

  it('never answers (so never caches) non-GET, other origins, other paths or byte ranges', async () => {
    const untouched = [
      await fetchEvent(`${SCOPE}assets/index-abc.js`, { method: 'POST', body: 'x' }),
      await fetchEvent(`${SCOPE}assets/index-abc.js`, { method: 'PUT', body: 'x' }),
      await fetchEvent('https://tiles.example.com/0/0/0.png'),
      await fetchEvent('https://host.example/elsewhere/file.js'),
      await fetchEvent(`${SCOPE}sample-data/beihai/t1.tif`, { headers: { range: 'bytes=0-99' } }),
    ];
    expect(untouched).toEqual([null, null, null, null, null]);
    const stored = [...caches.stores.values()].flatMap((store) => [...store.keys()]);
    expect(stored.some((url) => !url.startsWith(SCOPE))).toBe(false);
  });

  it('keeps other app files on first use (the MVP wasm) and serves them offline afterwards', async () => {
    const first = await fetchEvent(`${SCOPE}assets/duckdb-mvp-y.wasm`);
    expect(first?.status).toBe(200);
    expect(network).toHaveLength(1);
    const again = await fetchEvent(`${SCOPE}assets/duckdb-mvp-y.wasm`);
    expect(await again?.text()).toBe('body of /sub/app/assets/duckdb-mvp-y.wasm');
    expect(network).toHaveLength(1);
    expect(caches.stores.get('redline:/sub/app/:runtime:v2')?.size).toBe(1);
  });

  it('does not keep failed answers', async () => {
    expect((await fetchEvent(`${SCOPE}assets/missing-z.js`))?.status).toBe(404);
    expect(caches.stores.get('redline:/sub/app/:runtime:v2')?.size ?? 0).toBe(0);
  });
});

describe('service worker: pure decisions', () => {
  const precached = new Set([`${SCOPE}assets/a.js`]);
  const request = (url: string, method = 'GET', mode = 'cors', headers: string[] = []) => ({
    url,
    method,
    mode,
    headers: { has: (name: string) => headers.includes(name) },
  });

  it('routes by method, origin, scope, range and mode', () => {
    expect(routeOf(request(`${SCOPE}assets/a.js`), SCOPE, precached)).toBe('precache');
    expect(routeOf(request(`${SCOPE}assets/a.js?v=1`), SCOPE, precached)).toBe('runtime');
    expect(routeOf(request(`${SCOPE}assets/a.js`, 'HEAD'), SCOPE, precached)).toBe('network');
    expect(routeOf(request(`${SCOPE}assets/a.js`, 'GET', 'cors', ['range']), SCOPE, precached)).toBe(
      'network',
    );
    expect(routeOf(request('http://host.example/sub/app/assets/a.js'), SCOPE, precached)).toBe('network');
    expect(routeOf(request('https://host.example/sub/application.js'), SCOPE, precached)).toBe('network');
    expect(routeOf(request(`${SCOPE}index.html?x=1`, 'GET', 'navigate'), SCOPE, precached)).toBe('shell');
    expect(routeOf(request(`${SCOPE}docs/unknown.html`, 'GET', 'navigate'), SCOPE, precached)).toBe(
      'network',
    );
  });

  it('names caches per scope and version, and finds stale ones of the same scope only', () => {
    const names = cacheNames(SCOPE, 'v3');
    expect(names).toEqual({
      prefix: 'redline:/sub/app/:',
      precache: 'redline:/sub/app/:precache:v3',
      runtime: 'redline:/sub/app/:runtime:v3',
    });
    expect(
      staleCaches(['redline:/sub/app/:precache:v2', names.precache, 'redline:/sub/:precache:v1', 'x'], names),
    ).toEqual(['redline:/sub/app/:precache:v2']);
  });

  it('the page and the worker agree on the skip-waiting message', () => {
    expect(SKIP_WAITING_MESSAGE).toBe(SKIP_WAITING);
  });
});
