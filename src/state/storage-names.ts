/**
 * Names a person recognises for the files of a project's OPFS folder: the storage panel lists an imported
 * scene under its original file name rather than `scene-<uuid>.tif` (the stored name stays as a tooltip).
 */
import { listRecords } from '../store/records.ts';
import type { LayerRecord } from './layers.svelte.ts';
import type { SceneRecord } from './scenes.svelte.ts';

export interface StoredFileName {
  readonly name: string;
  readonly kind: 'scene' | 'layer';
}

/** Stored file name → original name and kind, for every scene and layer record of the project. */
export async function storedFileNames(projectId: string): Promise<Map<string, StoredFileName>> {
  const [scenes, layers] = await Promise.all([
    listRecords<SceneRecord>('scenes', projectId),
    listRecords<LayerRecord>('layers', projectId),
  ]);
  return new Map<string, StoredFileName>([
    ...scenes.map((s) => [s.opfsName, { name: s.fileName || s.label, kind: 'scene' }] as const),
    ...layers.map((l) => [l.opfsName, { name: l.name || l.sourceFile, kind: 'layer' }] as const),
  ]);
}

/** A project's scenes by how they are kept: copied into OPFS, or read in place from the user's files. */
export interface SceneStorageList {
  readonly copied: { name: string; size: number }[];
  readonly inPlace: { name: string; size: number }[];
}

export async function sceneStorage(projectId: string): Promise<SceneStorageList> {
  const records = await listRecords<SceneRecord>('scenes', projectId);
  const item = (s: SceneRecord) => ({ name: s.fileName || s.label, size: s.size });
  return {
    // Scenes stored before read-in-place existed have no `storage` and were all copied.
    copied: records.filter((s) => s.storage !== 'in_place').map(item),
    inPlace: records.filter((s) => s.storage === 'in_place').map(item),
  };
}
