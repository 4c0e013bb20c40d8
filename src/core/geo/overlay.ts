import type { Feature, FeatureCollection, Position } from 'geojson';
import { difference, intersect, union } from '@turf/turf';
import { geodesicAreaM2 } from './area.ts';
import {
  arealFromPolygons,
  boundaryMeetsPatch,
  boundaryTouchesBox,
  GeometryError,
  pointInAreal,
  polygonsOf,
  ringBBox,
  bboxesIntersect,
  type Areal,
  type BBox,
} from './rings.ts';
import type { AreaFeature, FeatureIndex } from './spatial-index.ts';

/** How one reference feature relates to a patch. */
export type Relation = 'disjoint' | 'contains' | 'crossing';

/** Area of a patch inside one reference feature. */
export interface FeatureOverlap {
  id: string;
  m2: number;
}

/** Result of patch ∩ red lines − reserves. */
export interface PatchOverlay {
  /** Part of the patch inside any red line and outside every reserve; null when empty. */
  redline: Areal | null;
  /** Ellipsoidal area of `redline`, m². */
  redlineM2: number;
  /** Area of the patch inside each red-line feature it meets (a patch may meet several). */
  redlines: FeatureOverlap[];
  /** Area of the patch inside each reserve it meets (excluded from `redline`). */
  reserves: FeatureOverlap[];
}

/**
 * Classifies a feature against the patch's box exactly: if no edge of the feature comes near the box, the
 * whole box lies in one face of the feature, and one point decides inside or outside without clipping.
 */
export function relateToBox(feature: Areal, featureBox: BBox, patchBox: BBox, probe: Position): Relation {
  if (!bboxesIntersect(featureBox, patchBox)) return 'disjoint';
  if (boundaryTouchesBox(feature, patchBox)) return 'crossing';
  const where = pointInAreal(probe[0] as number, probe[1] as number, feature);
  if (where === 'inside') return 'contains';
  if (where === 'outside') return 'disjoint';
  return 'crossing';
}

/**
 * Relation of a feature to the patch itself: the box test first, then, for features whose boundary comes
 * near the patch, an edge-by-edge test, so only features whose boundary really meets the patch are clipped.
 */
export function relateToPatch(
  feature: Areal,
  featureBox: BBox,
  patch: Areal,
  patchBox: BBox,
  probe: Position,
): Relation {
  const byBox = relateToBox(feature, featureBox, patchBox, probe);
  if (byBox !== 'crossing' || boundaryMeetsPatch(feature, patch, patchBox)) return byBox;
  // No boundary contact: each part of the patch lies in a single face, but parts may lie in different ones.
  let inside = 0;
  let outside = 0;
  for (const polygon of polygonsOf(patch)) {
    const vertex = polygon[0]?.[0];
    if (!vertex) continue;
    const where = pointInAreal(vertex[0] as number, vertex[1] as number, feature);
    if (where === 'inside') inside += 1;
    else if (where === 'outside') outside += 1;
    else return 'crossing';
  }
  return outside === 0 ? 'contains' : inside === 0 ? 'disjoint' : 'crossing';
}

/** Sutherland–Hodgman clip of one ring to an axis-aligned box; returns a closed ring or null if degenerate. */
function cropRing(ring: Position[], box: BBox): Position[] | null {
  let points = ring;
  for (let side = 0; side < 4; side += 1) {
    const axis = side % 2; // 0: x, 1: y
    const limit = box[side] as number;
    const keep = side < 2 ? (v: number) => v >= limit : (v: number) => v <= limit;
    const out: Position[] = [];
    for (let i = 0; i < points.length; i += 1) {
      const a = points[i] as Position;
      const b = points[(i + 1) % points.length] as Position;
      const av = a[axis] as number;
      const bv = b[axis] as number;
      if (keep(av)) out.push(a);
      if (keep(av) !== keep(bv)) {
        const t = (limit - av) / (bv - av);
        const cut: Position = axis === 0 ? [limit, 0] : [0, limit];
        const other = 1 - axis;
        cut[other] = (a[other] as number) + t * ((b[other] as number) - (a[other] as number));
        out.push(cut);
      }
    }
    points = out;
    if (points.length < 3) return null;
  }
  const first = points[0] as Position;
  return [...points, [first[0] as number, first[1] as number]];
}

/**
 * Crops a (large) feature to a box slightly larger than the patch box, so the exact clipper only sees the
 * few edges near the patch. The cut edges lie on the enlarged box, strictly outside the patch, so the
 * patch ∩ feature result is unchanged.
 */
export function cropToBox(geometry: Areal, box: BBox): Areal | null {
  const polygons: Position[][][] = [];
  for (const polygon of polygonsOf(geometry)) {
    const outer = polygon[0];
    if (!outer || !bboxesIntersect(ringBBox(outer), box)) continue;
    const cropped = cropRing(outer, box);
    if (!cropped) continue;
    const rings = [cropped];
    for (let h = 1; h < polygon.length; h += 1) {
      const hole = polygon[h] as Position[];
      // A hole whose box misses the crop box cannot cover any of it.
      if (!bboxesIntersect(ringBBox(hole), box)) continue;
      const croppedHole = cropRing(hole, box);
      if (croppedHole) rings.push(croppedHole);
    }
    polygons.push(rings);
  }
  return arealFromPolygons(polygons);
}

/** The patch box grown by a margin so crop artefacts stay clear of the patch. */
export function expandBox(box: BBox): BBox {
  const margin = Math.max(1e-7, 0.05 * Math.max(box[2] - box[0], box[3] - box[1]));
  return [box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin];
}

function collection(geometries: Areal[]): FeatureCollection<Areal> {
  const features: Feature<Areal>[] = geometries.map((geometry) => ({
    type: 'Feature',
    properties: {},
    geometry,
  }));
  return { type: 'FeatureCollection', features };
}

/** Exact a ∩ b (turf / polyclip-ts); null when they share no area. */
export function intersection(a: Areal, b: Areal): Areal | null {
  return intersect(collection([a, b]))?.geometry ?? null;
}

/** Exact a − (b₁ ∪ b₂ …); null when nothing remains. */
export function subtract(a: Areal, subtrahends: Areal[]): Areal | null {
  if (subtrahends.length === 0) return a;
  return difference(collection([a, ...subtrahends]))?.geometry ?? null;
}

/** Exact union of pieces; null for none. */
export function unionAll(pieces: Areal[]): Areal | null {
  if (pieces.length <= 1) return pieces[0] ?? null;
  return union(collection(pieces))?.geometry ?? null;
}

/** Thrown when the clipper fails on a geometry (typically a badly self-intersecting hand-drawn ring). */
export class OverlayError extends GeometryError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OverlayError';
  }
}

interface LayerOverlap {
  /** Some feature contains the whole patch. */
  covered: boolean;
  /** Pieces of the patch inside features that cross its boundary. */
  pieces: Areal[];
  /** Those crossing features, cropped to the enlarged patch box (same order as `pieces`). */
  cropped: Areal[];
  overlaps: FeatureOverlap[];
}

/** Patch ∩ each candidate feature of one layer, skipping the clipper for features that contain the patch. */
function overlapLayer(
  patch: Areal,
  patchBox: BBox,
  patchM2: number,
  index: FeatureIndex<AreaFeature>,
): LayerOverlap {
  const result: LayerOverlap = { covered: false, pieces: [], cropped: [], overlaps: [] };
  const probe = polygonsOf(patch)[0]?.[0]?.[0];
  if (!probe) return result;
  let cropBox: BBox | null = null;
  for (const i of index.search(patchBox)) {
    const feature = index.features[i] as AreaFeature;
    const relation = relateToPatch(feature.geometry, index.boxes[i] as BBox, patch, patchBox, probe);
    if (relation === 'disjoint') continue;
    if (relation === 'contains') {
      result.covered = true;
      result.overlaps.push({ id: feature.id, m2: patchM2 });
      continue;
    }
    cropBox ??= expandBox(patchBox);
    const near = cropToBox(feature.geometry, cropBox);
    if (!near) continue;
    let piece: Areal | null;
    try {
      piece = intersection(patch, near);
    } catch (error) {
      throw new OverlayError(`intersection with feature ${feature.id} failed`, { cause: error });
    }
    if (!piece) continue;
    const m2 = geodesicAreaM2(piece);
    if (m2 <= 0) continue;
    result.pieces.push(piece);
    result.cropped.push(near);
    result.overlaps.push({ id: feature.id, m2 });
  }
  return result;
}

/** Area already measured when the result is the patch itself or a single untouched piece. */
function knownArea(kept: Areal, patch: Areal, patchM2: number, red: LayerOverlap): number | undefined {
  if (kept === patch) return patchM2;
  // Without a covering feature, overlaps hold exactly the pieces, in the same order.
  if (!red.covered && red.pieces.length === 1 && kept === red.pieces[0]) return red.overlaps[0]?.m2;
  return undefined;
}

/**
 * Overlays one patch with the red-line and reserve layers: the part inside any red line minus every
 * reserve, its ellipsoidal area, and the overlap with each feature met. `patchM2` is the patch's own
 * ellipsoidal area (already computed by the caller; reused when a feature contains the whole patch).
 */
export function overlayPatch(
  patch: Areal,
  patchBox: BBox,
  patchM2: number,
  redlines: FeatureIndex<AreaFeature>,
  reserves: FeatureIndex<AreaFeature>,
): PatchOverlay {
  const red = overlapLayer(patch, patchBox, patchM2, redlines);
  const reserve = overlapLayer(patch, patchBox, patchM2, reserves);
  const result: PatchOverlay = {
    redline: null,
    redlineM2: 0,
    redlines: red.overlaps,
    reserves: reserve.overlaps,
  };
  if (reserve.covered || (!red.covered && red.pieces.length === 0)) return result;
  try {
    // Combine and subtract the (cropped) features rather than the pieces: pieces share edges with the
    // patch up to rounding, and clipping such near-collinear edges leaves needle-thin spikes.
    const inside = red.covered
      ? patch
      : red.pieces.length === 1
        ? (red.pieces[0] as Areal)
        : intersection(patch, unionAll(red.cropped) as Areal);
    if (!inside) return result;
    const kept = subtract(inside, reserve.cropped);
    if (!kept) return result;
    result.redline = kept;
    result.redlineM2 = knownArea(kept, patch, patchM2, red) ?? geodesicAreaM2(kept);
  } catch (error) {
    throw new OverlayError('union or difference of overlay pieces failed', { cause: error });
  }
  return result;
}
