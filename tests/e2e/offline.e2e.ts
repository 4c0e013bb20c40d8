/**
 * The installed app works with no network: served from a sub-path, loaded once, then the browser goes offline
 * AND the server is shut down; a reload and the sample project still work. Then a new version is deployed:
 * the update prompt appears, the button switches to it and the old caches are gone.
 *
 * It runs its own server (not the shared one of global-setup) because it must stop it and serve a changed
 * sw.js. Set OFFLINE_DIST to test another build folder than dist/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
// @ts-expect-error -- plain ESM helper shared with `npm start`; it has no type declarations.
import { CSP, TYPES } from '../../scripts/serve.mjs';
import { expectGuardClean, guardedProfile, launch, screenshot, type Guard } from './harness.ts';

const DIST = resolve(process.env.OFFLINE_DIST ?? 'dist');
const SUB_PATH = '/workshop/redline/';

/** A static server of DIST under SUB_PATH only; `rewriteWorker` changes sw.js as a new deploy would. */
class SubPathServer {
  server: Server | null = null;
  port = 0;
  rewriteWorker: ((code: string) => string) | null = null;
  requests: string[] = [];

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      this.requests.push(url.pathname);
      if (!url.pathname.startsWith(SUB_PATH)) return void response.writeHead(404).end();
      let path = normalize(join(DIST, decodeURIComponent(url.pathname.slice(SUB_PATH.length))));
      if (!path.startsWith(DIST)) return void response.writeHead(403).end();
      if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
      if (!existsSync(path)) return void response.writeHead(404).end();
      const headers = {
        'Content-Type': (TYPES as Record<string, string>)[extname(path)] ?? 'application/octet-stream',
        'Content-Security-Policy': CSP as string,
        'Cache-Control': 'no-cache',
      };
      if (path.endsWith('sw.js') && this.rewriteWorker) {
        response.writeHead(200, headers).end(this.rewriteWorker(readFileSync(path, 'utf8')));
      } else {
        response.writeHead(200, headers);
        createReadStream(path).pipe(response);
      }
    });
    await new Promise<void>((done) => server.listen(this.port, '127.0.0.1', done));
    const address = server.address();
    if (address && typeof address === 'object') this.port = address.port;
    this.server = server;
    return `http://127.0.0.1:${this.port}${SUB_PATH}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
}

const host = new SubPathServer();
let appUrl: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let guard: Guard;

/** Caches of this origin and how many entries each holds. */
async function cacheSummary(): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const out: Record<string, number> = {};
    for (const key of await caches.keys()) out[key] = (await (await caches.open(key)).keys()).length;
    return out;
  });
}

beforeAll(async () => {
  if (!existsSync(join(DIST, 'sw.js')))
    throw new Error(`${DIST}/sw.js is missing: build with the offline plugin (scripts/vite-pwa.ts) first`);
  appUrl = await host.start();
  browser = await launch();
  // Any request off this server's origin is aborted and recorded, and fails the tests that check the guard.
  ({ context, guard, page } = await guardedProfile(browser, { origin: new URL(appUrl).origin }));
});

afterAll(async () => {
  await browser?.close();
  await host.stop();
});

describe('offline install (service worker)', () => {
  it('installs from a sub-path and precaches the app, one DuckDB wasm and the sample', async () => {
    await page.goto(appUrl);
    await expect.poll(() => page.getByTestId('app-title').textContent()).toBe('红线监管笔记本');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 120_000,
    });
    const registration = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { scope: r?.scope, script: r?.active?.scriptURL };
    });
    expect(registration).toEqual({ scope: appUrl, script: `${appUrl}sw.js` });

    const manifest = JSON.parse(
      /__REDLINE_PRECACHE__=(\{.*?\});/.exec(readFileSync(join(DIST, 'sw.js'), 'utf8'))?.[1] ?? '{}',
    ) as { version: string; files: string[] };
    const caches = await cacheSummary();
    expect(caches[`redline:${SUB_PATH}:precache:${manifest.version}`]).toBe(manifest.files.length);
    const wasm = manifest.files.filter((file) => file.endsWith('.wasm'));
    expect(wasm).toHaveLength(1);
    expect(wasm[0]).toMatch(/duckdb-eh/);
    expect(manifest.files).toContain('sample-data/beihai/t2.tif');
    expect(manifest.files).toContain('basemap/china-provinces.geojson');
    expect(manifest.files).toContain('manifest.webmanifest');
    console.log(`precached ${manifest.files.length} files, version ${manifest.version}`);
  });

  it('reloads and opens the sample project with the network off and the server stopped', async () => {
    await context.setOffline(true);
    await host.stop();
    host.requests = [];
    await page.reload();
    await expect.poll(() => page.getByTestId('app-title').textContent()).toBe('红线监管笔记本');
    await page.goto(`${appUrl}?sample=beihai`);
    await expect.poll(() => page.getByTestId('scene-item').count(), { timeout: 90_000 }).toBe(2);
    await expect.poll(() => page.getByTestId('layer-item').count()).toBeGreaterThanOrEqual(2);
    await expect
      .poll(() => page.getByTestId('db-status').getAttribute('data-state'), { timeout: 60_000 })
      .toBe('ready');
    await page.waitForTimeout(500);
    await screenshot(page, 'offline-sample-beihai');
    expect(host.requests).toEqual([]);
    expectGuardClean(guard);
  });

  it('offers a new version when one is deployed, switches on request and drops the old caches', async () => {
    const oldCaches = Object.keys(await cacheSummary());
    host.rewriteWorker = (code) => code.replace(/"version":"([0-9a-f]+)"/, '"version":"$1-next"');
    await host.start();
    await context.setOffline(false);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const prompt = page.getByTestId('update-prompt');
    await expect.poll(() => prompt.isVisible(), { timeout: 120_000 }).toBe(true);
    expect(await prompt.textContent()).toContain('新版本可用');
    await screenshot(page, 'offline-update-prompt');
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await page.getByTestId('update-apply').click();
    await reloaded;
    await expect.poll(() => page.getByTestId('app-title').textContent()).toBe('红线监管笔记本');
    await expect
      .poll(async () => Object.keys(await cacheSummary()).filter((key) => key.includes(':precache:')))
      .toEqual([expect.stringMatching(/-next$/)]);
    for (const key of oldCaches) expect(Object.keys(await cacheSummary())).not.toContain(key);
    expect(await prompt.count()).toBe(0);
    expectGuardClean(guard);
  });
});
