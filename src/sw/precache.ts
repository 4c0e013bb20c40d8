/**
 * The service worker's decisions, kept pure so Node tests can check them: cache names, which caches are stale,
 * and how each request is answered. No DOM or worker globals here.
 */

/** What the build writes into sw.js (scripts/vite-pwa.ts): a version and the files to precache. */
export interface PrecacheManifest {
  /** Hash of every precached file's path and bytes plus the worker's own code: changes with any deploy. */
  version: string;
  /** Paths relative to sw.js (which sits at the app's root), e.g. `index.html`, `assets/index-x1y2.js`. */
  files: string[];
}

/** The global the build assigns before the worker's code runs. */
export const MANIFEST_GLOBAL = '__REDLINE_PRECACHE__';

const PREFIX = 'redline';

export interface CacheNames {
  /** Every cache of this install starts with it; other installs on the same origin have another prefix. */
  prefix: string;
  /** The app shell, chunks, wasm and data of this version. */
  precache: string;
  /** Files fetched on first use (the MVP DuckDB wasm on browsers without wasm exceptions). */
  runtime: string;
}

/**
 * Cache names of one install. Cache Storage is shared by the whole origin, so the scope is part of the name:
 * two copies of the app on one host (say /v1/ and /v2/) never delete each other's caches.
 */
export function cacheNames(scope: string, version: string): CacheNames {
  const prefix = `${PREFIX}:${new URL(scope).pathname}:`;
  return { prefix, precache: `${prefix}precache:${version}`, runtime: `${prefix}runtime:${version}` };
}

/** Caches an activating worker deletes: this install's caches of other versions, nothing else. */
export function staleCaches(keys: readonly string[], names: CacheNames): string[] {
  return keys.filter(
    (key) => key.startsWith(names.prefix) && key !== names.precache && key !== names.runtime,
  );
}

/** Absolute URLs of the manifest's files, resolved against the worker script's own URL. */
export function precacheUrls(manifest: PrecacheManifest, workerUrl: string): string[] {
  return manifest.files.map((file) => new URL(file, workerUrl).href);
}

/** The parts of a request the routing looks at (a `Request` has all of them). */
export interface RequestLike {
  method: string;
  url: string;
  mode: string;
  headers: { has(name: string): boolean };
}

/**
 * How the worker answers a request:
 * - `network`: it does not answer; the browser fetches as if there were no worker (non-GET, other origins,
 *   outside the scope, byte ranges). Nothing of these is ever cached.
 * - `shell`: a page load of the app (any query, e.g. `?sample=beihai`) → the cached index.html.
 * - `precache`: a file of this version → the precache, the network only if it is missing.
 * - `runtime`: another file of the app → the runtime cache, else the network (kept when it answers 200).
 */
export type Route = 'network' | 'shell' | 'precache' | 'runtime';

export function routeOf(request: RequestLike, scope: string, precached: ReadonlySet<string>): Route {
  if (request.method !== 'GET') return 'network';
  const url = new URL(request.url);
  const root = new URL(scope);
  if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return 'network';
  if (request.headers.has('range')) return 'network';
  const path = url.pathname.slice(root.pathname.length);
  if (request.mode === 'navigate') {
    if (path === '' || path === 'index.html') return 'shell';
    return url.search === '' && precached.has(withoutHash(url)) ? 'precache' : 'network';
  }
  if (url.search === '' && precached.has(withoutHash(url))) return 'precache';
  return 'runtime';
}

function withoutHash(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** Whether a network answer may be kept in the runtime cache: a complete, same-origin 200. */
export function cacheable(response: { status: number; type: string }): boolean {
  return response.status === 200 && response.type === 'basic';
}

/** Messages the page sends to the worker. */
export const SKIP_WAITING = 'redline:skip-waiting';
