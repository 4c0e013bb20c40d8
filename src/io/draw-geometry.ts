/**
 * A vector layer's geometry as flat, transferable buffers the map draws without looking at a single feature
 * object: polygons already triangulated (earcut, in the layer worker), their rings as outline paths, lines as
 * paths, points as positions. Each drawn part keeps the index of its feature (the row of the layer's Arrow table).
 *
 * Why: deck.gl's GeoJsonLayer converts and triangulates every feature on the page's thread when the layer is first
 * drawn. For 200,000 polygons that froze the page for seconds after the import had finished, and the features had
 * to exist as 200,000 objects on the page first.
 */
import earcut from 'earcut';
import type { Geometry, Position } from 'geojson';
import { decodeWkb } from '../core/geo/wkb.ts';

export interface DrawPolygons {
  /** Interleaved lon/lat of every ring vertex (rings closed, as stored). */
  positions: Float64Array;
  /** Vertex index where polygon i starts; length = polygons + 1. */
  starts: Uint32Array;
  /** Vertex index where ring i starts (outline paths); length = rings + 1. */
  ringStarts: Uint32Array;
  /** Triangles as absolute vertex indices. */
  indices: Uint32Array;
  /**
   * A coarse stand-in for `indices`: each polygon as at most two triangles between four vertices of its outer
   * ring, for drawing a very large layer while its polygons are a few pixels wide.
   */
  coarseIndices: Uint32Array;
  /** Median width or height (the larger) of the polygons' outer rings, in degrees. */
  typicalExtent: number;
  /** Box of polygon i's outer ring (west, south, east, north) at 4i..4i+3: the map draws what is near the view. */
  boxes: Float64Array;
  /** Position in `indices` of polygon i's first triangle; length = polygons + 1. */
  indexStarts: Uint32Array;
  /** Feature row of each polygon. */
  feature: Uint32Array;
}

export interface DrawLines {
  positions: Float64Array;
  /** Vertex index where path i starts; length = paths + 1. */
  starts: Uint32Array;
  feature: Uint32Array;
}

export interface DrawPoints {
  positions: Float64Array;
  feature: Uint32Array;
}

export interface DrawGeometry {
  featureCount: number;
  polygons: DrawPolygons;
  lines: DrawLines;
  points: DrawPoints;
}

/** A growable typed array: append, then `trimmed()` (a copy, so spare capacity is not kept alive). */
class Growable<T extends Float64Array | Uint32Array> {
  length = 0;
  constructor(
    private array: T,
    private readonly make: (n: number) => T,
  ) {}

  push(value: number): void {
    if (this.length === this.array.length) this.reserve(this.length + 1);
    this.array[this.length++] = value;
  }

  reserve(need: number): void {
    if (need <= this.array.length) return;
    const next = this.make(Math.max(need, this.array.length * 2));
    next.set(this.array.subarray(0, this.length));
    this.array = next;
  }

  /** Append without a capacity check: call `reserve` first. */
  append(value: number): void {
    this.array[this.length++] = value;
  }

  append2(a: number, b: number): void {
    this.array[this.length++] = a;
    this.array[this.length++] = b;
  }

  /** A view of `from..to` (valid until the next append that grows the array). */
  view(from: number, to: number): T {
    return this.array.subarray(from, to) as T;
  }

  trimmed(): T {
    return this.array.slice(0, this.length) as T;
  }
}

const floats = (): Growable<Float64Array> => new Growable(new Float64Array(1024), (n) => new Float64Array(n));
const uints = (): Growable<Uint32Array> => new Growable(new Uint32Array(256), (n) => new Uint32Array(n));

/** Builds a `DrawGeometry` feature by feature. */
export class DrawGeometryBuilder {
  private features = 0;
  private readonly polygon = {
    positions: floats(),
    starts: uints(),
    ringStarts: uints(),
    indices: uints(),
    coarseIndices: uints(),
    extents: floats(),
    boxes: floats(),
    indexStarts: uints(),
    feature: uints(),
  };
  private readonly line = { positions: floats(), starts: uints(), feature: uints() };
  private readonly point = { positions: floats(), feature: uints() };

  constructor() {
    this.polygon.starts.push(0);
    this.polygon.ringStarts.push(0);
    this.polygon.indexStarts.push(0);
    this.line.starts.push(0);
  }

  /** Add the geometry of feature row `row` (rows are added in order; a row may have no geometry). */
  add(row: number, geometry: Geometry | null): void {
    this.features = Math.max(this.features, row + 1);
    if (geometry) this.addGeometry(row, geometry);
  }

  private addGeometry(row: number, g: Geometry): void {
    switch (g.type) {
      case 'Point':
        this.addPoint(row, g.coordinates);
        break;
      case 'MultiPoint':
        for (const p of g.coordinates) this.addPoint(row, p);
        break;
      case 'LineString':
        this.addLine(row, g.coordinates);
        break;
      case 'MultiLineString':
        for (const line of g.coordinates) this.addLine(row, line);
        break;
      case 'Polygon':
        this.addPolygon(row, g.coordinates);
        break;
      case 'MultiPolygon':
        for (const polygon of g.coordinates) this.addPolygon(row, polygon);
        break;
      case 'GeometryCollection':
        for (const part of g.geometries) this.addGeometry(row, part);
        break;
    }
  }

  private addPoint(row: number, p: Position): void {
    const [x, y] = p;
    if (x === undefined || y === undefined) return;
    this.point.positions.push(x);
    this.point.positions.push(y);
    this.point.feature.push(row);
  }

  private addLine(row: number, line: Position[]): void {
    if (line.length < 2) return;
    const { positions, starts, feature } = this.line;
    for (const [x = NaN, y = NaN] of line) {
      positions.push(x);
      positions.push(y);
    }
    starts.push(positions.length / 2);
    feature.push(row);
  }

  private addPolygon(row: number, rings: Position[][]): void {
    const { positions, starts, ringStarts, indices, feature } = this.polygon;
    const kept = rings.filter((ring) => ring.length >= 4);
    const outer = kept[0];
    if (!outer) return;
    const first = positions.length / 2;
    this.addCoarse(first, outer);
    const holes: number[] = [];
    let count = 0;
    for (const ring of kept) count += ring.length;
    positions.reserve(positions.length + 2 * count);
    for (const ring of kept) {
      if (positions.length > 2 * first) holes.push(positions.length / 2 - first);
      for (const [x = NaN, y = NaN] of ring) positions.append2(x, y);
      ringStarts.push(positions.length / 2);
    }
    // Earcut reads the polygon straight from the buffer (nothing is appended until it returns).
    const flat = positions.view(2 * first, positions.length);
    const triangles = earcut(flat, holes.length > 0 ? holes : undefined, 2);
    indices.reserve(indices.length + triangles.length);
    for (const index of triangles) indices.append(first + index);
    this.polygon.indexStarts.push(indices.length);
    starts.push(positions.length / 2);
    feature.push(row);
  }

  /** Two triangles between four evenly spaced vertices of the outer ring (one triangle for a triangle). */
  private addCoarse(first: number, outer: Position[]): void {
    const distinct = outer.length - 1;
    const corners = Math.min(distinct, 4);
    const at = (j: number): number => first + Math.round((j * distinct) / corners);
    for (let j = 1; j + 1 < corners; j++) {
      this.polygon.coarseIndices.push(at(0));
      this.polygon.coarseIndices.push(at(j));
      this.polygon.coarseIndices.push(at(j + 1));
    }
    let [minx, miny, maxx, maxy] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x = NaN, y = NaN] of outer) {
      if (x < minx) minx = x;
      if (x > maxx) maxx = x;
      if (y < miny) miny = y;
      if (y > maxy) maxy = y;
    }
    this.polygon.extents.push(Math.max(maxx - minx, maxy - miny));
    for (const value of [minx, miny, maxx, maxy]) this.polygon.boxes.push(value);
  }

  finish(): DrawGeometry {
    const extents = this.polygon.extents.trimmed().sort();
    return {
      featureCount: this.features,
      polygons: {
        positions: this.polygon.positions.trimmed(),
        starts: this.polygon.starts.trimmed(),
        ringStarts: this.polygon.ringStarts.trimmed(),
        indices: this.polygon.indices.trimmed(),
        coarseIndices: this.polygon.coarseIndices.trimmed(),
        typicalExtent: extents[Math.floor(extents.length / 2)] ?? 0,
        boxes: this.polygon.boxes.trimmed(),
        indexStarts: this.polygon.indexStarts.trimmed(),
        feature: this.polygon.feature.trimmed(),
      },
      lines: {
        positions: this.line.positions.trimmed(),
        starts: this.line.starts.trimmed(),
        feature: this.line.feature.trimmed(),
      },
      points: { positions: this.point.positions.trimmed(), feature: this.point.feature.trimmed() },
    };
  }
}

/**
 * The draw geometry of `count` WKB geometries laid end to end (`offsets[i]..offsets[i + 1]`), as in the
 * `FeatureRows` of a read and the `geom` column of a layer's Arrow table.
 */
export function drawGeometryFromWkb(
  wkb: Uint8Array,
  offsets: ArrayLike<number>,
  count: number,
): DrawGeometry {
  const builder = new DrawGeometryBuilder();
  for (let i = 0; i < count; i++) {
    const start = offsets[i] ?? 0;
    const end = offsets[i + 1] ?? start;
    builder.add(i, end > start ? decodeWkb(wkb.subarray(start, end)) : null);
  }
  return builder.finish();
}

/** Every buffer of a draw geometry (to transfer it between threads). */
export function drawGeometryBuffers(geometry: DrawGeometry): ArrayBuffer[] {
  const { polygons, lines, points } = geometry;
  return [
    polygons.positions,
    polygons.starts,
    polygons.ringStarts,
    polygons.indices,
    polygons.coarseIndices,
    polygons.boxes,
    polygons.indexStarts,
    polygons.feature,
    lines.positions,
    lines.starts,
    lines.feature,
    points.positions,
    points.feature,
  ].map((array) => array.buffer as ArrayBuffer);
}
