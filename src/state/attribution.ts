import * as Comlink from 'comlink';
import type { FeatureCollection } from 'geojson';
import type { GeometryApi, GeometryLayers, AttributeResult } from '../../workers/geometry-api.ts';
import type { PatchInput } from '../core/geo/attributes.ts';
import type { AdminFeature } from '../core/geo/admin-join.ts';
import type { AreaFeature } from '../core/geo/spatial-index.ts';
import { adminFeaturesOf, areaFeaturesOf, seatsOfAdminLayers } from '../core/geo/reference-layers.ts';
import type { NamedPoint } from '../core/geo/location.ts';
import { PROVINCES_URL } from '../map/basemap-layers.ts';
import { getSetting, putSetting } from '../store/settings.ts';
import { layers } from './layers.svelte.ts';
import { bundledSeats, divisionNames } from './reference-data.ts';

let client: Comlink.Remote<GeometryApi> | null = null;

/** The geometry worker: exact overlay, ellipsoidal areas and the admin join never run on the main thread. */
export function geometryWorker(): Comlink.Remote<GeometryApi> {
  if (!client) {
    const worker = new Worker(new URL('../../workers/geometry.worker.ts', import.meta.url), {
      type: 'module',
    });
    client = Comlink.wrap<GeometryApi>(worker);
  }
  return client;
}

function areaFeatures(kind: 'redline' | 'reserve' | 'control_zone'): AreaFeature[] {
  return layers.ofKind(kind).flatMap(({ record, features }) => areaFeaturesOf(record.id, features));
}

/** Admin polygons: the project's admin layers, then the bundled province outlines for whatever they miss. */
async function adminFeatures(): Promise<AdminFeature[]> {
  const response = await fetch(PROVINCES_URL);
  const provinces = response.ok ? ((await response.json()) as FeatureCollection) : null;
  return adminFeaturesOf(
    layers.ofKind('admin').map(({ features }) => features),
    provinces,
  );
}

/**
 * Seats for the location text: those of the project's admin layers only (their points, and the bundled seats
 * of their units). The text names a seat only where admin polygons cover the patch and the seat is within
 * 50 km (core/geo/location); elsewhere it gives coordinates.
 */
async function namedPoints(): Promise<NamedPoint[]> {
  const admin = layers.ofKind('admin').map(({ features }) => features);
  return seatsOfAdminLayers(admin, await bundledSeats());
}

/** Build the reference layers and send them to the worker under one key. */
export async function prepareAttribution(key: string): Promise<void> {
  const names: Record<string, string> = {};
  for (const [code, entry] of await divisionNames()) names[code] = entry.name;
  const request: GeometryLayers = {
    redlines: areaFeatures('redline'),
    reserves: areaFeatures('reserve'),
    controlZones: areaFeatures('control_zone'),
    admin: await adminFeatures(),
    namedPoints: await namedPoints(),
    names,
  };
  await geometryWorker().prepare(key, request);
}

/**
 * Attribute patches (ellipsoidal areas, red-line overlap minus reserves, admin units, location). Ids the worker
 * gives patches without one are provisional: serial numbers are allocated only when patches are committed to
 * the ledger (patch-serials.ts), so a preview, a cancelled or a failed run spends none.
 */
export async function attribute(
  projectId: string,
  key: string,
  patches: PatchInput[],
  year: number,
  signal: AbortSignal,
  onProgress: (done: number, total: number) => void,
): Promise<AttributeResult> {
  void projectId;
  const jobId = Math.floor(Math.random() * 2 ** 31);
  const onAbort = (): void => void geometryWorker().cancel(jobId);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await geometryWorker().attribute(
      jobId,
      key,
      patches,
      { year, issued: {} },
      Comlink.proxy(onProgress),
    );
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** Where a project's highest issued serial per `<county>-<year>` is kept. */
export const issuedSerialsKey = (projectId: string): string => `patch-ids:${projectId}`;

/** The stored serial marks of a project, and a way to raise them. */
export async function loadSerialMarks(projectId: string): Promise<Record<string, number>> {
  return (await getSetting<Record<string, number>>(issuedSerialsKey(projectId))) ?? {};
}

export async function saveSerialMarks(projectId: string, marks: Record<string, number>): Promise<void> {
  await putSetting(issuedSerialsKey(projectId), marks);
}
