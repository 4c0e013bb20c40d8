import { layers } from './layers.svelte.ts';
import { scenes } from './scenes.svelte.ts';
import { project } from './project.svelte.ts';
import { notices } from './notices.svelte.ts';
import { describeError, describeImportFailure } from './describe-error.ts';
import { announceDateOrder } from './date-order.ts';

const IMAGERY = /\.(tif|tiff)$/i;
const SIDECAR = /\.(shx|dbf|prj|cpg|qix|sbn|sbx|shp\.xml)$/i;

/**
 * Group dropped files into what they are: each GeoTIFF is a scene; a shapefile's parts (same base name) are one
 * layer; every other vector file is one layer.
 */
export function groupFiles(files: readonly File[]): { imagery: File[]; vectors: File[][] } {
  const imagery = files.filter((file) => IMAGERY.test(file.name));
  const groups = new Map<string, File[]>();
  for (const file of files) {
    if (IMAGERY.test(file.name)) continue;
    const base = /\.(shp|shx|dbf|prj|cpg|qix|sbn|sbx)$/i.test(file.name)
      ? file.name.replace(/\.[^.]+$/, '').toLowerCase()
      : `${file.name}\u0000`;
    groups.set(base, [...(groups.get(base) ?? []), file]);
  }
  const vectors = [...groups.values()].filter((group) => !group.every((file) => SIDECAR.test(file.name)));
  return { imagery, vectors };
}

/** Import files the user picked or dropped into the open project (creating one if none is open). */
export async function importFiles(files: readonly File[]): Promise<void> {
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
      await scenes.add(current.id, file, file.name, label);
    } catch (error) {
      const { message, detail } = describeError(error, file.name);
      notices.push('error', message, detail);
    }
  }
  if (imagery.length > 0) await announceDateOrder();
}
