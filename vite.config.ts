import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import { join, normalize, resolve } from 'node:path';
import { offlineServiceWorker } from './scripts/vite-pwa.ts';

/**
 * The sample project ships inside the app (dist/sample-data/), so `?sample=beihai` works from any static host with
 * no network. In dev, the same folder is served as-is.
 */
function sampleData(): Plugin {
  const root = normalize(join(import.meta.dirname, 'sample-data'));
  let outDir = join(import.meta.dirname, 'dist');
  return {
    name: 'redline-sample-data',
    configResolved(config) {
      // `vite build --outDir elsewhere` must carry the sample too.
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use('/sample-data', (request, response, next) => {
        const path = normalize(join(root, decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/')));
        if (!path.startsWith(root) || !existsSync(path) || statSync(path).isDirectory()) return next();
        createReadStream(path).pipe(response);
      });
    },
    closeBundle() {
      if (existsSync(root)) cpSync(root, join(outDir, 'sample-data'), { recursive: true });
    },
  };
}

// Relative base so the built dist/ works from any static host and any sub-path.
export default defineConfig({
  base: './',
  plugins: [
    svelte(),
    sampleData(),
    offlineServiceWorker({ extraDirs: [{ dir: 'sample-data', base: 'sample-data' }] }),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    assetsInlineLimit: 0,
  },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
