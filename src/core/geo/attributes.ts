import {
  AdminJoiner,
  type AdminFeature,
  type AdminLevel,
  type AdminNameLookup,
  type AdminPlace,
} from './admin-join.ts';
import { areaMeasures, geodesicAreaM2, M2_PER_HA } from './area.ts';
import { interiorPoint } from './centroid.ts';
import { locationText, NamedPointLocator, type NamedPoint } from './location.ts';
import { overlayPatch, type FeatureOverlap } from './overlay.ts';
import { asPatchId, type PatchId } from '../ids.ts';
import { allocatePatchIds, type IssuedSequences } from './patch-id.ts';
import { bboxOf, GeometryError, type Areal } from './rings.ts';
import { FeatureIndex, type AreaFeature } from './spatial-index.ts';

/** Reference layers a batch of patches is attributed against (geometry in lon/lat degrees). */
export interface AttributionLayers {
  redlines: readonly AreaFeature[];
  reserves: readonly AreaFeature[];
  /** Ecological space control zones (生态空间管控区域); searched apart from red lines when given. */
  controlZones?: readonly AreaFeature[];
  admin: readonly AdminFeature[];
  /** Admin seats and other named features for the location text. */
  namedPoints: readonly NamedPoint[];
  /** Chinese names by GB/T 2260 code; the admin features' own names fill the gaps. */
  nameOf?: AdminNameLookup;
  /** English names by code, for the English location text. */
  nameEnOf?: AdminNameLookup;
}

/** Layers with their spatial indexes built once and reused for every batch. */
export interface PreparedLayers {
  redlines: FeatureIndex<AreaFeature>;
  reserves: FeatureIndex<AreaFeature>;
  controlZones: FeatureIndex<AreaFeature>;
  /** Red lines and reserves together: what is cut out of a control zone. */
  controlExclusions: FeatureIndex<AreaFeature>;
  admin: AdminJoiner;
  places: NamedPointLocator;
  nameEnOf: AdminNameLookup;
  /** Cache: county names of the reference points, filled on first use. */
  seatCounties: Map<NamedPoint, { zh?: string; en?: string }>;
}

/** Builds the indexes (flatbush over red lines, reserves, admin units and named points). */
export function prepareLayers(layers: AttributionLayers): PreparedLayers {
  return {
    redlines: new FeatureIndex(layers.redlines),
    reserves: new FeatureIndex(layers.reserves),
    controlZones: new FeatureIndex(layers.controlZones ?? []),
    controlExclusions: new FeatureIndex([...layers.redlines, ...layers.reserves]),
    admin: new AdminJoiner(layers.admin, layers.nameOf),
    places: new NamedPointLocator(layers.namedPoints),
    nameEnOf: layers.nameEnOf ?? (() => undefined),
    seatCounties: new Map(),
  };
}

/** A patch to attribute: detected (no id yet: one is allocated) or already known (its id is kept). */
export interface PatchInput {
  geometry: Areal;
  id?: string;
}

/** Red-line findings go to annexes 1–5; control-zone findings have their own list. */
export type PatchZone = 'redline' | 'control_zone';

/**
 * Zone of a patch from its overlaps: a patch touching a red line counts as red line (the stricter rule),
 * one found only in a control zone (outside red lines and reserves) as control zone.
 */
export function zoneOf(redlineHa: number, controlZoneHa: number): PatchZone {
  return redlineHa <= 0 && controlZoneHa > 0 ? 'control_zone' : 'redline';
}

/** Everything annex 1/4 and the verification sheet need about one patch. */
export interface PatchAttributes {
  id: PatchId;
  area_m2: number;
  area_ha: number;
  area_mu: number;
  /** Area inside red lines and outside reserves, 公顷. */
  redline_ha: number;
  /** Area inside control zones and outside every red line and reserve, 公顷 (absent: not searched). */
  control_zone_ha?: number;
  /** Where the finding belongs: red line when any part is inside one, control zone only otherwise (absent: red line). */
  zone?: PatchZone;
  /** Interior point (longitude, latitude). */
  cx: number;
  cy: number;
  province: string;
  province_code: string;
  city: string;
  city_code: string;
  county: string;
  county_code: string;
  township: string;
  township_code: string;
  location: string;
  location_en: string;
  /** Overlap with each red-line / reserve feature met, 公顷. */
  redlines: { id: string; ha: number }[];
  reserves: { id: string; ha: number }[];
  /** The part inside red lines minus reserves, when `keepGeometry` is set. */
  redline_geometry?: Areal | null;
}

/** Inputs of one attribution run besides the patches. */
export interface AttributionContext {
  layers: PreparedLayers;
  /** Year used in new ids. */
  year: number;
  /** Highest sequence ever issued per `<county>-<year>` (see patch-id.ts). */
  issued: IssuedSequences;
  /** County code for patches outside every admin polygon (default `000000`). */
  unknownCountyCode?: string;
}

/** Progress, cancellation and output switches. */
export interface AttributionOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Patches between yields to the event loop (so a worker can receive `cancel`). */
  yieldEvery?: number;
  keepGeometry?: boolean;
}

/** Thrown when the run is cancelled through its AbortSignal. */
export class AttributionCancelledError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('patch attribution cancelled', options);
    this.name = 'AttributionCancelledError';
  }
}

/** Thrown when one patch cannot be attributed; `patchIndex` points at it in the input. */
export class AttributionError extends GeometryError {
  constructor(
    readonly patchIndex: number,
    options?: { cause?: unknown },
  ) {
    super(`patch #${patchIndex} could not be attributed`, options);
    this.name = 'AttributionError';
  }
}

const toHa = (overlaps: FeatureOverlap[]) => overlaps.map((o) => ({ id: o.id, ha: o.m2 / M2_PER_HA }));
const unitOf = (place: AdminPlace, level: AdminLevel) => place[level] ?? { code: '', name: '' };

/** County of a reference point, found once per layer set: the text names the point's county (合浦县山口镇政府). */
function seatCounty(point: NamedPoint, layers: PreparedLayers): { zh?: string; en?: string } {
  let county = layers.seatCounties.get(point);
  if (!county) {
    const unit = layers.admin.locate(point.lon, point.lat).county;
    county = unit ? { zh: unit.name || undefined, en: layers.nameEnOf(unit.code, 'county') } : {};
    layers.seatCounties.set(point, county);
  }
  return county;
}

/** Attributes one patch, leaving the id to the caller. */
function attributeOne(patch: PatchInput, layers: PreparedLayers, keepGeometry: boolean) {
  const box = bboxOf(patch.geometry);
  const areaM2 = geodesicAreaM2(patch.geometry);
  const overlay = overlayPatch(patch.geometry, box, areaM2, layers.redlines, layers.reserves);
  // Control zone − red lines − reserves, with the same clipper as the red-line overlay.
  const controlM2 =
    layers.controlZones.features.length > 0
      ? overlayPatch(patch.geometry, box, areaM2, layers.controlZones, layers.controlExclusions).redlineM2
      : 0;
  const centre = interiorPoint(patch.geometry);
  const place = layers.admin.locate(centre.lon, centre.lat);
  const near = layers.places.nearest(centre.lon, centre.lat);
  const province = unitOf(place, 'province');
  const city = unitOf(place, 'city');
  const county = unitOf(place, 'county');
  const township = unitOf(place, 'township');
  // Bundled outlines reach province level only: a county or township means the user's admin data covers it.
  const covered = Boolean(place.county ?? place.township);
  const where = locationText(
    centre.lon,
    centre.lat,
    near,
    covered,
    near && covered ? seatCounty(near.point, layers) : undefined,
  );
  const measures = areaMeasures(areaM2);
  const attributes: Omit<PatchAttributes, 'id'> = {
    area_m2: measures.m2,
    area_ha: measures.ha,
    area_mu: measures.mu,
    redline_ha: overlay.redlineM2 / M2_PER_HA,
    control_zone_ha: controlM2 / M2_PER_HA,
    zone: zoneOf(overlay.redlineM2, controlM2),
    cx: centre.lon,
    cy: centre.lat,
    province: province.name,
    province_code: province.code,
    city: city.name,
    city_code: city.code,
    county: county.name,
    county_code: county.code,
    township: township.name,
    township_code: township.code,
    location: where.zh,
    location_en: where.en,
    redlines: toHa(overlay.redlines),
    reserves: toHa(overlay.reserves),
  };
  if (keepGeometry) attributes.redline_geometry = overlay.redline;
  return attributes;
}

const nextTick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Attributes a batch of patches: ellipsoidal area (m², 公顷, 亩), red-line overlap minus reserves, interior
 * centre, admin units, location text and, for patches without one, a new id
 * `<county>-<year>-<sequence>` after the highest ever issued. Returns the attributes in input order and
 * the updated high-water marks, which the caller must persist.
 */
export async function attributePatches(
  patches: readonly PatchInput[],
  context: AttributionContext,
  options: AttributionOptions = {},
): Promise<{ patches: PatchAttributes[]; issued: Record<string, number> }> {
  const { signal, onProgress, yieldEvery = 200, keepGeometry = false } = options;
  const rows: Omit<PatchAttributes, 'id'>[] = [];
  for (let i = 0; i < patches.length; i += 1) {
    if (signal?.aborted) throw new AttributionCancelledError({ cause: signal.reason });
    try {
      rows.push(attributeOne(patches[i] as PatchInput, context.layers, keepGeometry));
    } catch (error) {
      throw new AttributionError(i, { cause: error });
    }
    if ((i + 1) % yieldEvery === 0 && i + 1 < patches.length) {
      onProgress?.(i + 1, patches.length);
      if (signal) await nextTick();
    }
  }
  const unknown = context.unknownCountyCode ?? '000000';
  const needIds = patches.flatMap((p, i) => (p.id ? [] : [i]));
  const counties = needIds.map((i) => {
    const code = rows[i]?.county_code ?? '';
    return /^\d{6}$/.test(code) ? code : unknown;
  });
  const allocated = allocatePatchIds(counties, context.year, context.issued);
  const newIds = new Map(needIds.map((patchIndex, k) => [patchIndex, allocated.ids[k] as PatchId]));
  onProgress?.(patches.length, patches.length);
  return {
    patches: rows.map((row, i) => ({ id: newIds.get(i) ?? asPatchId(patches[i]?.id ?? ''), ...row })),
    issued: allocated.issued,
  };
}
