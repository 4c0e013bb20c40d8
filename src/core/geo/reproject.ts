/**
 * Transform coordinates of a resolved CRS to lon/lat degrees on the same datum. Datum shifts are not applied:
 * CGCS2000 ≈ WGS 84 at the metre level, and Beijing 1954 / Xian 1980 have no public national shift (the
 * resolved CRS carries a `datum_shift_ignored` note for those).
 */
import proj4 from 'proj4';
import type { Geometry, Position } from 'geojson';
import { DATUM_PROJ4 } from './crs-table.ts';
import type { ResolvedCrs } from './crs-types.ts';

/** Maps one x/y pair to another; returns a new array. */
export type PointTransform = (x: number, y: number) => [number, number];

function geographicOf(crs: ResolvedCrs): string {
  return `+proj=longlat ${DATUM_PROJ4[crs.datum]} +no_defs`;
}

/** x/y in `crs` → lon/lat degrees; `null` when the CRS already is lon/lat (identity). */
export function toLonLatTransformer(crs: ResolvedCrs): PointTransform | null {
  if (crs.geographic) return null;
  const converter = proj4(crs.proj4, geographicOf(crs));
  return (x, y) => {
    const out = converter.forward([x, y]);
    return [out[0] ?? NaN, out[1] ?? NaN];
  };
}

/** lon/lat degrees → x/y in `crs`; `null` when the CRS is lon/lat. */
export function fromLonLatTransformer(crs: ResolvedCrs): PointTransform | null {
  if (crs.geographic) return null;
  const converter = proj4(geographicOf(crs), crs.proj4);
  return (lon, lat) => {
    const out = converter.forward([lon, lat]);
    return [out[0] ?? NaN, out[1] ?? NaN];
  };
}

function mapRing(ring: Position[], t: PointTransform): Position[] {
  const out: Position[] = new Array<Position>(ring.length);
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i] as Position;
    out[i] = t(p[0] ?? NaN, p[1] ?? NaN);
  }
  return out;
}

/** A copy of `geometry` with every position transformed (Z/M dropped). Identity transform returns it as is. */
export function transformGeometry<G extends Geometry>(geometry: G, t: PointTransform | null): G {
  if (!t) return geometry;
  return mapGeometry(geometry, t) as G;
}

function mapGeometry(g: Geometry, t: PointTransform): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: t(g.coordinates[0] ?? NaN, g.coordinates[1] ?? NaN) };
    case 'MultiPoint':
    case 'LineString':
      return { type: g.type, coordinates: mapRing(g.coordinates, t) };
    case 'Polygon':
    case 'MultiLineString':
      return { type: g.type, coordinates: g.coordinates.map((r) => mapRing(r, t)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => mapRing(r, t))) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map((c) => mapGeometry(c, t)) };
  }
}

/** Reproject a geometry from `crs` to lon/lat. */
export function geometryToLonLat<G extends Geometry>(geometry: G, crs: ResolvedCrs): G {
  return transformGeometry(geometry, toLonLatTransformer(crs));
}
