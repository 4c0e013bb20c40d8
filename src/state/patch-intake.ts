import type { MultiPolygon, Polygon } from 'geojson';
import type { PatchSnapshot } from '../core/model.ts';
import { attributedFields } from './patch-snapshot.ts';
import type { PatchId } from '../core/ids.ts';
import { attribute, loadSerialMarks, prepareAttribution, saveSerialMarks } from './attribution.ts';
import { commitWithSerials } from './patch-serials.ts';
import { ledger } from './ledger.svelte.ts';
import { layers } from './layers.svelte.ts';
import { cases } from './cases.svelte.ts';

/** A patch found by detection or drawn by hand, before attribution. */
export interface PatchCandidate {
  geometry: Polygon | MultiPolygon;
  score?: number;
  direction?: string;
  activityType?: string;
  activityConf?: number;
  problemType?: string;
}

export interface IntakeOptions {
  runId?: string;
  clueSource: string;
  stage: 'auto' | 'clue' | 'suspected';
  /** Keep only patches that overlap red lines (outside reserves) when red-line layers exist. */
  requireRedline: boolean;
  /** Also keep patches found in control zones outside red lines (生态空间管控区域, listed apart). */
  includeControlZones?: boolean;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Attribute candidates in the geometry worker (id, ellipsoidal area, red-line overlap minus reserves, admin
 * units, location) and open a case for each in ONE ledger transaction. Returns the snapshots opened.
 */
export async function intakePatches(
  projectId: string,
  candidates: readonly PatchCandidate[],
  options: IntakeOptions,
): Promise<PatchSnapshot[]> {
  const signal = options.signal ?? new AbortController().signal;
  const key = `project-${projectId}`;
  await prepareAttribution(key);
  const year = new Date().getFullYear();
  const result = await attribute(
    projectId,
    key,
    candidates.map((c) => ({ geometry: c.geometry })),
    year,
    signal,
    options.onProgress ?? (() => undefined),
  );
  const hasRedlines = layers.list.some((l) => l.kind === 'redline');
  const drafts: Omit<PatchSnapshot, 'id'>[] = [];
  result.patches.forEach((attrs, index) => {
    const candidate = candidates[index];
    if (!candidate) return;
    const inControlZone = options.includeControlZones === true && attrs.zone === 'control_zone';
    if (options.requireRedline && hasRedlines && attrs.redline_ha <= 0 && !inControlZone) return;
    drafts.push({
      ...(options.runId ? { runId: options.runId } : {}),
      ...attributedFields(attrs),
      ...(candidate.activityType ? { activityType: candidate.activityType } : {}),
      ...(candidate.activityConf !== undefined ? { activityConf: candidate.activityConf } : {}),
      ...(candidate.problemType ? { problemType: candidate.problemType } : {}),
      ...(candidate.direction ? { changeDirection: candidate.direction } : {}),
      ...(candidate.score !== undefined ? { score: candidate.score } : {}),
      geometry: candidate.geometry,
    });
  });
  if (signal.aborted) throw signal.reason ?? new DOMException('cancelled', 'AbortError');
  const snapshots = await commitPatches(
    projectId,
    year,
    drafts,
    (numbered) => ledger.openCases(numbered, options.clueSource, options.stage),
    signal,
  );
  cases.publish();
  return snapshots;
}

/**
 * Number new patches and commit them in one step: serials are allocated for exactly the patches written, and
 * spent only when the ledger write has gone through.
 */
export async function commitPatches(
  projectId: string,
  year: number,
  drafts: readonly Omit<PatchSnapshot, 'id'>[],
  commit: (snapshots: PatchSnapshot[]) => Promise<void>,
  signal?: AbortSignal,
): Promise<PatchSnapshot[]> {
  if (drafts.length === 0) return [];
  // Asked before numbering, so the prompt never holds numbers while it waits.
  await ledger.ensureActor();
  // A run cancelled while the prompt was open writes nothing.
  if (signal?.aborted) throw signal.reason ?? new DOMException('cancelled', 'AbortError');
  const store = {
    marks: await loadSerialMarks(projectId),
    spent: ledger.issuedCaseIds,
    save: (marks: Record<string, number>) => saveSerialMarks(projectId, marks),
  };
  return commitWithSerials(
    drafts.map((d) => d.countyCode),
    year,
    store,
    async (ids: PatchId[]) => {
      const snapshots: PatchSnapshot[] = drafts.map((draft, i) => ({ ...draft, id: ids[i] as PatchId }));
      await commit(snapshots);
      return snapshots;
    },
  );
}
