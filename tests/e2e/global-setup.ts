import type { TestProject } from 'vitest/node';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
// @ts-expect-error -- plain ESM helper shared with `npm start`; it has no type declarations.
import { serveStatic } from '../../scripts/serve.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: Server | undefined;

/** Serve the built app once for all browser tests, on a free loopback port. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // E2E_DIST lets several builds be tested side by side (e.g. `vite build --outDir /tmp/x`); default dist/.
  const dist = process.env.E2E_DIST ?? 'dist';
  if (!existsSync(`${dist}/index.html`)) throw new Error(`${dist}/ is missing: run \`npx vite build\` first`);
  const started = (await serveStatic(dist, { port: 4300 + Math.floor(Math.random() * 500) })) as {
    server: Server;
    url: string;
  };
  server = started.server;
  project.provide('baseUrl', started.url);
  return async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  };
}
