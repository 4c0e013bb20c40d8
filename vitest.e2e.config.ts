import { defineConfig } from 'vitest/config';

// Browser tests: playwright-core drives Debian chromium against the built app (tests/e2e/harness.ts).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // The app starts DuckDB and reopens the project after every reload: give polled assertions room on a 2-core CI.
    expect: { poll: { timeout: 20_000, interval: 100 } },
    globalSetup: ['tests/e2e/global-setup.ts'],
  },
});
