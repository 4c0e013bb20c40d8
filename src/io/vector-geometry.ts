/**
 * Validate, reproject and normalise one geometry read from a file (whose shape is not trusted): every position
 * needs finite x/y; rings are closed when they are not (counted); rings with fewer than 3 distinct points
 * (zero area) are dropped; polygon winding follows RFC 7946 (outer counter-clockwise, holes clockwise);
 * Z/M are dropped. Anything else wrong rejects the whole feature: nothing is silently changed.
 */
import type { Geometry, Position } from 'geojson';
import type { PointTransform } from '../core/geo/reproject.ts';

export type CleanResult =
  { ok: true; geometry: Geometry } | { ok: false; reason: 'invalid' | 'out_of_range' | 'unsupported' };

/** Counters of automatic fixes, shared across the features of a layer. */
export interface CleanStats {
  ringsClosed: number;
  /** Source x/y of the first position outside lon/lat range (to suggest a CRS). */
  firstOutOfRange?: Position;
}

class Reject extends Error {
  constructor(readonly reason: 'invalid' | 'out_of_range' | 'unsupported') {
    super(reason);
  }
}

function position(value: unknown, t: PointTransform | null, stats: CleanStats): Position {
  if (!Array.isArray(value) || value.length < 2) throw new Reject('invalid');
  const x: unknown = value[0];
  const y: unknown = value[1];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
    throw new Reject('invalid');
  }
  const p = t ? t(x, y) : [x, y];
  const lon = p[0] ?? NaN;
  const lat = p[1] ?? NaN;
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    stats.firstOutOfRange ??= [x, y];
    throw new Reject('out_of_range');
  }
  return [lon, lat];
}

function positions(value: unknown, t: PointTransform | null, min: number, stats: CleanStats): Position[] {
  if (!Array.isArray(value) || value.length < min) throw new Reject('invalid');
  return value.map((v) => position(v, t, stats));
}

/** Twice the signed area (shoelace); positive = counter-clockwise with y up. */
export function ringArea2(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as Position;
    const b = ring[i] as Position;
    sum += ((a[0] ?? 0) - (b[0] ?? 0)) * ((a[1] ?? 0) + (b[1] ?? 0));
  }
  return sum;
}

/**
 * A closed ring and its doubled signed area, or null when it has fewer than 3 distinct points (zero area).
 * Counts the rings it had to close.
 */
function ring(
  value: unknown,
  t: PointTransform | null,
  stats: CleanStats,
): { r: Position[]; area2: number } | null {
  const r = positions(value, t, 0, stats);
  if (r.length === 0) return null;
  const first = r[0] as Position;
  const last = r[r.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    r.push([first[0] ?? 0, first[1] ?? 0]);
    stats.ringsClosed++;
  }
  if (r.length < 4) return null;
  const area2 = ringArea2(r);
  // Only a zero-area ring needs the (costly) distinct-point count: a figure-eight can sum to zero.
  if (area2 === 0 && new Set(r.map((p) => `${p[0]},${p[1]}`)).size < 3) return null;
  return { r, area2 };
}

/** Rings of one polygon, outer first; null when the outer ring is degenerate. */
function polygon(value: unknown, t: PointTransform | null, stats: CleanStats): Position[][] | null {
  if (!Array.isArray(value) || value.length === 0) throw new Reject('invalid');
  const outer = ring(value[0], t, stats);
  if (!outer) return null;
  if (outer.area2 < 0) outer.r.reverse();
  const rings = [outer.r];
  for (const h of value.slice(1)) {
    const hole = ring(h, t, stats);
    if (!hole) continue;
    if (hole.area2 > 0) hole.r.reverse();
    rings.push(hole.r);
  }
  return rings;
}

function geometry(g: unknown, t: PointTransform | null, stats: CleanStats): Geometry {
  if (typeof g !== 'object' || g === null) throw new Reject('invalid');
  const { type, coordinates, geometries } = g as {
    type?: unknown;
    coordinates?: unknown;
    geometries?: unknown;
  };
  switch (type) {
    case 'Point':
      return { type, coordinates: position(coordinates, t, stats) };
    case 'MultiPoint':
      return { type, coordinates: positions(coordinates, t, 1, stats) };
    case 'LineString':
      return { type, coordinates: positions(coordinates, t, 2, stats) };
    case 'MultiLineString': {
      if (!Array.isArray(coordinates) || coordinates.length === 0) throw new Reject('invalid');
      return { type, coordinates: coordinates.map((l) => positions(l, t, 2, stats)) };
    }
    case 'Polygon': {
      const rings = polygon(coordinates, t, stats);
      if (!rings) throw new Reject('invalid');
      return { type, coordinates: rings };
    }
    case 'MultiPolygon': {
      if (!Array.isArray(coordinates)) throw new Reject('invalid');
      const polys = coordinates.map((p) => polygon(p, t, stats)).filter((p): p is Position[][] => p !== null);
      if (polys.length === 0) throw new Reject('invalid');
      return { type, coordinates: polys };
    }
    case 'GeometryCollection': {
      if (!Array.isArray(geometries) || geometries.length === 0) throw new Reject('invalid');
      return { type, geometries: geometries.map((c) => geometry(c, t, stats)) };
    }
    default:
      throw new Reject('unsupported');
  }
}

/** Validate + reproject (+ normalise) one geometry. */
export function cleanGeometry(g: unknown, t: PointTransform | null, stats: CleanStats): CleanResult {
  try {
    return { ok: true, geometry: geometry(g, t, stats) };
  } catch (error) {
    if (error instanceof Reject) return { ok: false, reason: error.reason };
    throw error;
  }
}
