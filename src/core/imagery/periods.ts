/**
 * Imagery periods: a period (2025Q4, 2025 下半年 …) holds any number of scenes of one monitoring date range.
 * Pure rules: migrating projects of one T1 and one T2 scene, ordering periods, and choosing which scene of a
 * period detection uses while it still runs on one pair.
 */
import type { BBox } from '../geo/rings.ts';

/** A period as stored (one record per period, scoped to its project). */
export interface PeriodFields {
  id: string;
  projectId: string;
  schemaVersion: 1;
  label: string;
  /** First and last day (YYYY-MM-DD) of the range; null while unknown. */
  start: string | null;
  end: string | null;
  createdAt: string;
}

/** How a scene's bytes are kept: copied into the browser's storage, or read from the user's file each time. */
export type SceneStorage = 'copied' | 'in_place';

/** The fields a scene record of today's shape (schema 1: no period, always copied) has that migration reads. */
export interface LegacySceneFields {
  schemaVersion: number;
  id: string;
  projectId: string;
  label: string;
  acquiredOn: string | null;
  periodId?: string;
  storage?: SceneStorage;
}

/**
 * Scenes stored before periods (a T1 and a T2 scene) become one period each, labelled as the scene was and
 * dated by its acquisition date; nothing of the scene record is dropped. Records already in a period are kept
 * as they are. Periods are returned in label order.
 */
export function migrateScenes<S extends LegacySceneFields>(
  records: readonly S[],
  newId: () => string,
  now: string,
): {
  scenes: (S & { schemaVersion: 2; periodId: string; storage: SceneStorage })[];
  periods: PeriodFields[];
} {
  const periods: PeriodFields[] = [];
  const scenes = [...records]
    .sort((a, b) => a.label.localeCompare(b.label))
    .map((record) => {
      if (record.schemaVersion >= 2 && record.periodId) {
        return {
          ...record,
          schemaVersion: 2 as const,
          periodId: record.periodId,
          storage: record.storage ?? 'copied',
        };
      }
      const period: PeriodFields = {
        id: newId(),
        projectId: record.projectId,
        schemaVersion: 1,
        label: record.label || record.acquiredOn || 'T',
        start: record.acquiredOn,
        end: record.acquiredOn,
        createdAt: now,
      };
      periods.push(period);
      return { ...record, schemaVersion: 2 as const, periodId: period.id, storage: 'copied' as const };
    });
  return { scenes, periods };
}

/** Periods by start date (undated last), then label: T1 before T2, 2025Q2 before 2025Q4. */
export function orderPeriods<P extends Pick<PeriodFields, 'label' | 'start'>>(periods: readonly P[]): P[] {
  return [...periods].sort((a, b) => {
    if (a.start && b.start && a.start !== b.start) return a.start.localeCompare(b.start);
    if (a.start && !b.start) return -1;
    if (!a.start && b.start) return 1;
    return a.label.localeCompare(b.label, 'zh');
  });
}

/** Why a label or range was refused, as a code the panel puts into words. */
export type PeriodProblem = 'label_empty' | 'label_taken' | 'range_order' | 'date';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Check a period being created or edited against the project's other periods. */
export function periodProblem(
  edit: { id?: string; label: string; start: string | null; end: string | null },
  others: readonly Pick<PeriodFields, 'id' | 'label'>[],
): PeriodProblem | null {
  const label = edit.label.trim();
  if (!label) return 'label_empty';
  if (others.some((other) => other.id !== edit.id && other.label.trim() === label)) return 'label_taken';
  for (const day of [edit.start, edit.end]) if (day !== null && !DAY.test(day)) return 'date';
  if (edit.start && edit.end && edit.start > edit.end) return 'range_order';
  return null;
}

/** A scene as the pair choice sees it. */
export interface SceneCandidate {
  id: string;
  /** Footprint, lon/lat. */
  bounds: BBox;
  /** Cloud share 0..1, null when unknown. */
  cloudShare: number | null;
  acquiredOn: string | null;
}

/** Area of the overlap of two lon/lat boxes, in degree² scaled by cos(latitude) (enough to rank scenes). */
function overlapArea(a: BBox, b: BBox): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  const lat = (Math.max(a[1], b[1]) + Math.min(a[3], b[3])) / 2;
  return w * h * Math.cos((lat * Math.PI) / 180);
}

/** The scene's score: red-line extent it covers, less the cloudy share (unknown cloud counts as none). */
export function sceneScore(scene: SceneCandidate, redlineBoxes: readonly BBox[]): number {
  const covered =
    redlineBoxes.length > 0
      ? redlineBoxes.reduce((sum, box) => sum + overlapArea(scene.bounds, box), 0)
      : overlapArea(scene.bounds, scene.bounds);
  return covered * (1 - (scene.cloudShare ?? 0));
}

/**
 * The scene of a period detection uses: the one covering the most red-line extent once its cloud is taken
 * off; ties go to less cloud (known before unknown), then the later date. Red lines are compared by their
 * features' boxes; without red lines, the scene's own footprint counts. Null for an empty period.
 */
export function bestScene<S extends SceneCandidate>(
  scenes: readonly S[],
  redlineBoxes: readonly BBox[],
): S | null {
  let best: S | null = null;
  let bestScore = -Infinity;
  for (const scene of scenes) {
    const score = sceneScore(scene, redlineBoxes);
    if (
      best === null ||
      score > bestScore + 1e-12 ||
      (Math.abs(score - bestScore) <= 1e-12 && better(scene, best))
    ) {
      best = scene;
      bestScore = score;
    }
  }
  return best;
}

function better(a: SceneCandidate, b: SceneCandidate): boolean {
  const ca = a.cloudShare ?? 2;
  const cb = b.cloudShare ?? 2;
  if (ca !== cb) return ca < cb;
  return (a.acquiredOn ?? '') > (b.acquiredOn ?? '');
}

/**
 * Cloud share from an image's metadata when the provider wrote one (CLOUD_COVER, CloudPercent …). Keys that
 * name a percentage or cover, and any value above 1, are read as percent; others as a fraction. Null when no
 * such key holds a number in range.
 */
export function cloudShareFromMetadata(metadata: Readonly<Record<string, string>>): number | null {
  for (const [key, raw] of Object.entries(metadata)) {
    if (!/cloud/i.test(key)) continue;
    const value = Number.parseFloat(raw);
    if (!Number.isFinite(value) || value < 0 || value > 100) continue;
    return value > 1 || /percent|pct|cover/i.test(key) ? value / 100 : value;
  }
  return null;
}
