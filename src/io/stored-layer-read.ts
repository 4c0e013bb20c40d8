import type { Feature, Geometry } from 'geojson';
import { featuresFromIpc, isArrowIpc } from './feature-arrow-read.ts';

/** The features of a stored vector layer file: its Arrow IPC rows, or normalised GeoJSON for an older layer. */
export async function storedLayerFeatures(file: Blob): Promise<Feature<Geometry, Record<string, unknown>>[]> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isArrowIpc(bytes)) return featuresFromIpc(bytes);
  // A layer stored before layers were kept as Arrow: normalised GeoJSON.
  const parsed = JSON.parse(new TextDecoder().decode(bytes)) as {
    features?: Feature<Geometry, Record<string, unknown>>[];
  };
  return parsed.features ?? [];
}
