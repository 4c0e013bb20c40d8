import Flatbush from 'flatbush';
import { bboxOf, type Areal, type BBox } from './rings.ts';

/** A polygonal feature of a reference layer (red line, reserve, admin unit…). */
export interface AreaFeature {
  /** Stable feature id (layer-local fid or a code), reported back in overlap lists. */
  id: string;
  geometry: Areal;
}

/**
 * A static packed R-tree (flatbush) over polygon features so that each query only tests features whose
 * bounding box meets the query box. Boxes are kept alongside for cheap containment pre-checks.
 */
export class FeatureIndex<F extends AreaFeature = AreaFeature> {
  readonly features: readonly F[];
  readonly boxes: readonly BBox[];
  private readonly tree: Flatbush | null;

  constructor(features: readonly F[]) {
    this.features = features;
    this.boxes = features.map((f) => bboxOf(f.geometry));
    if (features.length === 0) {
      this.tree = null; // flatbush refuses zero items
      return;
    }
    const tree = new Flatbush(features.length);
    for (const [minX, minY, maxX, maxY] of this.boxes) tree.add(minX, minY, maxX, maxY);
    tree.finish();
    this.tree = tree;
  }

  /** Number of indexed features. */
  get size(): number {
    return this.features.length;
  }

  /** Indexes (into `features`) of the features whose box meets the closed query box, ascending. */
  search(box: BBox): number[] {
    if (!this.tree) return [];
    return this.tree.search(box[0], box[1], box[2], box[3]).sort((a, b) => a - b);
  }

  /** Indexes of the features whose box contains the point, ascending. */
  searchPoint(x: number, y: number): number[] {
    return this.search([x, y, x, y]);
  }
}

/** A static index over named points; `nearestCandidates` pre-selects for an exact geodesic pass. */
export class PointIndex<P extends { lon: number; lat: number }> {
  readonly points: readonly P[];
  private readonly tree: Flatbush | null;

  constructor(points: readonly P[]) {
    this.points = points;
    if (points.length === 0) {
      this.tree = null;
      return;
    }
    const tree = new Flatbush(points.length);
    for (const p of points) tree.add(p.lon, p.lat, p.lon, p.lat);
    tree.finish();
    this.tree = tree;
  }

  /** Indexes of the `k` points nearest in plain degree space (a pre-selection, not a geodesic answer). */
  nearestInDegrees(x: number, y: number, k: number): number[] {
    return this.tree ? this.tree.neighbors(x, y, k) : [];
  }

  /** Indexes of the points inside the closed box. */
  within(box: BBox): number[] {
    return this.tree ? this.tree.search(box[0], box[1], box[2], box[3]) : [];
  }
}
