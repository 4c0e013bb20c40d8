// The command line's attribution of detected patches (`npm run detect`, `npm run merge`): the app's code
// (src/core/geo/attributes.ts) with the same bundled reference data, so every output carries the same fields.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { attributePatches, prepareLayers, type PreparedLayers } from '../src/core/geo/attributes.ts';
import {
  adminFeaturesOf,
  areaFeaturesOf,
  divisionNameRecord,
  seatsOf,
  seatsOfAdminLayers,
  type DivisionRow,
} from '../src/core/geo/reference-layers.ts';

/** Features of a GeoJSON file (FeatureCollection, Feature or bare geometry), in lon/lat. */
export function readFeatures(path: string): Feature[] {
  const json = JSON.parse(readFileSync(path, 'utf8')) as { type: string; features?: Feature[] };
  if (json.type === 'FeatureCollection') return json.features ?? [];
  if (json.type === 'Feature') return [json as unknown as Feature];
  return [{ type: 'Feature', properties: {}, geometry: json as unknown as Geometry }];
}

/** Polygons of a GeoJSON file. */
export function readPolygons(path: string): (Polygon | MultiPolygon)[] {
  return readFeatures(path)
    .map((f) => f.geometry)
    .filter((g): g is Polygon | MultiPolygon => g?.type === 'Polygon' || g?.type === 'MultiPolygon');
}

const publicFile = (path: string): string => fileURLToPath(new URL(`../public/${path}`, import.meta.url));

/** Reference files of an attribution. */
export interface AttributionFiles {
  redline?: string | undefined;
  reserve?: string | undefined;
  admin?: readonly string[] | undefined;
}

/** The app's attribution layers from the files given and the bundled reference data. */
export function attributionLayers(files: AttributionFiles): PreparedLayers {
  const divisions = JSON.parse(readFileSync(publicFile('admin/divisions.json'), 'utf8')) as {
    items: DivisionRow[];
  };
  const provinces = JSON.parse(
    readFileSync(publicFile('basemap/china-provinces.geojson'), 'utf8'),
  ) as FeatureCollection;
  const bundledSeats = JSON.parse(
    readFileSync(publicFile('admin/guangxi-seats.geojson'), 'utf8'),
  ) as FeatureCollection;
  const names = divisionNameRecord(divisions.items);
  const adminFiles = (files.admin ?? []).map(readFeatures);
  // Seats only of the admin units the user gave (their own points, or bundled seats of their codes): the app's
  // rule, so the attribution names a seat only where that data covers the patch and within 50 km.
  const seats = seatsOfAdminLayers(adminFiles, seatsOf(bundledSeats));
  return prepareLayers({
    redlines: files.redline ? areaFeaturesOf('redline', readFeatures(files.redline)) : [],
    reserves: files.reserve ? areaFeaturesOf('reserve', readFeatures(files.reserve)) : [],
    admin: adminFeaturesOf(adminFiles, provinces),
    namedPoints: seats,
    nameOf: (code) => names[code],
  });
}

/** A patch to attribute: its geometry and the detector's own properties. */
export interface DetectedPatch {
  geometry: Polygon | MultiPolygon;
  properties: object;
}

/** Patches with the annex fields first (ids, areas, place), then the detector's own properties. */
export async function attributeFeatures(
  patches: readonly DetectedPatch[],
  layers: PreparedLayers,
  year: number,
  hasRedline: boolean,
): Promise<Feature[]> {
  const { patches: rows } = await attributePatches(
    patches.map((p) => ({ geometry: p.geometry })),
    { layers, year, issued: {} },
  );
  return patches.map((patch, i) => {
    const a = rows[i]!;
    return {
      type: 'Feature',
      geometry: patch.geometry,
      properties: {
        ...patch.properties,
        id: a.id,
        area_ha: a.area_ha,
        redline_ha: hasRedline ? a.redline_ha : null,
        cx: a.cx,
        cy: a.cy,
        province: a.province,
        city: a.city,
        county: a.county,
        township: a.township,
        location: a.location,
        county_code: a.county_code,
        township_code: a.township_code,
        area_mu: a.area_mu,
        reserves_ha: a.reserves.reduce((sum, r) => sum + r.ha, 0),
      },
    };
  });
}
