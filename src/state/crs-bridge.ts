import { fromLonLatTransformer, toLonLatTransformer } from '../core/geo/reproject.ts';
import type { ResolvedCrs } from '../core/geo/crs.ts';

/** Functions between an image's CRS and lon/lat. */
export interface CrsFunctions {
  toLonLat(x: number, y: number): [number, number];
  fromLonLat(lon: number, lat: number): [number, number];
}

const identity = (x: number, y: number): [number, number] => [x, y];

/** Transformers for a resolved CRS (lon/lat CRSs are identity: CGCS2000 ≈ WGS84 at metre level). */
export function crsFunctions(crs: ResolvedCrs): CrsFunctions {
  return {
    toLonLat: toLonLatTransformer(crs) ?? identity,
    fromLonLat: fromLonLatTransformer(crs) ?? identity,
  };
}
