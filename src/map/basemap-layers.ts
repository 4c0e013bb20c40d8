import { GeoJsonLayer, PathLayer } from '@deck.gl/layers';
import type { FeatureCollection } from 'geojson';
import { graticule, type GraticuleLine } from './graticule.ts';

/** The bundled offline basemap file (served by the app; no tile server). */
export const PROVINCES_URL = './basemap/china-provinces.geojson';

const GRATICULE = graticule(5);

/** Province outlines of China: land fill and boundaries. */
export function provincesLayer(data: FeatureCollection): GeoJsonLayer {
  return new GeoJsonLayer({
    id: 'basemap-provinces',
    data,
    stroked: true,
    filled: true,
    getFillColor: [236, 232, 220, 255],
    getLineColor: [120, 120, 120, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    pickable: false,
  });
}

/** Meridians and parallels every 5°. */
export function graticuleLayer(): PathLayer<GraticuleLine> {
  return new PathLayer<GraticuleLine>({
    id: 'basemap-graticule',
    data: GRATICULE,
    getPath: (line) => line.path,
    getColor: [90, 120, 150, 90],
    widthUnits: 'pixels',
    getWidth: 1,
    pickable: false,
  });
}
