/**
 * Importing files the user picked or dropped: vector layers (each settled by the confirmation dialog), then
 * each GeoTIFF as a scene through the add-scene use-case.
 */
import { layers } from '../state/layers.svelte.ts';
import { scenes } from '../state/scenes.svelte.ts';
import { project } from '../state/project.svelte.ts';
import { notices } from '../state/notices.svelte.ts';
import { describeError, describeImportFailure } from '../state/describe-error.ts';
import { announceDateOrder } from '../state/date-order.ts';
import { groupFiles } from '../state/files.ts';
import { addScene } from './add-scene.ts';
import { addScenePorts } from './page-ports.ts';

/**
 * Where picked imagery goes: the handles the browser gave for some files (those are read in place when large)
 * and the period they join (else one is found or made from their date and label).
 */
export interface ImageryTarget {
  readonly handles?: ReadonlyMap<File, FileSystemFileHandle>;
  readonly periodId?: string;
}

/** Import files the user picked or dropped into the open project (creating one if none is open). */
export async function importFiles(files: readonly File[], target: ImageryTarget = {}): Promise<void> {
  if (files.length === 0) return;
  // A project still opening (DuckDB starting, lists loading) would clear what we add: wait for it first.
  await project.mounted();
  const current =
    project.current ?? (await project.create(files[0]?.name.replace(/\.[^.]+$/, '') ?? 'project'));
  const { imagery, vectors } = groupFiles(files);
  for (const group of vectors) {
    try {
      const failed = await layers.read(
        current.id,
        group.map((file) => ({ name: file.name, file })),
      );
      for (const failure of failed) {
        const { message, detail } = describeImportFailure(failure.error, failure.files);
        notices.push('error', message, detail);
      }
      // The confirmation dialog settles the pending layer; one dialog at a time.
      await layers.decided();
    } catch (error) {
      const { message, detail } = describeError(error, group.map((file) => file.name).join(', '));
      notices.push('error', message, detail);
    }
  }
  for (const file of imagery) {
    try {
      const label = scenes.scenes.length === 0 ? 'T1' : 'T2';
      const placement = { handle: target.handles?.get(file), periodId: target.periodId };
      await addScene({ projectId: current.id, file, fileName: file.name, label, placement }, addScenePorts);
    } catch (error) {
      const { message, detail } = describeError(error, file.name);
      notices.push('error', message, detail);
    }
  }
  if (imagery.length > 0) await announceDateOrder();
}
