/**
 * A classic worker that runs duckdb-wasm's own worker script (named by the worker's `name`, set by
 * src/db/client.ts) and makes its start failures visible to the page.
 *
 * duckdb-wasm fetches its wasm inside an Emscripten hook and never catches that promise: a failed fetch (a file
 * missing from a deployment, offline before the app was installed, a reload cutting the download short) is an
 * unhandled rejection in the worker, and `AsyncDuckDB.instantiate` never settles. Rethrown as an uncaught error,
 * it reaches the page as the Worker's `error` event, which ends the start with a message.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  const reason: unknown = event.reason;
  setTimeout(() => {
    throw reason instanceof Error ? reason : new Error(String(reason));
  });
});

const script = new URL(scope.name, scope.location.href);
// Only the app's own files: the name comes from our page, but a worker must never run a script from elsewhere.
if (script.origin !== scope.location.origin) throw new Error(`refusing DuckDB worker script ${script.href}`);
importScripts(script.href);
