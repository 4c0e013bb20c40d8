/**
 * Opening a bundled sample project: its layers and imagery go through the same paths as files a user picks.
 */
import { project } from '../state/project.svelte.ts';
import { layers, LAYER_KINDS, type LayerKind } from '../state/layers.svelte.ts';
import { jobs } from '../state/jobs.svelte.ts';
import { mapState } from '../state/map.svelte.ts';
import { ledger } from '../state/ledger.svelte.ts';
import { confirmLayer } from './import-layer.ts';
import { addScenePorts, layerImportPorts } from './page-ports.ts';
import { addScene } from './add-scene.ts';
import { t } from '../i18n/i18n.svelte.ts';

type Bilingual = { zh: string; en: string };

/** `sample-data/<name>/project.json`: what a bundled sample project contains. */
export interface SampleManifest {
  schemaVersion: 1;
  id: string;
  name: Bilingual;
  province: { code: string; name: string };
  layers: { file: string; kind: string; name: Bilingual }[];
  scenes: { file: string; label: string; acquired_on: string; sensor?: string; bands?: string[] }[];
  notice: Bilingual;
}

/** Samples the app ships (the `?sample=` values). */
export const SAMPLES = ['beihai'] as const;

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

export async function sampleManifest(name: string): Promise<SampleManifest> {
  return (await (await fetchOk(`./sample-data/${name}/project.json`)).json()) as SampleManifest;
}

let opening: Promise<void> | null = null;

/**
 * Open a bundled sample project: reopen it when this browser already has it (a workshop link clicked twice must
 * not duplicate it), otherwise create it and load its layers and imagery through the same paths as user files.
 * A sample left unfinished by a reload or a closed tab (imagery is still being copied for a while after it is
 * shown) is deleted and loaded again, so it can never stay half-made.
 */
export function openSample(name: string): Promise<void> {
  opening ??= openOrLoad(name).finally(() => (opening = null));
  return opening;
}

async function openOrLoad(name: string): Promise<void> {
  const existing = project.all.find((item) => item.sample === name);
  if (existing && existing.sampleReady !== false) {
    // Already open (the page reopened the last project on load): mounting it twice would only redo the work.
    if (project.current?.id !== existing.id) await project.open(existing.id);
    return;
  }
  if (existing) await project.remove(existing.id);
  await loadSample(name);
}

async function loadSample(name: string): Promise<void> {
  const job = jobs.start(t('job.sample', { name }), { cancellable: false });
  let createdId: string | null = null;
  try {
    const manifest = await sampleManifest(name);
    const created = await project.create(manifest.name.zh, name);
    createdId = created.id;
    await ledger.saveSettings({ ...ledger.settings, province: manifest.province });
    for (const [index, layer] of manifest.layers.entries()) {
      job.update(index / (manifest.layers.length + manifest.scenes.length), layer.name.zh);
      const blob = await (await fetchOk(`./sample-data/${name}/${layer.file}`)).blob();
      const failed = await layers.read(created.id, [{ name: layer.file, file: blob }]);
      if (failed.length > 0) throw new Error(`${layer.file}: ${failed[0]?.error.code ?? 'read failed'}`);
      const kind: LayerKind = (LAYER_KINDS as readonly string[]).includes(layer.kind)
        ? (layer.kind as LayerKind)
        : 'other';
      await confirmLayer(layerImportPorts, kind, layer.name.zh);
    }
    for (const [index, scene] of manifest.scenes.entries()) {
      job.update(
        (manifest.layers.length + index) / (manifest.layers.length + manifest.scenes.length),
        scene.label,
      );
      const blob = await (await fetchOk(`./sample-data/${name}/${scene.file}`)).blob();
      const added = await addScene(
        {
          projectId: created.id,
          file: blob,
          fileName: scene.file,
          label: scene.label,
          acquiredOn: scene.acquired_on,
        },
        // The sample is marked as such and its imagery panel says it is coarse: no notice per scene on opening.
        { ...addScenePorts, coarse: undefined },
      );
      // Frame the imagery as soon as the first image is in, not at the very end: a user (or a test) who has
      // started working on the map while the rest loads must not have the view pulled from under them.
      if (index === 0) mapState.zoomTo(added.bounds);
    }
    await project.markSampleReady(created.id);
    job.done();
  } catch (error) {
    job.fail(error);
    // Never leave half a sample project behind: the next click starts clean.
    if (createdId) await project.remove(createdId).catch(() => undefined);
    throw error;
  }
}
