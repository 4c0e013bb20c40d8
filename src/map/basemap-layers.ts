import { GeoJsonLayer, LineLayer, PathLayer } from '@deck.gl/layers';
import { WebMercatorViewport, type Layer } from '@deck.gl/core';
import { simplifyRing } from '../core/raster/simplify.ts';
import type { FeatureCollection, Position } from 'geojson';
import { graticule, type GraticuleLine } from './graticule.ts';

/** The bundled offline basemap file (served by the app; no tile server). */
export const PROVINCES_URL = './basemap/china-provinces.geojson';

const GRATICULE = graticule(5);

/** One straight piece of a province boundary, with its box for culling. */
export interface BoundarySegment {
  from: Position;
  to: Position;
  box: [number, number, number, number];
}

/** What the boundaries depend on: the view and the canvas size. */
export interface BasemapView {
  longitude: number;
  latitude: number;
  zoom: number;
  width: number;
  height: number;
}

/** Douglas–Peucker tolerance (degrees) per zoom band: about half a pixel or less; full detail from zoom 8. */
const LEVELS = [
  { below: 4, tolerance: 0.08 },
  { below: 6, tolerance: 0.02 },
  { below: 8, tolerance: 0.005 },
  { below: Infinity, tolerance: 0 },
];
/** From this zoom only segments near the view are drawn, picked per 2° cell so small pans reuse the list. */
const CULL_FROM_ZOOM = 5;
const CELL_DEG = 2;

const levelsOf = new WeakMap<FeatureCollection, BoundarySegment[][]>();
const culled = new Map<string, BoundarySegment[]>();

function ringSegments(ring: Position[], tolerance: number, out: BoundarySegment[]): void {
  // GeoJSON rings repeat their first vertex at the end; simplifyRing wants each vertex once.
  const closed = ring.length > 1 && ring[0]?.[0] === ring.at(-1)?.[0] && ring[0]?.[1] === ring.at(-1)?.[1];
  const flat = (closed ? ring.slice(0, -1) : ring).flatMap((p) => [p[0] ?? 0, p[1] ?? 0]);
  const kept = tolerance > 0 ? simplifyRing(flat, tolerance) : flat;
  const n = kept.length / 2;
  for (let i = 0; i < n; i += 1) {
    const j = (i + 1) % n;
    const from: Position = [kept[2 * i] ?? 0, kept[2 * i + 1] ?? 0];
    const to: Position = [kept[2 * j] ?? 0, kept[2 * j + 1] ?? 0];
    const box: BoundarySegment['box'] = [
      Math.min(from[0] ?? 0, to[0] ?? 0),
      Math.min(from[1] ?? 0, to[1] ?? 0),
      Math.max(from[0] ?? 0, to[0] ?? 0),
      Math.max(from[1] ?? 0, to[1] ?? 0),
    ];
    out.push({ from, to, box });
  }
}

/** Every ring edge of the provinces at each level of detail, computed once per data set. */
export function boundaryLevels(data: FeatureCollection): BoundarySegment[][] {
  const cached = levelsOf.get(data);
  if (cached) return cached;
  const levels = LEVELS.map(({ tolerance }) => {
    const segments: BoundarySegment[] = [];
    for (const feature of data.features) {
      const g = feature.geometry;
      const polygons =
        g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : [];
      for (const polygon of polygons) for (const ring of polygon) ringSegments(ring, tolerance, segments);
    }
    return segments;
  });
  levelsOf.set(data, levels);
  return levels;
}

/** The segments worth drawing for a view: the level for its zoom, culled to the cells around the view. */
export function boundarySegments(data: FeatureCollection, view: BasemapView): BoundarySegment[] {
  const level = LEVELS.findIndex((l) => view.zoom < l.below);
  const all = boundaryLevels(data)[level] ?? [];
  if (view.zoom < CULL_FROM_ZOOM) return all;
  const viewport = new WebMercatorViewport({
    width: Math.max(view.width, 1),
    height: Math.max(view.height, 1),
    longitude: view.longitude,
    latitude: view.latitude,
    zoom: view.zoom,
  });
  const [west, south, east, north] = viewport.getBounds();
  const cell = (v: number, up: boolean): number =>
    (up ? Math.ceil(v / CELL_DEG) : Math.floor(v / CELL_DEG)) * CELL_DEG;
  const [x0, y0, x1, y1] = [
    cell(west, false) - CELL_DEG,
    cell(south, false) - CELL_DEG,
    cell(east, true) + CELL_DEG,
    cell(north, true) + CELL_DEG,
  ];
  const key = `${level}:${x0},${y0},${x1},${y1}`;
  let segments = culled.get(key);
  if (!segments) {
    segments = all.filter((s) => s.box[2] >= x0 && s.box[0] <= x1 && s.box[3] >= y0 && s.box[1] <= y1);
    if (culled.size > 16) culled.clear();
    culled.set(key, segments);
  }
  return segments;
}

/**
 * Province land fill and boundaries. The boundaries are line segments chosen per zoom (simplified to about half
 * a pixel, and only near the view once zoomed in): software WebGL (SwiftShader, what a laptop without a usable
 * GPU gets) spends roughly 60 µs of CPU per drawn segment, so all 21,000 segments cost 1.2–1.6 s per frame
 * while a zoomed-in view needs a few hundred. The fill is one non-instanced draw and stays exact.
 */
export function provincesLayers(data: FeatureCollection, view: BasemapView): Layer[] {
  return [
    new GeoJsonLayer({
      id: 'basemap-provinces',
      data,
      stroked: false,
      filled: true,
      getFillColor: [236, 232, 220, 255],
      pickable: false,
    }),
    new LineLayer<BoundarySegment>({
      id: 'basemap-province-boundaries',
      data: boundarySegments(data, view),
      getSourcePosition: (s) => s.from as [number, number],
      getTargetPosition: (s) => s.to as [number, number],
      getColor: [120, 120, 120, 255],
      widthUnits: 'pixels',
      getWidth: 1,
      pickable: false,
    }),
  ];
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
