// The reference layers of patch attribution built from plain GeoJSON, shared by the app (geometry worker)
// and `npm run detect`, so batch results and the app agree.
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point, Polygon } from 'geojson';
import { adminFieldsOf } from '../admin/admin-fields.ts';
import type { AdminFeature } from './admin-join.ts';
import type { NamedPoint } from './location.ts';
import type { AreaFeature } from './spatial-index.ts';

type Areal = Polygon | MultiPolygon;
const isAreal = (g: Geometry | null | undefined): g is Areal =>
  g?.type === 'Polygon' || g?.type === 'MultiPolygon';

/** Polygon features of one layer with ids `<layerId>:<index>` (the index in the layer, stable across runs). */
export function areaFeaturesOf(layerId: string, features: readonly Feature[]): AreaFeature[] {
  return features.flatMap((feature, index) =>
    isAreal(feature.geometry) ? [{ id: `${layerId}:${index}`, geometry: feature.geometry }] : [],
  );
}

/**
 * Admin polygons: the user's admin layers (features with a GB/T 2260 code field), then the bundled province
 * outlines for whatever provinces they miss.
 */
export function adminFeaturesOf(
  layers: readonly (readonly Feature[])[],
  provinces: FeatureCollection | null,
): AdminFeature[] {
  const admin: AdminFeature[] = [];
  for (const features of layers) {
    for (const feature of features) {
      const fields = adminFieldsOf(feature.properties ?? {});
      if (fields && isAreal(feature.geometry))
        admin.push({ id: fields.code, geometry: feature.geometry, ...fields });
    }
  }
  for (const feature of provinces?.features ?? []) {
    const fields = adminFieldsOf(feature.properties ?? {});
    if (
      fields?.level === 'province' &&
      isAreal(feature.geometry) &&
      !admin.some((a) => a.code === fields.code)
    )
      admin.push({ id: fields.code, geometry: feature.geometry, ...fields });
  }
  return admin;
}

/** Government seats (points with a `name`) as reference points of the location text. */
export function seatsOf(collection: FeatureCollection): NamedPoint[] {
  return (collection.features as Feature[])
    .filter((feature): feature is Feature<Point> => feature.geometry?.type === 'Point')
    .map((feature) => {
      const code = feature.properties?.code;
      return {
        lon: feature.geometry.coordinates[0] ?? 0,
        lat: feature.geometry.coordinates[1] ?? 0,
        name: `${String(feature.properties?.name ?? '')}政府`,
        ...(code !== undefined && code !== null ? { code: String(code) } : {}),
      };
    });
}

/**
 * Seats the location text may name: the points of the user's admin layers, and the bundled seats of the units
 * those layers hold (by GB/T 2260 code; a township's code names its county). A seat of a province the user
 * never loaded is never named, however near.
 */
export function seatsOfAdminLayers(
  layers: readonly (readonly Feature[])[],
  bundled: readonly NamedPoint[],
): NamedPoint[] {
  const codes = new Set<string>();
  const own: NamedPoint[] = [];
  for (const features of layers) {
    for (const feature of features) {
      const fields = adminFieldsOf(feature.properties ?? {});
      if (fields) {
        codes.add(fields.code);
        if (fields.code.length > 6) codes.add(fields.code.slice(0, 6));
      }
    }
    own.push(
      ...seatsOf({ type: 'FeatureCollection', features: [...features] }).filter((p) => p.name !== '政府'),
    );
  }
  return [...own, ...bundled.filter((seat) => seat.code !== undefined && codes.has(seat.code))];
}

/** One row of the bundled division table (public/admin/divisions.json): code, name, parent code, level. */
export type DivisionRow = [string, string, string | null, 'province' | 'city' | 'county' | 'township'];

/** Chinese names by code from the bundled division table. */
export function divisionNameRecord(items: readonly DivisionRow[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const [code, name] of items) names[code] = name;
  return names;
}
