/**
 * Writes outline edits to the ledger after attributing the new geometry in the geometry worker (the same path
 * as hand-drawn and detected patches: ellipsoidal area, red-line overlap minus reserves, admin join, ids).
 * Each user action is ONE ledger transaction: a split opens its parts and supersedes the original together.
 */
import type { Polygon } from 'geojson';
import type { PatchAttributes, PatchInput } from '../core/geo/attributes.ts';
import type { Areal } from '../core/geo/rings.ts';
import { asPatchId, caseIdOfPatch, type CaseId, type PatchId } from '../core/ids.ts';
import type { EventDraft } from '../core/case/ledger.ts';
import type { CaseState, DetectionStage, PatchSnapshot } from '../core/model.ts';
import { DETECTION_STAGES } from '../core/model.ts';
import { attribute, prepareAttribution } from './attribution.ts';
import { ActionRefusedError, ledger } from './ledger.svelte.ts';
import { jobs } from './jobs.svelte.ts';
import { commitPatches } from './patch-intake.ts';
import { attributedFields } from './patch-snapshot.ts';

/** Attributes geometries against the project's reference layers; `id` keeps a patch's id, else a new one. */
async function attributeAll(projectId: string, inputs: PatchInput[]): Promise<PatchAttributes[]> {
  const key = `project-${projectId}`;
  await prepareAttribution(key);
  const result = await attribute(
    projectId,
    key,
    inputs,
    new Date().getFullYear(),
    new AbortController().signal,
    () => undefined,
  );
  if (result.patches.length !== inputs.length) throw new Error('attribution returned a different count');
  return result.patches;
}

/** A new patch's snapshot: attributes from the worker, interpretation fields carried over from `from`. */
function derivedSnapshot(
  attrs: PatchAttributes,
  geometry: Areal,
  from: PatchSnapshot,
  derivedFrom: PatchId[],
): PatchSnapshot {
  return {
    id: asPatchId(attrs.id),
    ...(from.runId ? { runId: from.runId } : {}),
    ...attributedFields(attrs),
    ...(from.activityType ? { activityType: from.activityType } : {}),
    ...(from.problemType ? { problemType: from.problemType } : {}),
    ...(from.changeDirection ? { changeDirection: from.changeDirection } : {}),
    ...(from.score !== undefined ? { score: from.score } : {}),
    derivedFrom,
    geometry,
  };
}

function detectionStage(state: CaseState): DetectionStage {
  const stage = DETECTION_STAGES.find((s) => s === state.stage);
  if (!stage)
    throw new ActionRefusedError(
      'not_editable_stage',
      `cannot split or merge a case at stage ${state.stage}`,
    );
  return stage;
}

async function withJob<T>(label: string, work: () => Promise<T>): Promise<T> {
  const job = jobs.start(label, { cancellable: false });
  try {
    const result = await work();
    job.done();
    return result;
  } catch (error) {
    job.fail(error);
    throw error;
  }
}

/** Saves a new outline of a case (same patch id): one `geometry_edited` event with the new attributes. */
export async function saveOutline(
  projectId: string,
  state: CaseState,
  geometry: Areal,
): Promise<PatchAttributes> {
  return withJob('修改图斑边界', async () => {
    const [attrs] = await attributeAll(projectId, [{ geometry, id: state.patch.id }]);
    if (!attrs) throw new Error('no attributes');
    await ledger.act(state.id, [
      {
        caseId: state.id,
        type: 'geometry_edited',
        payload: { geometry, areaHa: attrs.area_ha, redlineHa: attrs.redline_ha, cx: attrs.cx, cy: attrs.cy },
      },
    ]);
    return attrs;
  });
}

/** A snapshot before its serial is allocated at commit (the worker's id is provisional). */
function unnumbered(snapshot: PatchSnapshot): Omit<PatchSnapshot, 'id'> {
  const { id, ...rest } = snapshot;
  void id;
  return rest;
}

const openedDraft = (patch: PatchSnapshot, stage: DetectionStage, clueSource: string): EventDraft => ({
  caseId: caseIdOfPatch(patch.id),
  type: 'opened',
  payload: { patch, stage, clueSource },
});

/**
 * Replaces a case by its parts: each part opens as a new case (new id, the original's stage and clue source),
 * and the original is `superseded` by them, all in one transaction. Returns the new case ids.
 */
export async function commitSplit(
  projectId: string,
  state: CaseState,
  parts: Polygon[],
  note: string,
): Promise<CaseId[]> {
  const stage = detectionStage(state);
  return withJob('拆分图斑', async () => {
    const attrs = await attributeAll(
      projectId,
      parts.map((geometry) => ({ geometry })),
    );
    const drafts = attrs.map((a, i) =>
      unnumbered(derivedSnapshot(a, parts[i] as Polygon, state.patch, [state.patch.id])),
    );
    const snapshots = await commitPatches(projectId, new Date().getFullYear(), drafts, async (numbered) => {
      const work: [CaseId, EventDraft[]][] = numbered.map((patch) => [
        caseIdOfPatch(patch.id),
        [openedDraft(patch, stage, state.clueSource)],
      ]);
      const by = numbered.map((s) => s.id);
      work.push([state.id, [{ caseId: state.id, type: 'superseded', payload: { by, note } }]]);
      await ledger.actMany(work);
    });
    return snapshots.map((s) => caseIdOfPatch(s.id));
  });
}

/**
 * Merges two cases into one new case (the first's stage, clue source and interpretation), both originals
 * `superseded` by it, in one transaction. Returns the new case id.
 */
export async function commitMerge(
  projectId: string,
  first: CaseState,
  second: CaseState,
  geometry: Areal,
  notes: [string, string],
): Promise<CaseId> {
  const stage = detectionStage(first);
  detectionStage(second);
  return withJob('合并图斑', async () => {
    const [attrs] = await attributeAll(projectId, [{ geometry }]);
    if (!attrs) throw new Error('no attributes');
    const draft = unnumbered(
      derivedSnapshot(attrs, geometry, first.patch, [first.patch.id, second.patch.id]),
    );
    const [patch] = await commitPatches(projectId, new Date().getFullYear(), [draft], async ([numbered]) => {
      if (!numbered) return;
      const by = [numbered.id];
      await ledger.actMany([
        [caseIdOfPatch(numbered.id), [openedDraft(numbered, stage, first.clueSource)]],
        [first.id, [{ caseId: first.id, type: 'superseded', payload: { by, note: notes[0] } }]],
        [second.id, [{ caseId: second.id, type: 'superseded', payload: { by, note: notes[1] } }]],
      ]);
    });
    if (!patch) throw new Error('merge produced no patch');
    return caseIdOfPatch(patch.id);
  });
}
