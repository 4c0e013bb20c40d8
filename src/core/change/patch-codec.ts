import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { ChangePatch } from './patches.ts';

/**
 * Patches packed into flat typed arrays so a worker can transfer them instead of cloning thousands of small
 * coordinate arrays: coordinates [x, y, x, y, …], positions per ring, rings per polygon, polygons per patch.
 */
export interface PackedPatches {
  coords: Float64Array;
  ringSizes: Uint32Array;
  polygonSizes: Uint32Array;
  patchSizes: Uint32Array;
  /** Everything but the geometry, in patch order (`multi`: whether the geometry was a MultiPolygon). */
  attributes: (Omit<ChangePatch, 'geometry'> & { multi: boolean })[];
}

/** Packs patches (see PackedPatches). */
export function packPatches(patches: readonly ChangePatch[]): PackedPatches {
  const coords: number[] = [];
  const ringSizes: number[] = [];
  const polygonSizes: number[] = [];
  const patchSizes: number[] = [];
  const attributes: PackedPatches['attributes'] = [];
  for (const { geometry, ...rest } of patches) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    patchSizes.push(polygons.length);
    for (const polygon of polygons) {
      polygonSizes.push(polygon.length);
      for (const ring of polygon) {
        ringSizes.push(ring.length);
        for (const p of ring) coords.push(p[0] as number, p[1] as number);
      }
    }
    attributes.push({ ...rest, multi: geometry.type === 'MultiPolygon' });
  }
  return {
    coords: Float64Array.from(coords),
    ringSizes: Uint32Array.from(ringSizes),
    polygonSizes: Uint32Array.from(polygonSizes),
    patchSizes: Uint32Array.from(patchSizes),
    attributes,
  };
}

/** The buffers to list in a transfer. */
export function packedBuffers(packed: PackedPatches): ArrayBuffer[] {
  return [packed.coords, packed.ringSizes, packed.polygonSizes, packed.patchSizes].map(
    (array) => array.buffer as ArrayBuffer,
  );
}

/** Unpacks what packPatches made. */
export function unpackPatches(packed: PackedPatches): ChangePatch[] {
  let c = 0;
  let r = 0;
  let p = 0;
  return packed.attributes.map(({ multi, ...rest }, index) => {
    const polygons: Position[][][] = [];
    for (let k = 0; k < (packed.patchSizes[index] as number); k++) {
      const rings: Position[][] = [];
      for (let j = 0, n = packed.polygonSizes[p++] as number; j < n; j++) {
        const ring: Position[] = [];
        for (let i = 0, m = packed.ringSizes[r++] as number; i < m; i++, c += 2) {
          ring.push([packed.coords[c] as number, packed.coords[c + 1] as number]);
        }
        rings.push(ring);
      }
      polygons.push(rings);
    }
    const geometry: Polygon | MultiPolygon = multi
      ? { type: 'MultiPolygon', coordinates: polygons }
      : { type: 'Polygon', coordinates: polygons[0] ?? [] };
    return { ...rest, geometry };
  });
}
