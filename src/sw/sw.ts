/**
 * The service worker: the app works with no network after one visit.
 *
 * - install: download every file of this version (the build lists them) into one versioned cache, all or
 *   nothing. The first install takes control at once; a later version waits until the user accepts the update
 *   prompt (src/state/sw-register.ts) or every tab of the app is closed.
 * - activate: delete this install's caches of other versions.
 * - fetch: same-origin GETs inside the scope come from the cache; everything else is left alone (never
 *   answered, never cached): other origins, POSTs, byte ranges.
 *
 * All URLs are relative to this file, so the app works from any sub-path. Built by scripts/vite-pwa.ts into
 * dist/sw.js, with the manifest assigned to `self.__REDLINE_PRECACHE__` before this code runs.
 */
import {
  cacheable,
  cacheNames,
  MANIFEST_GLOBAL,
  precacheUrls,
  routeOf,
  SKIP_WAITING,
  staleCaches,
  type PrecacheManifest,
} from './precache.ts';

declare const self: ServiceWorkerGlobalScope;

const manifest: PrecacheManifest = (self as unknown as Record<string, PrecacheManifest | undefined>)[
  MANIFEST_GLOBAL
] ?? { version: 'unbuilt', files: [] };
const scope = self.registration.scope;
const names = cacheNames(scope, manifest.version);
const urls = precacheUrls(manifest, self.location.href);
const precached = new Set(urls);
const shellUrl = new URL('index.html', self.location.href).href;

async function precache(): Promise<void> {
  const cache = await caches.open(names.precache);
  const missing: string[] = [];
  for (const url of urls) if (!(await cache.match(url))) missing.push(url);
  // 'no-cache': revalidate with the server, so an unhashed file (index.html, sample data) is never stale.
  await cache.addAll(missing.map((url) => new Request(url, { cache: 'no-cache' })));
}

async function removeStaleCaches(): Promise<void> {
  for (const key of staleCaches(await caches.keys(), names)) await caches.delete(key);
}

async function fromPrecache(request: Request, url: string): Promise<Response> {
  const cached = await caches.match(url, { cacheName: names.precache });
  return cached ?? fetch(request);
}

async function fromRuntime(request: Request): Promise<Response> {
  const cache = await caches.open(names.runtime);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (cacheable(response)) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(removeStaleCaches().then(() => self.clients.claim()));
});

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === SKIP_WAITING) void self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const route = routeOf(request, scope, precached);
  if (route === 'network') return;
  if (route === 'shell') event.respondWith(fromPrecache(request, shellUrl));
  else if (route === 'precache') event.respondWith(fromPrecache(request, request.url));
  else event.respondWith(fromRuntime(request));
});
