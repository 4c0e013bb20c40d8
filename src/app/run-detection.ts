/**
 * Running change detection on the chosen pair of scenes. Write order: the run record ('running', so a tab
 * closed mid-run is found and marked interrupted on the next load) → the engine, in a worker, cancellable →
 * the intake (attribution, then every found patch opened as a case in ONE ledger transaction; serial numbers
 * are spent only when that transaction succeeds) → the run record again with how it ended, mirrored into
 * DuckDB's `run` table.
 *
 * What a failure leaves: before the run record (no operator name, bad choices) nothing at all. A failing or
 * cancelled engine, or a failing intake or ledger write, leaves no case, no patch and no spent serial; the run
 * stays in the record as 'failed' or 'cancelled' with no patches, because it did happen. If writing the
 * finished run fails after the ledger commit, the opened cases stay (the ledger is append-only) and the record
 * stays 'running', so the next load marks it interrupted; the error goes on to the caller.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { toSquareMetres, type AreaUnit } from '../core/area-units.ts';
import type { BandRole } from '../core/display/band-roles.ts';
import type { PatchSnapshot } from '../core/model.ts';
import type { DetectEngine, DetectOutcome, DetectionChoices, RunRecord } from '../state/detection.svelte.ts';
import type { IntakeOptions, PatchCandidate } from '../state/patch-intake.ts';
import type { JobHandle } from '../state/jobs.svelte.ts';

/** What a run reads of a scene: its stored file, band roles, date and band count. */
export interface DetectionScene {
  readonly record: {
    readonly id: string;
    readonly opfsName: string;
    readonly bandRoles: BandRole[];
    readonly acquiredOn: string | null;
  };
  readonly info: { readonly bands: number };
}

/** The detection panel as a run reads and updates it. */
export interface DetectionScreen {
  readonly auto: boolean;
  readonly sensitivity: number;
  readonly minArea: number;
  readonly unit: AreaUnit;
  /** Also search 生态空间管控区域 outside red lines; their findings are kept apart (off by default). */
  readonly searchControlZones?: boolean;
  running: boolean;
  pickScenes(): void;
  /** Everything knowable before a run; throws the typed setup error when the run cannot start. */
  preflight(): { projectId: string; one: DetectionScene; two: DetectionScene; engine: DetectEngine };
  showResult(projectId: string, count: number, outcome: DetectOutcome): void;
}

/** The stores, ledger, map and status bar a run uses. */
export interface RunDetectionPorts {
  /** Found patches are opened in the user's name: asked once per device, before the run. */
  ensureActor(): Promise<unknown>;
  /** The cancellable detection job of the status bar. */
  startJob(): JobHandle;
  /** The scene's file as the page reads it: its OPFS copy, or the user's own file when it is read in place. */
  readFile(projectId: string, scene: DetectionScene): Promise<Blob>;
  /** Polygons of the project's red-line, nature-reserve or control-zone layers. */
  areal(kind: 'redline' | 'reserve' | 'control_zone'): (Polygon | MultiPolygon)[];
  /** The run's IndexedDB record. */
  putRun(run: RunRecord): Promise<unknown>;
  /** The run's row in DuckDB's `run` table. */
  putRunRow(run: RunRecord): Promise<unknown>;
  /** Attribute the candidates and open their cases in one ledger transaction; the snapshots opened. */
  intake(
    projectId: string,
    candidates: readonly PatchCandidate[],
    options: IntakeOptions,
  ): Promise<PatchSnapshot[]>;
  /** Show the patches found so far on the map; null takes the preview off. */
  preview(patches: readonly PatchCandidate[] | null): void;
  /** The label of the attribution phase, shown in the job. */
  attributionMessage(): string;
  now(): Date;
  /** A short random suffix for the run id. */
  randomSuffix(): string;
}

/** A run id that sorts by start time: run-YYYYMMDDhhmmss-xxxx. */
export function runId(at: Date, suffix: string): string {
  return `run-${at
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14)}-${suffix}`;
}

/** Run detection on the screen's choices; returns the number of cases opened. */
export async function runDetection(screen: DetectionScreen, ports: RunDetectionPorts): Promise<number> {
  screen.pickScenes();
  await ports.ensureActor();
  const { projectId, one, two, engine } = screen.preflight();
  const job = ports.startJob();
  screen.running = true;
  const run: RunRecord = {
    schemaVersion: 1,
    id: runId(ports.now(), ports.randomSuffix()),
    projectId,
    t1: one.record.id,
    t2: two.record.id,
    params: {},
    startedAt: ports.now().toISOString(),
    finishedAt: null,
    status: 'running',
    patchCount: 0,
  };
  try {
    await ports.putRun(run);
  } catch (error) {
    // Nothing was written: close the job and the screen's running state before reporting it.
    job.fail(error);
    screen.running = false;
    throw error;
  }
  const found: PatchCandidate[] = [];
  // Control zones widen the searched area only when asked and present; reserves stay excluded either way.
  const controlZones = screen.searchControlZones ? ports.areal('control_zone') : [];
  try {
    const request: DetectionChoices = {
      t1: await ports.readFile(projectId, one),
      t2: await ports.readFile(projectId, two),
      t1Roles: one.record.bandRoles,
      t2Roles: two.record.bandRoles,
      include: [...ports.areal('redline'), ...controlZones],
      exclude: ports.areal('reserve'),
      sensitivity: screen.auto ? null : screen.sensitivity,
      minAreaM2: toSquareMetres(screen.minArea, screen.unit),
      fileBands: { t1: one.info.bands, t2: two.info.bands },
      dates: { t1: one.record.acquiredOn, t2: two.record.acquiredOn },
    };
    const outcome = await engine.detect(request, job.signal, (share, message, newPatches) => {
      job.update(share * 0.9, message);
      found.push(...newPatches);
      ports.preview(found);
    });
    job.update(0.92, ports.attributionMessage());
    const opened = await ports.intake(projectId, outcome.patches, {
      runId: run.id,
      clueSource: 'satellite',
      stage: 'auto',
      requireRedline: true,
      includeControlZones: controlZones.length > 0,
      signal: job.signal,
    });
    Object.assign(run, {
      params: { ...outcome.params, minAreaM2: request.minAreaM2, sensitivity: request.sensitivity },
      finishedAt: ports.now().toISOString(),
      status: 'done',
      patchCount: opened.length,
    });
    screen.showResult(projectId, opened.length, outcome);
    job.done();
    return opened.length;
  } catch (error) {
    Object.assign(run, {
      finishedAt: ports.now().toISOString(),
      status: job.signal.aborted ? 'cancelled' : 'failed',
    });
    if (!job.signal.aborted) job.fail(error);
    throw error;
  } finally {
    try {
      await ports.putRun(run);
      await ports.putRunRow(run);
    } finally {
      ports.preview(null);
      screen.running = false;
    }
  }
}
