import type { Feature, FeatureCollection, Point } from 'geojson';
import type { NamedPoint } from '../core/geo/location.ts';

/** One row of the bundled division table: code, name, parent code, level. */
type DivisionRow = [string, string, string | null, 'province' | 'city' | 'county' | 'township'];

interface DivisionFile {
  schemaVersion: 1;
  dataYear: number;
  items: DivisionRow[];
}

let divisions: Promise<Map<string, { name: string; parent: string | null; level: string }>> | null = null;
let seats: Promise<NamedPoint[]> | null = null;

/** Names of all GB/T 2260 units by code (bundled National Bureau of Statistics table), loaded once. */
export function divisionNames(): Promise<
  Map<string, { name: string; parent: string | null; level: string }>
> {
  divisions ??= fetch('./admin/divisions.json')
    .then((response) => {
      if (!response.ok) throw new Error(`divisions.json: HTTP ${response.status}`);
      return response.json() as Promise<DivisionFile>;
    })
    .then((file) => new Map(file.items.map(([code, name, parent, level]) => [code, { name, parent, level }])))
    .catch((error: unknown) => {
      divisions = null;
      throw error;
    });
  return divisions;
}

/** Government seats bundled with the app (for location descriptions). */
export function bundledSeats(): Promise<NamedPoint[]> {
  seats ??= fetch('./admin/guangxi-seats.geojson')
    .then((response): Promise<FeatureCollection> =>
      response.ok
        ? (response.json() as Promise<FeatureCollection>)
        : Promise.resolve({ type: 'FeatureCollection', features: [] }),
    )
    .then((collection) =>
      (collection.features as Feature[])
        .filter((feature): feature is Feature<Point> => feature.geometry?.type === 'Point')
        .map((feature) => ({
          lon: feature.geometry.coordinates[0] ?? 0,
          lat: feature.geometry.coordinates[1] ?? 0,
          name: `${String(feature.properties?.name ?? '')}政府`,
        })),
    );
  return seats;
}
