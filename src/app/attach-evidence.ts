/**
 * Attaching photos and documents to a case: the bytes go to the project's OPFS folder first (named like
 * `evidence-<ULID>.jpg`, the `fileRef` that exports and bundles read), then ONE ledger action records every
 * `evidence_added` event. When the ledger refuses or the write fails, the files just written are deleted again:
 * nothing is half-attached. Removal is an `evidence_removed` event; the file stays (history can be undone).
 */
import type { CaseId, EvidenceId } from '../core/ids.ts';
import { ulid } from '../core/ids.ts';
import type { CaseState, Evidence, LedgerEvent } from '../core/model.ts';
import type { EventDraft } from '../core/case/ledger.ts';
import {
  allocateIndexNos,
  classifyEvidence,
  evidenceFileRef,
  SNIFF_BYTES,
  type EvidenceCheck,
  type EvidenceMode,
  type EvidenceRefusal,
} from '../core/case/evidence.ts';
import { ActionRefusedError } from '../state/action-refused.ts';

/** What attaching needs: the open project's ledger and its file folder. */
export interface EvidencePorts {
  projectId(): string | null;
  caseState(caseId: CaseId): CaseState | undefined;
  caseEvents(caseId: CaseId): readonly LedgerEvent[];
  /** Resolves once a name is known to record the action under (asks for it when there is none). */
  ensureActor(): Promise<unknown>;
  act(caseId: CaseId, drafts: readonly EventDraft[]): Promise<unknown>;
  writeFile(projectId: string, fileRef: string, file: Blob): Promise<unknown>;
  deleteFile(projectId: string, fileRef: string): Promise<unknown>;
}

/** A file the user picked that was not attached, and why. */
export interface RefusedFile {
  readonly name: string;
  readonly refusal: EvidenceRefusal;
}

export interface AttachResult {
  readonly added: readonly Evidence[];
  readonly refused: readonly RefusedFile[];
}

/** Options of one attach: how to classify the files, and a caption for all of them. */
export interface AttachOptions {
  readonly mode?: EvidenceMode;
  readonly caption?: string;
}

async function check(file: File, mode: EvidenceMode): Promise<EvidenceCheck> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  return classifyEvidence(file, head, mode);
}

async function sha256(file: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** One attach at a time per page: index numbers are allocated from the log as it is when the attach starts. */
let queue: Promise<unknown> = Promise.resolve();
function serialised<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Attach files to a case. Files that are not acceptable are returned in `refused` (the others are still
 * attached); throws (and leaves no file behind) when storing or recording fails.
 */
export function attach(
  caseId: CaseId,
  files: readonly File[],
  ports: EvidencePorts,
  options: AttachOptions = {},
): Promise<AttachResult> {
  return serialised(() => attachNow(ports, caseId, files, options));
}

async function attachNow(
  ports: EvidencePorts,
  caseId: CaseId,
  files: readonly File[],
  options: AttachOptions,
): Promise<AttachResult> {
  const projectId = ports.projectId();
  if (!projectId) throw new ActionRefusedError('no_project', 'no project is open');
  const state = ports.caseState(caseId);
  if (!state) throw new ActionRefusedError('no_case', `no such case: ${caseId}`);
  // Asked before any file is stored, so a declined prompt leaves nothing behind.
  await ports.ensureActor();
  const refused: RefusedFile[] = [];
  const accepted: { file: File; check: Extract<EvidenceCheck, { ok: true }> }[] = [];
  for (const file of files) {
    const result = await check(file, options.mode ?? 'auto');
    if (result.ok) accepted.push({ file, check: result });
    else refused.push({ name: file.name, refusal: result.refusal });
  }
  if (accepted.length === 0) return { added: [], refused };

  const indexNos = allocateIndexNos(
    state.patch.id,
    ports.caseEvents(caseId),
    accepted.map((a) => a.check.kind),
  );
  const caption = options.caption?.trim();
  const evidence: Evidence[] = [];
  const written: string[] = [];
  try {
    for (const [i, { file, check: result }] of accepted.entries()) {
      const id = ulid() as EvidenceId;
      const fileRef = evidenceFileRef(id, result.format);
      const hash = await sha256(file);
      written.push(fileRef);
      await ports.writeFile(projectId, fileRef, file);
      evidence.push({
        id,
        kind: result.kind,
        name: file.name.trim().slice(0, 200) || fileRef,
        fileRef,
        mediaType: result.mediaType,
        size: file.size,
        sha256: hash,
        indexNo: indexNos[i] ?? fileRef,
        ...(caption ? { caption } : {}),
      });
    }
    const drafts: EventDraft<'evidence_added'>[] = evidence.map((e) => ({
      caseId,
      type: 'evidence_added',
      payload: { evidence: e },
    }));
    await ports.act(caseId, drafts);
  } catch (error) {
    for (const fileRef of written) await ports.deleteFile(projectId, fileRef);
    throw error;
  }
  return { added: evidence, refused };
}

/** Record that a piece of evidence no longer counts (its file and the history stay). */
export async function removeEvidence(
  caseId: CaseId,
  evidenceId: EvidenceId,
  ports: Pick<EvidencePorts, 'act'>,
  note?: string,
): Promise<void> {
  const text = note?.trim();
  await ports.act(caseId, [
    { caseId, type: 'evidence_removed', payload: { evidenceId, ...(text ? { note: text } : {}) } },
  ]);
}
