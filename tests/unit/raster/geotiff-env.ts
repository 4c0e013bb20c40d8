/**
 * Import first in tests that load geotiff.js: its `web-worker` dependency mistakes a vitest worker thread for
 * a web worker and throws at import; with a global `Worker` defined it stays quiet (no worker is created).
 */
(globalThis as { Worker?: unknown }).Worker ??= class {};
