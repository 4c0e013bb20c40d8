/**
 * Vector sums of the assessment, per zone: red-line area now and at the baseline, county area, natural
 * ecological land inside red lines (vector land cover), and human-activity patch area by type. Zones are
 * numbered as the raster jobs number them: 1…K for the counties in input order, K + 1 for red-line area
 * outside every county. Areas are ellipsoidal (CGCS2000), in hectares.
 */
import { geodesicAreaM2, M2_PER_HA } from '../geo/area.ts';
import { cropToBox, expandBox, intersection, relateToPatch, subtract } from '../geo/overlay.ts';
import { bboxOf, pointInAreal, polygonsOf, type Areal, type BBox } from '../geo/rings.ts';
import { FeatureIndex } from '../geo/spatial-index.ts';
import { isNaturalClass } from './landcover.ts';

/** A county (区县) polygon. */
export interface CountyUnit {
  code: string;
  name: string;
  geometry: Areal;
}

/** A human-activity patch as the assessment needs it (one county per patch, by its representative point). */
export interface PatchFact {
  id: string;
  activityType: string | null;
  /** Area inside red lines, hectares (`patch.redline_ha`). */
  redlineHa: number;
  lon: number;
  lat: number;
}

/** A land-cover polygon and its class value (from the attribute the user chose). */
export interface LandCoverFeature {
  geometry: Areal;
  cls: string;
}

export interface VectorAssessmentInput {
  counties: readonly CountyUnit[];
  redlines: readonly Areal[];
  /** Red lines of the baseline (e.g. the approved delimitation); null when no baseline was chosen. */
  baseline: readonly Areal[] | null;
  patches: readonly PatchFact[];
  /** Vector land cover and the classes counted as natural ecological land; null when not assessed. */
  landCover: { features: readonly LandCoverFeature[]; natural: readonly string[] } | null;
}

/** Raw sums of one zone. */
export interface ZoneSums {
  countyHa: number | null;
  redlineHa: number;
  baselineHa: number | null;
  naturalHa: number | null;
  /** Patch area inside red lines by activity type (`unclassified` for patches without a type). */
  activityHa: Record<string, number>;
  patchCount: number;
}

/** Sums per zone (index 0 is zone 1); the last entry is red-line area outside every county. */
export interface VectorSums {
  zones: ZoneSums[];
}

/** Thrown when the assessment is cancelled. */
export class AssessmentCancelledError extends Error {
  constructor() {
    super('assessment cancelled');
    this.name = 'AssessmentCancelledError';
  }
}

const ha = (m2: number): number => m2 / M2_PER_HA;

function probeOf(geometry: Areal): [number, number] | null {
  const p = polygonsOf(geometry)[0]?.[0]?.[0];
  return p ? [p[0] as number, p[1] as number] : null;
}

/** `piece ∩ container` without clipping when the container holds the piece whole or misses it. */
export function clipTo(piece: Areal, pieceBox: BBox, container: Areal, containerBox: BBox): Areal | null {
  const probe = probeOf(piece);
  if (!probe) return null;
  const relation = relateToPatch(container, containerBox, piece, pieceBox, probe);
  if (relation === 'disjoint') return null;
  if (relation === 'contains') return piece;
  const near = cropToBox(container, expandBox(pieceBox));
  return near ? intersection(piece, near) : null;
}

/**
 * Split polygons by the counties: pieces[z] are the parts of the polygons in zone z + 1 (the last zone
 * holds what lies outside every county). Counties are assumed not to overlap (administrative divisions).
 */
export function splitByCounties(polygons: readonly Areal[], counties: readonly CountyUnit[]): Areal[][] {
  const boxes = counties.map((c) => bboxOf(c.geometry));
  const pieces: Areal[][] = Array.from({ length: counties.length + 1 }, () => []);
  for (const polygon of polygons) {
    const box = bboxOf(polygon);
    const total = geodesicAreaM2(polygon);
    let assigned = 0;
    counties.forEach((county, k) => {
      const part = clipTo(polygon, box, county.geometry, boxes[k] as BBox);
      if (!part) return;
      const m2 = geodesicAreaM2(part);
      if (m2 <= 0) return;
      assigned += m2;
      pieces[k]?.push(part);
    });
    // What no county took: the rest of the polygon (exactly the polygon when no county met it).
    if (assigned === 0) pieces[counties.length]?.push(polygon);
    else if (total - assigned > Math.max(1, total * 1e-9)) {
      // Only the counties near the polygon, cropped to it, go to the clipper.
      const near = counties
        .map((county) => cropToBox(county.geometry, expandBox(box)))
        .filter((g): g is Areal => g !== null);
      const rest = subtract(polygon, near);
      if (rest && geodesicAreaM2(rest) > 0) pieces[counties.length]?.push(rest);
    }
  }
  return pieces;
}

function sumHa(pieces: readonly Areal[]): number {
  return pieces.reduce((sum, piece) => sum + ha(geodesicAreaM2(piece)), 0);
}

/** Natural land area (ha) inside the pieces of one zone. */
function naturalInside(pieces: readonly Areal[], natural: FeatureIndex): number {
  let m2 = 0;
  for (const piece of pieces) {
    const box = bboxOf(piece);
    for (const i of natural.search(box)) {
      const feature = natural.features[i];
      if (!feature) continue;
      const part = clipTo(feature.geometry, natural.boxes[i] as BBox, piece, box);
      if (part) m2 += geodesicAreaM2(part);
    }
  }
  return ha(m2);
}

/** Zone (1…K, or K + 1 outside every county) of a point. */
export function zoneOfPoint(
  lon: number,
  lat: number,
  counties: readonly CountyUnit[],
  index: FeatureIndex,
): number {
  for (const i of index.searchPoint(lon, lat)) {
    const county = counties[i];
    if (county && pointInAreal(lon, lat, county.geometry) !== 'outside') return i + 1;
  }
  return counties.length + 1;
}

/**
 * All vector sums of an assessment. `checkpoint` is called between pieces of work (progress, and a place
 * to throw `AssessmentCancelledError`).
 */
export function assessVector(
  input: VectorAssessmentInput,
  checkpoint: (share: number) => void = () => {},
): VectorSums {
  const { counties } = input;
  const zoneCount = counties.length + 1;
  const zones: ZoneSums[] = Array.from({ length: zoneCount }, (_, z) => ({
    countyHa: z < counties.length ? ha(geodesicAreaM2((counties[z] as CountyUnit).geometry)) : null,
    redlineHa: 0,
    baselineHa: input.baseline ? 0 : null,
    naturalHa: input.landCover ? 0 : null,
    activityHa: {},
    patchCount: 0,
  }));
  checkpoint(0.05);
  const redPieces = splitByCounties(input.redlines, counties);
  redPieces.forEach((pieces, z) => ((zones[z] as ZoneSums).redlineHa = sumHa(pieces)));
  checkpoint(0.35);
  if (input.baseline) {
    splitByCounties(input.baseline, counties).forEach(
      (pieces, z) => ((zones[z] as ZoneSums).baselineHa = sumHa(pieces)),
    );
  }
  checkpoint(0.6);
  if (input.landCover) {
    const natural = input.landCover.natural;
    const kept = input.landCover.features
      .filter((f) => isNaturalClass(f.cls, natural))
      .map((f, i) => ({ id: String(i), geometry: f.geometry }));
    const index = new FeatureIndex(kept);
    redPieces.forEach((pieces, z) => {
      (zones[z] as ZoneSums).naturalHa = naturalInside(pieces, index);
      checkpoint(0.6 + (0.3 * (z + 1)) / zoneCount);
    });
  }
  const countyIndex = new FeatureIndex(counties.map((c) => ({ id: c.code, geometry: c.geometry })));
  for (const patch of input.patches) {
    const zone = zones[zoneOfPoint(patch.lon, patch.lat, counties, countyIndex) - 1] as ZoneSums;
    const type = patch.activityType || 'unclassified';
    zone.activityHa[type] = (zone.activityHa[type] ?? 0) + patch.redlineHa;
    zone.patchCount += 1;
  }
  checkpoint(1);
  return { zones };
}
