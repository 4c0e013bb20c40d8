/**
 * Committing an outline edit of a case: the new geometry is attributed in the geometry worker first (the same
 * path as hand-drawn and detected patches: ellipsoidal area, red-line overlap minus reserves, admin join, ids),
 * then written to the ledger. Each user action is ONE ledger transaction: a split opens its parts and
 * supersedes the original together, so a refusal or a failed write leaves the cases exactly as they were.
 */
import type { Polygon } from 'geojson';
import type { PatchAttributes, PatchInput } from '../core/geo/attributes.ts';
import type { Areal } from '../core/geo/rings.ts';
import { asPatchId, caseIdOfPatch, type CaseId, type PatchId } from '../core/ids.ts';
import type { EventDraft } from '../core/case/ledger.ts';
import type { CaseState, DetectionStage, PatchSnapshot } from '../core/model.ts';
import { DETECTION_STAGES } from '../core/model.ts';
import { ActionRefusedError } from '../state/action-refused.ts';
import { attributedFields } from '../state/patch-snapshot.ts';
import type { JobMessageKey } from '../i18n/job-messages.ts';

/** What an outline commit needs: the geometry worker, the serial numbers, the ledger and a status-bar job. */
export interface OutlinePorts {
  /** Attributes of each input, in order; `id` keeps a patch's id, else a new one. */
  attribute(projectId: string, inputs: PatchInput[]): Promise<PatchAttributes[]>;
  /** Numbers the drafts and calls `commit` with them; the numbers are spent only when `commit` succeeds. */
  commitPatches(
    projectId: string,
    year: number,
    drafts: readonly Omit<PatchSnapshot, 'id'>[],
    commit: (snapshots: PatchSnapshot[]) => Promise<void>,
  ): Promise<PatchSnapshot[]>;
  act(caseId: CaseId, drafts: readonly EventDraft[]): Promise<unknown>;
  actMany(work: [CaseId, EventDraft[]][]): Promise<unknown>;
  /** Run the work as a status-bar job labelled by a message key (translated by the page). */
  job<T>(label: JobMessageKey, work: () => Promise<T>): Promise<T>;
  year(): number;
}

async function attributeAll(
  ports: OutlinePorts,
  projectId: string,
  inputs: PatchInput[],
): Promise<PatchAttributes[]> {
  const patches = await ports.attribute(projectId, inputs);
  if (patches.length !== inputs.length) throw new Error('attribution returned a different count');
  return patches;
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

/** Saves a new outline of a case (same patch id): one `geometry_edited` event with the new attributes. */
export async function saveOutline(
  ports: OutlinePorts,
  projectId: string,
  state: CaseState,
  geometry: Areal,
): Promise<PatchAttributes> {
  return ports.job('job.outlineEdit', async () => {
    const [attrs] = await attributeAll(ports, projectId, [{ geometry, id: state.patch.id }]);
    if (!attrs) throw new Error('no attributes');
    await ports.act(state.id, [
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
  ports: OutlinePorts,
  projectId: string,
  state: CaseState,
  parts: Polygon[],
  note: string,
): Promise<CaseId[]> {
  const stage = detectionStage(state);
  return ports.job('job.split', async () => {
    const attrs = await attributeAll(
      ports,
      projectId,
      parts.map((geometry) => ({ geometry })),
    );
    const drafts = attrs.map((a, i) =>
      unnumbered(derivedSnapshot(a, parts[i] as Polygon, state.patch, [state.patch.id])),
    );
    const snapshots = await ports.commitPatches(projectId, ports.year(), drafts, async (numbered) => {
      const work: [CaseId, EventDraft[]][] = numbered.map((patch) => [
        caseIdOfPatch(patch.id),
        [openedDraft(patch, stage, state.clueSource)],
      ]);
      const by = numbered.map((s) => s.id);
      work.push([state.id, [{ caseId: state.id, type: 'superseded', payload: { by, note } }]]);
      await ports.actMany(work);
    });
    return snapshots.map((s) => caseIdOfPatch(s.id));
  });
}

/**
 * Merges two cases into one new case (the first's stage, clue source and interpretation), both originals
 * `superseded` by it, in one transaction. Returns the new case id.
 */
export async function commitMerge(
  ports: OutlinePorts,
  projectId: string,
  first: CaseState,
  second: CaseState,
  geometry: Areal,
  notes: [string, string],
): Promise<CaseId> {
  const stage = detectionStage(first);
  detectionStage(second);
  return ports.job('job.merge', async () => {
    const [attrs] = await attributeAll(ports, projectId, [{ geometry }]);
    if (!attrs) throw new Error('no attributes');
    const draft = unnumbered(
      derivedSnapshot(attrs, geometry, first.patch, [first.patch.id, second.patch.id]),
    );
    const [patch] = await ports.commitPatches(projectId, ports.year(), [draft], async ([numbered]) => {
      if (!numbered) return;
      const by = [numbered.id];
      await ports.actMany([
        [caseIdOfPatch(numbered.id), [openedDraft(numbered, stage, first.clueSource)]],
        [first.id, [{ caseId: first.id, type: 'superseded', payload: { by, note: notes[0] } }]],
        [second.id, [{ caseId: second.id, type: 'superseded', payload: { by, note: notes[1] } }]],
      ]);
    });
    if (!patch) throw new Error('merge produced no patch');
    return caseIdOfPatch(patch.id);
  });
}

/** The outline editor's screen, as a commit reads it; `busyWith` shows the work running and closes the editor. */
export interface OutlineEditScreen {
  readonly target: CaseState | null;
  readonly draft: Areal | null;
  readonly history: readonly Areal[];
  readonly parts: readonly Polygon[];
  readonly mergeWith: CaseId | null;
  readonly merged: Areal | null;
  busyWith<T>(work: () => Promise<T>): Promise<T>;
}

/** The commit ports plus what the screen needs around them: the open project, the cases, the selection. */
export interface OutlineScreenPorts extends OutlinePorts {
  projectId(): string | null;
  caseState(id: CaseId): CaseState | undefined;
  select(id: CaseId): void;
}

/** Save the edited outline: re-attributed with the same patch id, one `geometry_edited` event. */
export async function saveEditedOutline(
  edit: OutlineEditScreen,
  ports: OutlineScreenPorts,
): Promise<{ id: string; areaHa: number } | null> {
  const state = edit.target;
  const projectId = ports.projectId();
  const draft = edit.draft;
  if (!state || !projectId || !draft || edit.history.length === 0) return null;
  return edit.busyWith(async () => {
    const attrs = await saveOutline(ports, projectId, state, draft);
    return { id: state.id, areaHa: attrs.area_ha };
  });
}

/** Split along the drawn line: new cases for the parts, the original superseded, one transaction. */
export async function splitCase(
  edit: OutlineEditScreen,
  ports: OutlineScreenPorts,
  note: string,
): Promise<{ id: string; ids: CaseId[] } | null> {
  const state = edit.target;
  const projectId = ports.projectId();
  const parts = [...edit.parts];
  if (!state || !projectId || parts.length < 2) return null;
  return edit.busyWith(async () => {
    const ids = await commitSplit(ports, projectId, state, parts, note);
    if (ids[0]) ports.select(ids[0]);
    return { id: state.id, ids };
  });
}

/** Merge with the chosen case: one new case, both originals superseded, one transaction. */
export async function mergeCases(
  edit: OutlineEditScreen,
  ports: OutlineScreenPorts,
  notes: (other: string) => string,
): Promise<{ a: string; b: string; id: CaseId } | null> {
  const first = edit.target;
  const second = edit.mergeWith ? (ports.caseState(edit.mergeWith) ?? null) : null;
  const projectId = ports.projectId();
  const merged = edit.merged;
  if (!first || !second || !projectId || !merged) return null;
  return edit.busyWith(async () => {
    const id = await commitMerge(ports, projectId, first, second, merged, [
      notes(second.id),
      notes(first.id),
    ]);
    ports.select(id);
    return { a: first.id, b: second.id, id };
  });
}
