/**
 * Finishing a hand-drawn patch (a clue from 领导批示 / 信访举报 / 舆情反映…): the drawing is closed into a polygon,
 * attributed like a detected patch and opened as a 'suspected' case in one ledger transaction, then selected.
 * The drawing leaves the map first; a failed attribution or ledger write opens no case and spends no serial.
 */
import type { CaseId } from '../core/ids.ts';
import { caseIdOfPatch } from '../core/ids.ts';
import type { PatchSnapshot } from '../core/model.ts';
import type { IntakeOptions, PatchCandidate } from '../state/patch-intake.ts';

/** The drawing on screen, as finishing reads it. */
export interface DrawingScreen {
  readonly vertices: readonly [number, number][];
  readonly clueSource: string;
  /** Stop drawing and take the drawing off the map. */
  cancel(): void;
}

/** The open project, the status bar, the intake and the case selection. */
export interface DrawnPatchPorts {
  projectId(): string | null;
  /** A non-cancellable "drawn patch" job. */
  startJob(): { done(): void; fail(error: unknown): void };
  intake(
    projectId: string,
    candidates: readonly PatchCandidate[],
    options: IntakeOptions,
  ): Promise<PatchSnapshot[]>;
  select(id: CaseId): void;
}

/** Needs three vertices and an open project; returns the new case's id, or null when nothing was drawn. */
export async function finishDrawnPatch(
  screen: DrawingScreen,
  ports: DrawnPatchPorts,
): Promise<CaseId | null> {
  const ring = [...screen.vertices];
  const projectId = ports.projectId();
  const clueSource = screen.clueSource;
  screen.cancel();
  const first = ring[0];
  if (ring.length < 3 || !projectId || !first) return null;
  const job = ports.startJob();
  try {
    const [snapshot] = await ports.intake(
      projectId,
      [{ geometry: { type: 'Polygon', coordinates: [[...ring, first]] } }],
      { clueSource, stage: 'suspected', requireRedline: false },
    );
    job.done();
    const id = snapshot ? caseIdOfPatch(snapshot.id) : null;
    if (id) ports.select(id);
    return id;
  } catch (error) {
    job.fail(error);
    throw error;
  }
}
