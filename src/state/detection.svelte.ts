import type { MultiPolygon, Polygon } from 'geojson';
import type { AreaUnit } from '../core/area-units.ts';
import type { BandRole } from '../core/display/band-roles.ts';
import type { PatchCandidate } from './patch-intake.ts';
import { scenes } from './scenes.svelte.ts';
import { project } from './project.svelte.ts';
import { DEFAULT_DETECT_PARAMS, type DetectParams } from '../core/detect/params.ts';
import { planFromRoles, type DetectPlan } from '../core/detect/app-request.ts';
import type { RunProvenance } from '../core/detect/provenance.ts';
import { seasonMismatch, type Season } from '../core/display/scene-dates.ts';
import { DetectionSetupError } from './detection-text.ts';
import type { Scene } from './scenes.svelte.ts';

/**
 * What the detection engine needs from the panel: two images, their band roles, the area to search and the
 * user's choices (sensitivity, minimum area). Not the worker's request (workers/raster-api.ts), built from it.
 */
export interface DetectionChoices {
  t1: Blob;
  t2: Blob;
  t1Roles: BandRole[];
  t2Roles: BandRole[];
  /** Red-line polygons (lon/lat) to search inside; empty = the whole scene. */
  include: (Polygon | MultiPolygon)[];
  /** Nature-reserve polygons excluded from red-line findings. */
  exclude: (Polygon | MultiPolygon)[];
  /** null = automatic threshold; otherwise 0..1, higher finds more. */
  sensitivity: number | null;
  minAreaM2: number;
  /** Band counts of the two files, so roles can be checked against them. */
  fileBands?: { t1: number; t2: number };
  /** Acquisition dates (YYYY-MM-DD) when known, for the run's provenance and season check. */
  dates?: { t1: string | null; t2: string | null };
}

/**
 * Every parameter a run used, as recorded with it: the resolved parameters (`threshold` stays the spec, e.g.
 * `{ method: 'auto', shift }`), the threshold the run actually cut at, and what the engine decided.
 */
export interface RunRecordParams extends DetectParams {
  /** The value the smoothed statistic was cut at (runs stored before this field kept it in `threshold`). */
  thresholdUsed: number;
  /** The same cut in robust σ of the scene. */
  zThreshold: number;
  engine: string;
  /** Name of the detection grid's CRS. */
  crs: string;
  /** 0-based file bands read at T1 (blue, green, red, nir …). */
  bands: number[];
  provenance: RunProvenance;
}

export interface DetectOutcome {
  patches: PatchCandidate[];
  /** Every parameter the run used (recorded with the run, with the user's sensitivity). */
  params: RunRecordParams;
  /** What the engine decided about the imagery (bands, radiometry, threshold, masks), when it says. */
  provenance?: RunProvenance;
}

/** A detection engine: runs in a worker, reports progress and patches as tiles finish, stops on abort. */
export interface DetectEngine {
  detect(
    request: DetectionChoices,
    signal: AbortSignal,
    onProgress: (share: number, message: string, newPatches: PatchCandidate[]) => void,
  ): Promise<DetectOutcome>;
}

/**
 * A run as stored in IndexedDB and mirrored into DuckDB's `run` table: the provenance of one detection (the
 * two scenes, the parameters, start and end, status, patch count), so a finding can be traced to how it was made
 * (docs/design-notes.md).
 */
export interface RunRecord {
  schemaVersion: 1;
  id: string;
  projectId: string;
  t1: string;
  t2: string;
  /**
   * {@link RunRecordParams} plus `sensitivity`; older runs may lack fields and keep the threshold used as a
   * number in `threshold`, so readers check each field's type.
   */
  params: Record<string, unknown>;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'done' | 'cancelled' | 'failed' | 'interrupted';
  patchCount: number;
  [field: string]: unknown;
}

let engine: DetectEngine | null = null;

/** Called once by the module that owns the detection worker. */
export function registerDetectEngine(value: DetectEngine): void {
  engine = value;
}

/** The detection panel's choices and the running job. */
class DetectionState {
  t1 = $state<string | null>(null);
  t2 = $state<string | null>(null);
  auto = $state(true);
  /** Search control zones outside red lines too (ticked by the user; only offered with a control-zone layer). */
  searchControlZones = $state(false);
  sensitivity = $state(0.5);
  // The tuned global minimum mapping unit, as `npm run detect` uses it (the panel can change it).
  minArea = $state(DEFAULT_DETECT_PARAMS.minAreaM2);
  unit = $state<AreaUnit>('m2');
  running = $state(false);
  lastCount = $state<number | null>(null);
  lastThreshold = $state<string>('');
  /** What the last finished run says about its imagery and threshold. */
  lastProvenance = $state.raw<RunProvenance | null>(null);
  /** The project the last result belongs to: another project's result is not shown. */
  lastProject = $state<string | null>(null);

  /** The last result, when it is of the open project. */
  get result(): { count: number; threshold: string; provenance: RunProvenance | null } | null {
    if (this.lastCount === null || this.lastProject !== project.current?.id) return null;
    return { count: this.lastCount, threshold: this.lastThreshold, provenance: this.lastProvenance };
  }

  get available(): boolean {
    return engine !== null;
  }

  /**
   * Defaults: the two scenes in label order (labels follow the dates once two dated scenes are imported). A
   * choice of two different existing scenes is kept.
   */
  pickScenes(): void {
    const ids = new Set(scenes.scenes.map((scene) => scene.record.id));
    if (this.t1 && this.t2 && this.t1 !== this.t2 && ids.has(this.t1) && ids.has(this.t2)) return;
    const ordered = [...scenes.scenes].sort((a, b) => a.record.label.localeCompare(b.record.label));
    this.t1 = ordered[0]?.record.id ?? null;
    this.t2 = ordered[1]?.record.id ?? null;
  }

  /** Label the two scenes by date and select them: T1 the earlier, T2 the later. Null when dates cannot say. */
  async chooseByDate(): Promise<{ t1: Scene['record']; t2: Scene['record'] } | null> {
    const pair = await scenes.labelByDate();
    if (!pair) return null;
    this.t1 = pair.t1.id;
    this.t2 = pair.t2.id;
    return pair;
  }

  /** The chosen pair, or null. */
  #pair(): [Scene, Scene] | null {
    const one = scenes.scenes.find((s) => s.record.id === this.t1);
    const two = scenes.scenes.find((s) => s.record.id === this.t2);
    return one && two ? [one, two] : null;
  }

  /**
   * Which bands the run will read and which features are off; throws the request's typed error when the roles
   * do not fit the files or the footprints do not meet.
   */
  plan(): DetectPlan {
    const pair = this.#pair();
    if (!pair) throw new DetectionSetupError('scenes_missing');
    const [one, two] = pair;
    if (one.record.id === two.record.id) throw new DetectionSetupError('same_scene');
    const plan = planFromRoles(one.record.bandRoles, two.record.bandRoles, {
      t1: one.info.bands,
      t2: two.info.bands,
    });
    const [a, b] = [one.bounds, two.bounds];
    if (a[0] >= b[2] || b[0] >= a[2] || a[1] >= b[3] || b[1] >= a[3])
      throw new DetectionSetupError('no_overlap');
    return plan;
  }

  /** The two dates' seasons when they differ (latitude of T2's centre decides the hemisphere). */
  seasons(): { t1: Season; t2: Season; d1: string; d2: string } | null {
    const pair = this.#pair();
    if (!pair) return null;
    const [one, two] = pair;
    const latitude = (two.bounds[1] + two.bounds[3]) / 2;
    const mismatch = seasonMismatch(one.record.acquiredOn, two.record.acquiredOn, latitude);
    return mismatch && one.record.acquiredOn && two.record.acquiredOn
      ? { ...mismatch, d1: one.record.acquiredOn, d2: two.record.acquiredOn }
      : null;
  }

  /**
   * Everything that can be known to be wrong before a run, checked before anything is stored: the scenes,
   * the engine, the roles against the files, and whether the footprints meet.
   */
  preflight(): { projectId: string; one: Scene; two: Scene; engine: DetectEngine } {
    const projectId = project.current?.id;
    if (!projectId) throw new DetectionSetupError('no_project');
    if (!engine) throw new DetectionSetupError('engine_missing');
    const pair = this.#pair();
    if (!pair) throw new DetectionSetupError('scenes_missing');
    this.plan();
    const [one, two] = pair;
    return { projectId, one, two, engine };
  }

  /** Show a finished run's result (its project, count, threshold and what the engine decided). */
  showResult(projectId: string, count: number, outcome: DetectOutcome): void {
    this.lastCount = count;
    this.lastProvenance = outcome.provenance ?? outcome.params.provenance;
    this.lastProject = projectId;
    this.lastThreshold = formatThreshold(outcome.params.thresholdUsed);
  }
}

export const detection = new DetectionState();

/** The statistic's threshold with three significant digits (on normalised bands it is often well below 0.001). */
function formatThreshold(value: number): string {
  return value !== 0 && Math.abs(value) < 0.01 ? value.toPrecision(3) : value.toFixed(3);
}
