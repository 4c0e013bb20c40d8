/**
 * Removing a vector layer from the project. The IndexedDB record goes first: it is the commit point, so once it
 * is deleted the layer is gone on the next load whatever happens after. Then DuckDB's rows (a cache) and the OPFS
 * file, and the layer leaves the screen even if one of those fails (the error still reaches the caller). When
 * deleting the record fails, nothing has changed.
 */
import type { LayerRecord } from '../state/layers.svelte.ts';

/** The record store, DuckDB, the OPFS folder and the layer list on screen. */
export interface RemoveLayerPorts {
  deleteRecord(id: string): Promise<unknown>;
  deleteRows(id: string): Promise<unknown>;
  deleteFile(projectId: string, name: string): Promise<unknown>;
  /** Take the layer off the map and the list. */
  unmount(id: string): void;
}

export async function removeLayer(
  layer: Pick<LayerRecord, 'id' | 'projectId' | 'opfsName'>,
  ports: RemoveLayerPorts,
): Promise<void> {
  await ports.deleteRecord(layer.id);
  try {
    await ports.deleteRows(layer.id);
    await ports.deleteFile(layer.projectId, layer.opfsName);
  } finally {
    ports.unmount(layer.id);
  }
}
