/**
 * Adding a GeoTIFF scene to a project. It is shown at once from the picked file (first frame without waiting for
 * the copy), while a copy goes into OPFS; the IndexedDB record, written after the copy, is the commit point. If
 * the copy or the record fails (e.g. quota), the OPFS file is deleted and the scene taken off the map: the
 * project is unchanged. A large file picked with a handle is read in place: no copy, the record (holding the
 * handle) is the only write.
 */
import { coarserThanRules } from '../core/display/radiometry.ts';
import type { ScenePlacement, SceneRecord } from '../state/scenes.svelte.ts';

/**
 * What adding needs: the scene list on screen (its scenes of type S carry their record), the status bar, the
 * OPFS folder and the record store.
 */
export interface AddScenePorts<S extends { record: SceneRecord; pixelM?: number }> {
  show(
    projectId: string,
    file: Blob,
    fileName: string,
    label: string,
    acquiredOn?: string,
    placement?: ScenePlacement,
  ): Promise<S>;
  firstFrame(): Promise<unknown>;
  /** A non-cancellable "saving imagery" job in the status bar. */
  startJob(fileName: string): { done(): void; fail(error: unknown): void };
  writeFile(projectId: string, name: string, file: Blob): Promise<unknown>;
  putRecord(record: SceneRecord): Promise<unknown>;
  deleteFile(projectId: string, name: string): Promise<unknown>;
  /** Take the scene off the screen (and any record or file of it). */
  remove(id: string): Promise<unknown>;
  /** The added image is coarser than the rules' 2 m: a warning in words (the scene is kept, detection runs). */
  coarse?(pixelM: number, fileName: string): void;
}

/**
 * What the user picked: the file, its name, the label (T1/T2), a date given by the caller, if any, and where
 * it goes (its period; the handle to read it in place, when the browser gave one).
 */
export interface SceneInput {
  readonly projectId: string;
  readonly file: Blob;
  readonly fileName: string;
  readonly label: string;
  readonly acquiredOn?: string;
  readonly placement?: ScenePlacement;
}

/** Show, copy, then record a scene; any failure leaves no file, no record and nothing on the map. */
export async function addScene<S extends { record: SceneRecord; pixelM?: number }>(
  input: SceneInput,
  ports: AddScenePorts<S>,
): Promise<S> {
  const { projectId, file, fileName } = input;
  const scene = await ports.show(projectId, file, fileName, input.label, input.acquiredOn, input.placement);
  const { id, opfsName } = scene.record;
  // The status bar says "saving" from the moment the image is shown: until the record is written, a reload
  // would not keep it.
  const job = ports.startJob(fileName);
  try {
    // Draw first, then copy: on two cores the copy of a large file into OPFS halves the speed of the first frame.
    await ports.firstFrame();
    if (scene.record.storage === 'copied') await ports.writeFile(projectId, opfsName, file);
    await ports.putRecord(scene.record);
    job.done();
  } catch (error) {
    job.fail(error);
    if (opfsName) await ports.deleteFile(projectId, opfsName);
    await ports.remove(id).catch(() => undefined);
    throw error;
  }
  if (scene.pixelM !== undefined && coarserThanRules(scene.pixelM)) ports.coarse?.(scene.pixelM, fileName);
  return scene;
}
