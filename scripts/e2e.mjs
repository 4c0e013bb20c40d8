// `npm run test:e2e [files…]`: build, make sure Debian's chromium is there, then run the browser tests given
// (all of them when none are).
import { execSync } from 'node:child_process';
import { ensureChromium } from './ensure-chromium.mjs';

execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
ensureChromium();
const files = process.argv
  .slice(2)
  .map((f) => JSON.stringify(f))
  .join(' ');
execSync(`npx vitest run --config vitest.e2e.config.ts ${files}`, { stdio: 'inherit' });
