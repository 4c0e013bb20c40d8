/**
 * Our small build step for the offline app (instead of vite-plugin-pwa): compile src/sw/sw.ts to dist/sw.js
 * and write into it the list of files to precache and a version hash.
 *
 * The list is everything the build emits (app shell, JS/CSS chunks, workers, the EH DuckDB wasm), the public
 * folder (basemap, admin divisions, manifest, icons) and extra folders copied by other plugins (the sample
 * projects), minus what is only needed on first use (the MVP DuckDB wasm and its worker; the worker caches
 * them at run time). The version hashes every listed path and its bytes plus the worker code, so any change
 * to any file gives new caches and an update prompt.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

export interface OfflinePluginOptions {
  /** The worker's source, relative to the project root. */
  entry?: string;
  /** Folders copied into dist/ by other plugins: `{ dir: source folder, base: path inside dist }`. */
  extraDirs?: { dir: string; base: string }[];
  /** Output paths (relative to dist/) left out of the precache. */
  exclude?: RegExp[];
}

/** Only needed where WebAssembly exceptions are missing, or source maps: fetched (and cached) on first use. */
export const DEFAULT_EXCLUDE = [
  /(^|\/)duckdb-(mvp|coi)[^/]*$/,
  /(^|\/)duckdb-browser-(mvp|coi)[^/]*$/,
  /\.map$/,
];

const MANIFEST_GLOBAL = '__REDLINE_PRECACHE__'; // = src/sw/precache.ts MANIFEST_GLOBAL (checked by a test)
export const SW_FILE = 'sw.js';

/** One output file: its path in dist/ (forward slashes) and its bytes. */
export interface OutputFile {
  path: string;
  bytes: Uint8Array | string;
}

/**
 * The precache manifest of a build: sorted, de-duplicated paths (minus excluded ones and the worker itself)
 * and a version that changes when any listed byte or the worker's code changes.
 */
export function precacheManifest(
  files: readonly OutputFile[],
  workerCode: string,
  exclude: readonly RegExp[] = DEFAULT_EXCLUDE,
): { version: string; files: string[] } {
  const kept = new Map<string, string>();
  for (const file of files) {
    if (file.path === SW_FILE || exclude.some((pattern) => pattern.test(file.path))) continue;
    kept.set(file.path, createHash('sha256').update(file.bytes).digest('hex'));
  }
  const paths = [...kept.keys()].sort();
  const version = createHash('sha256');
  for (const path of paths) version.update(`${path}\0${kept.get(path)}\n`);
  version.update(workerCode);
  return { version: version.digest('hex').slice(0, 16), files: paths };
}

/** Every file under `dir`, as paths below `base` with forward slashes. */
function listFiles(dir: string, base: string): OutputFile[] {
  const out: OutputFile[] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const path = [base, relative(dir, full).split(sep).join('/')].filter(Boolean).join('/');
        out.push({ path, bytes: readFileSync(full) });
      }
    }
  };
  walk(dir);
  return out;
}

/** The Vite plugin: `plugins: [..., offlineServiceWorker({ extraDirs: [{ dir: 'sample-data', base: 'sample-data' }] })]`. */
export function offlineServiceWorker(options: OfflinePluginOptions = {}): Plugin {
  let config: ResolvedConfig;
  const exclude = options.exclude ?? DEFAULT_EXCLUDE;
  return {
    name: 'redline-offline-service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    buildStart() {
      this.emitFile({
        type: 'chunk',
        id: resolve(config.root, options.entry ?? 'src/sw/sw.ts'),
        fileName: SW_FILE,
      });
    },
    generateBundle(_output, bundle) {
      const worker = bundle[SW_FILE];
      if (!worker || worker.type !== 'chunk') return this.error(`${SW_FILE} was not built`);
      // A classic service worker cannot import modules: the worker must not share code with the app.
      if (worker.imports.length > 0 || worker.dynamicImports.length > 0)
        return this.error(`${SW_FILE} imports ${worker.imports.join(', ')}: keep src/sw/ self-contained`);
      const files: OutputFile[] = Object.values(bundle).map((item) => ({
        path: item.fileName,
        bytes: item.type === 'chunk' ? item.code : item.source,
      }));
      if (config.publicDir && config.build.copyPublicDir) files.push(...listFiles(config.publicDir, ''));
      for (const extra of options.extraDirs ?? [])
        files.push(...listFiles(resolve(config.root, extra.dir), extra.base));
      if (!files.some((file) => file.path === 'index.html'))
        return this.error('index.html is not in the build');
      const manifest = precacheManifest(files, worker.code, exclude);
      worker.code = `self.${MANIFEST_GLOBAL}=${JSON.stringify(manifest)};\n${worker.code}`;
    },
  };
}
