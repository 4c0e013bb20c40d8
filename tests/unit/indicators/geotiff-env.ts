/**
 * Import first in tests that load geotiff.js: its `web-worker` dependency mistakes a vitest worker thread
 * for a web worker and throws at import; with a global `Worker` it stays quiet (no worker is ever created).
 */
(globalThis as { Worker?: unknown }).Worker ??= class {};
