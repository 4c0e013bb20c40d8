/**
 * Map layers of the notebook: the assessment choropleth (one colour class per county for a chosen indicator)
 * and the features of a SQL cell shown on the map. Pure factories: data in, deck.gl layers out.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, Geometry } from 'geojson';

type Rgba = [number, number, number, number];

/** Sequential (low → high) and diverging (loss ← 0 → gain) palettes, five classes each. */
const SEQUENTIAL: Rgba[] = [
  [255, 245, 235, 170],
  [253, 208, 162, 170],
  [253, 141, 60, 170],
  [217, 72, 1, 170],
  [127, 39, 4, 170],
];
const DIVERGING: Rgba[] = [
  [202, 0, 32, 170],
  [244, 165, 130, 170],
  [247, 247, 247, 170],
  [146, 197, 222, 170],
  [5, 113, 176, 170],
];
export const NO_DATA: Rgba = [200, 200, 200, 60];

/** Class breaks and colours of a legend. */
export interface Legend {
  /** Upper bound of each class (the last is the maximum). */
  breaks: number[];
  colours: Rgba[];
  min: number;
  diverging: boolean;
}

/**
 * Five equal-interval classes over the values; a diverging legend (symmetric around 0) when values take both
 * signs or the indicator is a change. Null values are drawn grey.
 */
export function legendFor(values: readonly (number | null)[], change: boolean): Legend | null {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length === 0) return null;
  let min = Math.min(...finite);
  let max = Math.max(...finite);
  const diverging = change || (min < 0 && max > 0);
  if (diverging) {
    const m = Math.max(Math.abs(min), Math.abs(max)) || 1;
    min = -m;
    max = m;
  } else if (min === max) {
    // One value (e.g. one county holds all red lines): draw it as the top class, from zero.
    if (min > 0) min = 0;
    else max = min + 1;
  }
  const step = (max - min) / 5;
  return {
    breaks: [1, 2, 3, 4, 5].map((i) => min + step * i),
    colours: diverging ? DIVERGING : SEQUENTIAL,
    min,
    diverging,
  };
}

/** One class of a legend as a legend box shows it: its colour (CSS) and value range. */
export interface LegendClass {
  readonly css: string;
  readonly from: number;
  readonly to: number;
}

/** The classes of a legend, low to high, as the map draws them (same colours, same bounds). */
export function legendClasses(legend: Legend): LegendClass[] {
  return legend.colours.map((c, i) => ({
    css: `rgba(${c[0]},${c[1]},${c[2]},${(c[3] / 255).toFixed(2)})`,
    from: i === 0 ? legend.min : (legend.breaks[i - 1] ?? legend.min),
    to: legend.breaks[i] ?? legend.min,
  }));
}

/** Decimals that tell a legend's class bounds apart (the same for every bound of the legend). */
export function legendDecimals(legend: Legend): number {
  const step = Math.abs((legend.breaks[0] ?? legend.min) - legend.min);
  return step >= 10 ? 0 : step >= 1 ? 1 : step >= 0.1 ? 2 : step >= 0.01 ? 3 : 4;
}

/** Colour of one value under a legend. */
export function colourOf(value: number | null, legend: Legend | null): Rgba {
  if (value === null || !legend) return NO_DATA;
  const index = legend.breaks.findIndex((b) => value <= b + 1e-12);
  return legend.colours[index < 0 ? legend.colours.length - 1 : index] ?? NO_DATA;
}

/** A county polygon with the value drawn. */
export interface ChoroplethUnit {
  code: string;
  name: string;
  geometry: Geometry;
  value: number | null;
}

/** The assessment choropleth: counties filled by class, outlined dark. */
export function choroplethLayer(
  units: readonly ChoroplethUnit[],
  legend: Legend | null,
  key: string,
): GeoJsonLayer {
  const features: Feature<Geometry, { code: string; name: string; value: number | null }>[] = units.map(
    (u) => ({
      type: 'Feature',
      geometry: u.geometry,
      properties: { code: u.code, name: u.name, value: u.value },
    }),
  );
  return new GeoJsonLayer({
    id: 'assessment-choropleth',
    data: features,
    filled: true,
    stroked: true,
    getFillColor: (f: Feature<Geometry, { value: number | null }>) => colourOf(f.properties.value, legend),
    getLineColor: [40, 40, 40, 230],
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
    pickable: true,
    updateTriggers: { getFillColor: key },
  });
}

/** Features of a SQL cell's rows on the map (points as dots, polygons outlined). */
export function notebookFeaturesLayer(cellId: string, features: readonly Feature[]): GeoJsonLayer {
  return new GeoJsonLayer({
    id: `notebook-${cellId}`,
    data: features as Feature[],
    filled: true,
    stroked: true,
    getFillColor: [124, 58, 237, 70],
    getLineColor: [91, 33, 182, 240],
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
    pointRadiusUnits: 'pixels',
    getPointRadius: 5,
    pickable: true,
  });
}
