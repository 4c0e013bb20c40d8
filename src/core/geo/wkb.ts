/**
 * Well-Known Binary for the `feature.geom` / `patch.geom` columns: 2D ISO WKB, little endian on write;
 * on read, either byte order, ISO (1000/2000/3000) and EWKB (Z/M/SRID flag) variants, Z and M dropped.
 */
import type { Geometry, Position } from 'geojson';

/** [minx, miny, maxx, maxy] */
export type Bbox = [number, number, number, number];

/** Malformed or truncated WKB. */
export class WkbError extends Error {
  override readonly name = 'WkbError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
  }
}

const TYPE_CODE = {
  Point: 1,
  LineString: 2,
  Polygon: 3,
  MultiPoint: 4,
  MultiLineString: 5,
  MultiPolygon: 6,
  GeometryCollection: 7,
} as const;

const ringBytes = (ring: Position[]): number => 4 + 16 * ring.length;

function ringsBytes(rings: Position[][]): number {
  let n = 9;
  for (const r of rings) n += ringBytes(r);
  return n;
}

/** Size in bytes of the 2D WKB of a geometry. */
export function wkbByteLength(g: Geometry): number {
  let n = 9;
  switch (g.type) {
    case 'Point':
      return 21;
    case 'LineString':
      return 5 + ringBytes(g.coordinates);
    case 'MultiPoint':
      return 9 + 21 * g.coordinates.length;
    case 'Polygon':
      return ringsBytes(g.coordinates);
    case 'MultiLineString':
      for (const l of g.coordinates) n += 5 + ringBytes(l);
      return n;
    case 'MultiPolygon':
      for (const p of g.coordinates) n += ringsBytes(p);
      return n;
    case 'GeometryCollection':
      for (const c of g.geometries) n += wkbByteLength(c);
      return n;
  }
}

function writeHeader(view: DataView, offset: number, type: number): number {
  view.setUint8(offset, 1);
  view.setUint32(offset + 1, type, true);
  return offset + 5;
}

function writePoints(view: DataView, offset: number, points: Position[], withCount: boolean): number {
  let o = offset;
  if (withCount) {
    view.setUint32(o, points.length, true);
    o += 4;
  }
  for (const p of points) {
    view.setFloat64(o, p[0] ?? NaN, true);
    view.setFloat64(o + 8, p[1] ?? NaN, true);
    o += 16;
  }
  return o;
}

function writeRings(view: DataView, offset: number, rings: Position[][]): number {
  let o = offset;
  view.setUint32(o, rings.length, true);
  o += 4;
  for (const r of rings) o = writePoints(view, o, r, true);
  return o;
}

/** Write the WKB of `g` at `offset`; returns the offset after it. `view` must have `wkbByteLength(g)` bytes free. */
export function writeWkb(g: Geometry, view: DataView, offset: number): number {
  let o = writeHeader(view, offset, TYPE_CODE[g.type]);
  switch (g.type) {
    case 'Point':
      return writePoints(view, o, [g.coordinates.length >= 2 ? g.coordinates : [NaN, NaN]], false);
    case 'LineString':
      return writePoints(view, o, g.coordinates, true);
    case 'Polygon':
      return writeRings(view, o, g.coordinates);
    case 'MultiPoint':
      view.setUint32(o, g.coordinates.length, true);
      o += 4;
      for (const p of g.coordinates) o = writePoints(view, writeHeader(view, o, 1), [p], false);
      return o;
    case 'MultiLineString':
      view.setUint32(o, g.coordinates.length, true);
      o += 4;
      for (const l of g.coordinates) o = writePoints(view, writeHeader(view, o, 2), l, true);
      return o;
    case 'MultiPolygon':
      view.setUint32(o, g.coordinates.length, true);
      o += 4;
      for (const p of g.coordinates) o = writeRings(view, writeHeader(view, o, 3), p);
      return o;
    case 'GeometryCollection':
      view.setUint32(o, g.geometries.length, true);
      o += 4;
      for (const c of g.geometries) o = writeWkb(c, view, o);
      return o;
  }
}

/** 2D little-endian ISO WKB of a GeoJSON geometry. */
export function encodeWkb(g: Geometry): Uint8Array {
  const bytes = new Uint8Array(wkbByteLength(g));
  writeWkb(g, new DataView(bytes.buffer), 0);
  return bytes;
}

/** Reads WKB; tracks its position and each nested geometry's byte order. */
class WkbReader {
  offset = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(n: number): void {
    if (this.offset + n > this.bytes.byteLength) throw new WkbError('unexpected end of WKB', this.offset);
  }

  geometry(): Geometry {
    this.need(5);
    const order = this.view.getUint8(this.offset);
    if (order > 1) throw new WkbError(`bad byte order ${order}`, this.offset);
    const le = order === 1;
    const raw = this.view.getUint32(this.offset + 1, le);
    this.offset += 5;
    // EWKB: high flag bits; ISO: thousands. Either way only x/y are kept.
    const ewkbZ = (raw & 0x80000000) !== 0;
    const ewkbM = (raw & 0x40000000) !== 0;
    if ((raw & 0x20000000) !== 0) this.offset += 4; // SRID
    let base = raw & 0x0fffffff;
    const iso = Math.floor(base / 1000);
    base %= 1000;
    const dims = 2 + (ewkbZ || iso === 1 || iso === 3 ? 1 : 0) + (ewkbM || iso === 2 || iso === 3 ? 1 : 0);
    const count = (): number => {
      this.need(4);
      const n = this.view.getUint32(this.offset, le);
      this.offset += 4;
      return n;
    };
    const points = (n: number): Position[] => {
      this.need(n * dims * 8);
      const out: Position[] = new Array<Position>(n);
      for (let i = 0; i < n; i++) {
        out[i] = [this.view.getFloat64(this.offset, le), this.view.getFloat64(this.offset + 8, le)];
        this.offset += dims * 8;
      }
      return out;
    };
    const rings = (): Position[][] => Array.from({ length: count() }, () => points(count()));
    const parts = <T>(): T[] => Array.from({ length: count() }, () => this.geometry() as T);
    switch (base) {
      case 1: {
        const p = points(1)[0] ?? [NaN, NaN];
        return { type: 'Point', coordinates: Number.isNaN(p[0]) && Number.isNaN(p[1]) ? [] : p };
      }
      case 2:
        return { type: 'LineString', coordinates: points(count()) };
      case 3:
        return { type: 'Polygon', coordinates: rings() };
      case 4:
        return {
          type: 'MultiPoint',
          coordinates: parts<{ coordinates: Position }>().map((p) => p.coordinates),
        };
      case 5:
        return {
          type: 'MultiLineString',
          coordinates: parts<{ coordinates: Position[] }>().map((p) => p.coordinates),
        };
      case 6:
        return {
          type: 'MultiPolygon',
          coordinates: parts<{ coordinates: Position[][] }>().map((p) => p.coordinates),
        };
      case 7:
        return { type: 'GeometryCollection', geometries: parts<Geometry>() };
      default:
        throw new WkbError(`unsupported WKB geometry type ${raw}`, this.offset - 4);
    }
  }
}

/** Decode WKB to a 2D GeoJSON geometry. Throws `WkbError` on malformed input. */
export function decodeWkb(bytes: Uint8Array): Geometry {
  const reader = new WkbReader(bytes);
  return reader.geometry();
}

function addPoint(box: Bbox, p: Position): void {
  const x = p[0];
  const y = p[1];
  if (x === undefined || y === undefined || Number.isNaN(x) || Number.isNaN(y)) return;
  if (x < box[0]) box[0] = x;
  if (y < box[1]) box[1] = y;
  if (x > box[2]) box[2] = x;
  if (y > box[3]) box[3] = y;
}

function addPoints(box: Bbox, points: Position[]): void {
  for (let i = 0; i < points.length; i++) addPoint(box, points[i] as Position);
}

/** Extend `box` (mutated) with every position of `g`. */
export function extendBbox(box: Bbox, g: Geometry): Bbox {
  switch (g.type) {
    case 'Point':
      addPoint(box, g.coordinates);
      break;
    case 'LineString':
    case 'MultiPoint':
      addPoints(box, g.coordinates);
      break;
    case 'Polygon':
    case 'MultiLineString':
      for (const r of g.coordinates) addPoints(box, r);
      break;
    case 'MultiPolygon':
      for (const poly of g.coordinates) for (const r of poly) addPoints(box, r);
      break;
    case 'GeometryCollection':
      for (const c of g.geometries) extendBbox(box, c);
      break;
  }
  return box;
}

/** Bounding box of a geometry, or null when it has no positions. */
export function geometryBbox(g: Geometry): Bbox | null {
  const box = extendBbox([Infinity, Infinity, -Infinity, -Infinity], g);
  return box[0] <= box[2] ? box : null;
}

/** Bounding box of a WKB geometry, or null when empty. */
export function wkbBbox(bytes: Uint8Array): Bbox | null {
  return geometryBbox(decodeWkb(bytes));
}
