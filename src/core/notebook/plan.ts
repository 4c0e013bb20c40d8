/**
 * The monitoring plan as data: areas marked with a cadence — an annual full-coverage pass, half-yearly or
 * quarterly passes over high-risk areas, instant checks of hot spots (领导批示, 督察, 舆情) — and which of them
 * are due or overdue for new imagery given the scenes' acquisition dates. Dates are civil `YYYY-MM-DD`.
 */
import { z } from 'zod';

export const PLAN_SCHEMA_VERSION = 1;
export const FREQUENCIES = ['annual', 'half_yearly', 'quarterly', 'bimonthly', 'instant'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const PLAN_SOURCES = ['routine', 'high_risk', 'leader', 'inspection', 'opinion'] as const;

/** Months between passes (instant checks have a deadline in days instead). */
const MONTHS: Record<Exclude<Frequency, 'instant'>, number> = {
  annual: 12,
  half_yearly: 6,
  quarterly: 3,
  bimonthly: 2,
};
/** Months between passes of a periodic frequency (undefined for instant checks). */
export const frequencyMonths = (f: Frequency): number | undefined =>
  f === 'instant' ? undefined : MONTHS[f];
/** Days allowed for an instant check. */
export const INSTANT_DAYS = 7;
/** An area is "due" this many days before its date. */
export const DUE_WINDOW_DAYS = 30;

const IsoDate = z.iso.date();
const Bbox = z.tuple([z.number(), z.number(), z.number(), z.number()]);
const Position = z.tuple([z.number().finite(), z.number().finite()]);
/** One outer ring, lon/lat, closed or not (at least three distinct corners). */
const Ring = z.array(Position).min(3).max(100_000);

export type PlanBbox = [number, number, number, number];
export type PlanRing = [number, number][];

/** The rectangle of a box as a closed ring (how plans stored before polygons are read). */
export function boxRing(b: PlanBbox): PlanRing {
  return [
    [b[0], b[1]],
    [b[2], b[1]],
    [b[2], b[3]],
    [b[0], b[3]],
    [b[0], b[1]],
  ];
}

export function ringBox(ring: PlanRing): PlanBbox {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Twice the signed planar area of a ring (degrees²): enough to pick the largest part of a feature. */
function ringArea2(ring: readonly (readonly number[])[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as readonly number[];
    const b = ring[i] as readonly number[];
    sum += (a[0] ?? 0) * (b[1] ?? 0) - (b[0] ?? 0) * (a[1] ?? 0);
  }
  return Math.abs(sum);
}

/**
 * The outline a layer feature gives a plan area: the outer ring of a polygon, or of the largest part of a
 * multipolygon (holes are dropped: a pass over the area images them anyway). Null for other geometries.
 */
export function featureRing(geometry: { type: string; coordinates?: unknown }): PlanRing | null {
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates as number[][][]]
      : geometry.type === 'MultiPolygon'
        ? (geometry.coordinates as number[][][][])
        : [];
  const outers = polygons.map((p) => p[0]).filter((r): r is number[][] => Array.isArray(r) && r.length >= 3);
  if (outers.length === 0) return null;
  const largest = outers.reduce((a, b) => (ringArea2(b) > ringArea2(a) ? b : a));
  return largest.map((p) => [p[0] ?? 0, p[1] ?? 0]);
}

const PlanAreaObject = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1).max(200),
  frequency: z.enum(FREQUENCIES),
  source: z.enum(PLAN_SOURCES).default('routine'),
  /** The area's outline; `bbox` is kept as its bounding box (zoom, quick tests). */
  ring: Ring,
  bbox: Bbox,
  markedOn: IsoDate,
});

/** Areas stored before polygons have a `bbox` only: they are read as the polygon of the box. */
export const PlanAreaSchema = z.preprocess((raw) => {
  if (raw === null || typeof raw !== 'object') return raw;
  const r = raw as Record<string, unknown>;
  if (r.ring === undefined && Bbox.safeParse(r.bbox).success) {
    return { ...r, ring: boxRing(r.bbox as PlanBbox) };
  }
  if (r.bbox === undefined && Ring.safeParse(r.ring).success) {
    return { ...r, bbox: ringBox(r.ring as PlanRing) };
  }
  return raw;
}, PlanAreaObject);
export type PlanArea = z.infer<typeof PlanAreaObject>;

export const MonitoringPlanSchema = z.object({
  schemaVersion: z.literal(PLAN_SCHEMA_VERSION),
  id: z.string().min(1),
  projectId: z.string().min(1),
  recordType: z.literal('monitoring-plan'),
  areas: z.array(PlanAreaSchema).max(10_000),
});
export type MonitoringPlan = z.infer<typeof MonitoringPlanSchema>;

/** The plan record id of a project (one plan per project, stored with the notebooks). */
export const planId = (projectId: string): string => `plan-${projectId}`;

export function emptyPlan(projectId: string): MonitoringPlan {
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    id: planId(projectId),
    projectId,
    recordType: 'monitoring-plan',
    areas: [],
  };
}

function toDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}
function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Add months to a civil date, clamping to the month's last day (2024-01-31 + 1 month = 2024-02-29). */
export function addMonths(iso: string, months: number): string {
  const d = toDate(iso);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return toIso(target);
}

export function addDays(iso: string, days: number): string {
  const d = toDate(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return toIso(d);
}

/** A scene as the plan sees it: when it was acquired and what it covers. */
export interface Coverage {
  date: string | null;
  bbox: [number, number, number, number];
}

export type PlanStatus = 'ok' | 'due' | 'overdue' | 'covered';

export interface AreaStatus {
  area: PlanArea;
  /** Latest acquisition date of a scene covering the area (up to today), or null. */
  lastImage: string | null;
  dueOn: string;
  status: PlanStatus;
}

const meets = (a: Coverage['bbox'], b: Coverage['bbox']): boolean =>
  a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

function insideRing(x: number, y: number, ring: PlanRing): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function segmentsCross(
  a: [number, number],
  b: [number, number],
  c: [number, number],
  d: [number, number],
): boolean {
  const orient = (p: [number, number], q: [number, number], r: [number, number]): number =>
    Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return orient(a, b, c) * orient(a, b, d) <= 0 && orient(c, d, a) * orient(c, d, b) <= 0;
}

/**
 * Does a scene's box touch the area's polygon? A box beside a diagonal or L-shaped area can meet its
 * bounding box without touching the area itself; such a scene does not cover it.
 */
export function ringMeetsBox(ring: PlanRing, box: PlanBbox): boolean {
  if (!meets(ringBox(ring), box)) return false;
  if (ring.some(([x, y]) => x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3])) return true;
  const corners = boxRing(box);
  if (corners.some(([x, y]) => insideRing(x, y, ring))) return true;
  for (let i = 0; i + 1 < corners.length; i++) {
    for (let j = 0; j < ring.length; j++) {
      const p = ring[j] as [number, number];
      const q = ring[(j + 1) % ring.length] as [number, number];
      if (segmentsCross(corners[i] as [number, number], corners[i + 1] as [number, number], p, q)) {
        return true;
      }
    }
  }
  return false;
}

/**
 * Status of one area on `today`. Periodic areas are due one interval after their latest image (at once when
 * never imaged); instant checks must be covered by an image acquired on or after the day they were marked,
 * within INSTANT_DAYS.
 */
export function areaStatus(area: PlanArea, coverage: readonly Coverage[], today: string): AreaStatus {
  const dates = coverage
    .filter((c) => c.date !== null && c.date <= today && ringMeetsBox(area.ring, c.bbox))
    .map((c) => c.date as string)
    .sort();
  const lastImage = dates.at(-1) ?? null;
  if (area.frequency === 'instant') {
    const dueOn = addDays(area.markedOn, INSTANT_DAYS);
    const covered = lastImage !== null && lastImage >= area.markedOn;
    return { area, lastImage, dueOn, status: covered ? 'covered' : today > dueOn ? 'overdue' : 'due' };
  }
  const dueOn = lastImage ? addMonths(lastImage, MONTHS[area.frequency]) : area.markedOn;
  const status: PlanStatus =
    today > dueOn ? 'overdue' : today >= addDays(dueOn, -DUE_WINDOW_DAYS) ? 'due' : 'ok';
  return { area, lastImage, dueOn, status };
}

/** Status of every area, overdue first, then due, then by due date. */
export function planStatuses(
  plan: MonitoringPlan,
  coverage: readonly Coverage[],
  today: string,
): AreaStatus[] {
  const rank: Record<PlanStatus, number> = { overdue: 0, due: 1, ok: 2, covered: 3 };
  return plan.areas
    .map((area) => areaStatus(area, coverage, today))
    .sort((a, b) => rank[a.status] - rank[b.status] || a.dueOn.localeCompare(b.dueOn));
}
