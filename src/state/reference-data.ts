import type { FeatureCollection } from 'geojson';
import type { NamedPoint } from '../core/geo/location.ts';
import { seatsOf, type DivisionRow } from '../core/geo/reference-layers.ts';

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
    .then(seatsOf);
  return seats;
}
