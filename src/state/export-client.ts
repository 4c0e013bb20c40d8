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

/** Offer a file made by the app as a download (Blob URL + `<a download>`). */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoke later: the browser reads the URL after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
