/**
 * Confirming an imported layer: the first layer read and waiting is stored as the kind and name the user chose.
 * Write order: OPFS file, then DuckDB rows (which take the buffer: one copy of a large layer in the tab, not two),
 * then the IndexedDB record, written last, which is what makes the layer part of the project. A failure at any
 * step removes what the earlier steps wrote, so the project is exactly as before.
 */
import type { Bounds } from '../state/map.svelte.ts';
import type { LayerKind, LayerRecord, PendingLayer } from '../state/layers.svelte.ts';

/** What confirming needs: the queue of read layers, the stores, and the map. */
export interface LayerImportPorts {
  pending(): PendingLayer | null;
  /** Frame the layer before it is drawn (in software WebGL a frame of a very large layer takes seconds). */
  frame(bbox: Bounds): void;
  writeFile(projectId: string, name: string, bytes: Uint8Array<ArrayBuffer>): Promise<unknown>;
  /** Draw the layer, insert its rows into DuckDB and list it. */
  mount(record: LayerRecord, result: PendingLayer['result'], ipcLayerId: string): Promise<void>;
  putRecord(record: LayerRecord): Promise<unknown>;
  deleteRows(layerId: string): Promise<unknown>;
  deleteFile(projectId: string, name: string): Promise<unknown>;
  /** Off the map and the list again. */
  unmount(layerId: string): void;
  /** The first pending layer is done with (stored or not): show the next. */
  next(): void;
}

export async function confirmLayer(
  ports: LayerImportPorts,
  kind: LayerKind,
  name: string,
): Promise<LayerRecord> {
  const pending = ports.pending();
  if (!pending) throw new Error('no layer waiting for confirmation');
  const record: LayerRecord = { ...pending.record, kind, name: name.trim() || pending.record.name };
  if (record.bbox) ports.frame(record.bbox);
  try {
    await ports.writeFile(record.projectId, record.opfsName, pending.result.ipc as Uint8Array<ArrayBuffer>);
    await ports.mount(record, pending.result, pending.result.layerId);
    await ports.putRecord(record);
  } catch (error) {
    // DuckDB, OPFS or the store refused: leave no trace.
    await ports.deleteRows(record.id).catch(() => undefined);
    await ports.deleteFile(record.projectId, record.opfsName);
    ports.unmount(record.id);
    throw error;
  } finally {
    ports.next();
  }
  return record;
}
