import { defineConfig } from 'vitest/config';

// Browser tests: playwright-core drives Debian chromium against the built app (tests/e2e/harness.ts).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two files at a time: most of a browser test is waiting (DuckDB start, reloads, polls), so two Chromiums on
    // 2 cores take ~0.6 of the sequential time. Each file has its own browser profile; the server is shared.
    fileParallelism: true,
    maxWorkers: 2,
    // The app starts DuckDB and reopens the project after every reload: give polled assertions room on a 2-core CI.
    expect: { poll: { timeout: 20_000, interval: 100 } },
    globalSetup: ['tests/e2e/global-setup.ts'],
  },
});
