/** scripts/vite-pwa.ts: the precache list and version it writes, and a real build of a tiny app with it. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { offlineServiceWorker, precacheManifest, type OutputFile } from '../../../scripts/vite-pwa.ts';
import { MANIFEST_GLOBAL } from '../../../src/sw/precache.ts';

const FILES: OutputFile[] = [
  { path: 'index.html', bytes: '<!doctype html>' },
  { path: 'assets/index-a1.js', bytes: 'console.log(1)' },
  { path: 'assets/duckdb-eh-b2.wasm', bytes: new Uint8Array([0, 97, 115, 109]) },
  { path: 'assets/duckdb-mvp-c3.wasm', bytes: new Uint8Array([0, 97, 115, 109, 1]) },
  { path: 'assets/duckdb-browser-mvp.worker-d4.js', bytes: 'mvp' },
  { path: 'assets/duckdb-browser-eh.worker-e5.js', bytes: 'eh' },
  { path: 'assets/index-a1.js.map', bytes: '{}' },
  { path: 'sw.js', bytes: 'self' },
  { path: 'sample-data/beihai/t1.tif', bytes: new Uint8Array([73, 73, 42, 0]) },
];

describe('precacheManifest', () => {
  it('lists the shell, chunks, the EH wasm and data, sorted; leaves out MVP/COI, maps and sw.js', () => {
    expect(precacheManifest(FILES, 'code').files).toEqual([
      'assets/duckdb-browser-eh.worker-e5.js',
      'assets/duckdb-eh-b2.wasm',
      'assets/index-a1.js',
      'index.html',
      'sample-data/beihai/t1.tif',
    ]);
  });

  it('versions by content: same files in any order → same version; one byte or the worker code → new', () => {
    const base = precacheManifest(FILES, 'code').version;
    expect(base).toMatch(/^[0-9a-f]{16}$/);
    expect(precacheManifest([...FILES].reverse(), 'code').version).toBe(base);
    const changed = FILES.map((f) =>
      f.path === 'sample-data/beihai/t1.tif' ? { ...f, bytes: 'II*\u0001' } : f,
    );
    expect(precacheManifest(changed, 'code').version).not.toBe(base);
    expect(precacheManifest(FILES, 'code 2').version).not.toBe(base);
    // An excluded file does not change the version: nothing to re-download.
    const mvp = FILES.map((f) => (f.path.includes('mvp-c3') ? { ...f, bytes: 'other' } : f));
    expect(precacheManifest(mvp, 'code').version).toBe(base);
  });
});

describe('offlineServiceWorker in a real build', () => {
  const root = mkdtempSync(join(tmpdir(), 'redline-pwa-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('emits a self-contained dist/sw.js whose list matches the files written', async () => {
    mkdirSync(join(root, 'public/basemap'), { recursive: true });
    mkdirSync(join(root, 'samples/beihai'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><script type="module" src="./main.ts"></script>');
    writeFileSync(join(root, 'main.ts'), "document.title = 'x'; void import('./lazy.ts');");
    writeFileSync(join(root, 'lazy.ts'), 'export const lazy = 1;');
    writeFileSync(join(root, 'public/basemap/china.geojson'), '{}');
    writeFileSync(join(root, 'public/duckdb-mvp-z.wasm'), 'mvp');
    writeFileSync(join(root, 'samples/beihai/project.json'), '{}');
    const outDir = join(root, 'dist');
    await build({
      root,
      configFile: false,
      base: './',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
      plugins: [
        offlineServiceWorker({
          entry: resolve('src/sw/sw.ts'),
          extraDirs: [{ dir: 'samples', base: 'sample-data' }],
        }),
      ],
    });
    const code = readFileSync(join(outDir, 'sw.js'), 'utf8');
    const match = new RegExp(`^self\\.${MANIFEST_GLOBAL}=(\\{.*?\\});\\n`).exec(code);
    expect(match).not.toBeNull();
    const manifest = JSON.parse(match?.[1] ?? '{}') as { version: string; files: string[] };
    expect(manifest.files).toContain('index.html');
    expect(manifest.files).toContain('basemap/china.geojson');
    expect(manifest.files).toContain('sample-data/beihai/project.json');
    expect(manifest.files.filter((f) => /^assets\/(index|lazy)-.*\.js$/.test(f))).toHaveLength(2);
    expect(manifest.files).not.toContain('duckdb-mvp-z.wasm');
    expect(manifest.files).not.toContain('sw.js');
    // A classic worker script: no module syntax, and it registers its handlers.
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).toMatch(/addEventListener\(["'`]fetch["'`]/);
    // Every listed file exists in dist/ except the extra folder (copied by its own plugin in the app).
    for (const file of manifest.files.filter((f) => !f.startsWith('sample-data/')))
      expect(() => readFileSync(join(outDir, file)), file).not.toThrow();
  });
});
