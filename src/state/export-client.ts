import * as Comlink from 'comlink';
import type { ExportApi } from '../../workers/export-api.ts';

let client: Comlink.Remote<ExportApi> | null = null;

/** The export worker of the page: XLSX, DOCX, GeoParquet and zip work never runs on the main thread. */
export function exportWorker(): Comlink.Remote<ExportApi> {
  if (!client) {
    const worker = new Worker(new URL('../../workers/export.worker.ts', import.meta.url), { type: 'module' });
    client = Comlink.wrap<ExportApi>(worker);
  }
  return client;
}
