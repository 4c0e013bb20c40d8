import type { Layer } from '@deck.gl/core';
import { PathLayer, ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { DrawGeometry } from '../io/draw-geometry.ts';
import {
  grown,
  holds,
  polygonIndex,
  polygonsIn,
  type Box,
  type PolygonData,
  type PolygonIndex,
} from './view-subset.ts';

type Rgba = [number, number, number, number];

/** How each kind of layer is drawn: red lines red, reserves green, control zones orange, admin grey. */
export const KIND_STYLE: Record<string, { fill: Rgba; line: Rgba; width: number }> = {
  redline: { fill: [220, 38, 38, 50], line: [200, 20, 30, 230], width: 2 },
  control_zone: { fill: [245, 158, 11, 40], line: [217, 119, 6, 220], width: 1.5 },
  reserve: { fill: [22, 163, 74, 45], line: [21, 128, 61, 230], width: 2 },
  admin: { fill: [0, 0, 0, 0], line: [71, 85, 105, 220], width: 1.2 },
  other: { fill: [37, 99, 235, 40], line: [29, 78, 216, 220], width: 1.5 },
};

/**
 * From this many features a layer is drawn as fills only. Measured with software WebGL (SwiftShader, what a
 * laptop without a usable GPU gets): the outlines of 200,000 small polygons froze the page for ~110 s per frame,
 * their fills alone took ~4 s. At the zoom where so many features fit the view, outlines are noise anyway.
 */
export const OUTLINE_LIMIT = 20_000;

/** How a layer of `count` features is drawn: outlined, or (large layers) filled in its line colour. */
export function vectorStyle(
  kind: string,
  count: number,
): { stroked: boolean; fill: Rgba; line: Rgba; width: number } {
  const style = KIND_STYLE[kind] ??
    KIND_STYLE.other ?? { fill: [0, 0, 0, 0], line: [0, 0, 0, 255], width: 1 };
  if (count < OUTLINE_LIMIT) return { ...style, stroked: true };
  // Without outlines, the fill carries the layer: in the line colour, strong enough to read (admin fills are empty).
  return { ...style, stroked: false, fill: [style.line[0], style.line[1], style.line[2], 110] };
}

/**
 * On-screen size (px) of a layer's typical polygon below which a large layer is drawn coarse: each polygon as a
 * quadrilateral of its outer ring. Measured in SwiftShader on 200,000 polygons: the exact triangles (2.1 M) cost
 * ~3.9 s a frame, a fifth of them ~1 s. Below a few pixels the two look the same.
 */
export const COARSE_BELOW_PX = 6;

/** Whether a layer is drawn coarse at `zoom` (only large layers, and only while their polygons are tiny). */
export function drawsCoarse(geometry: DrawGeometry, zoom: number): boolean {
  if (geometry.featureCount < OUTLINE_LIMIT) return false;
  const pixels = (geometry.polygons.typicalExtent * 512 * 2 ** zoom) / 360;
  return pixels < COARSE_BELOW_PX;
}

/** What the map shows: its zoom and its lon/lat box. */
export interface MapSight {
  zoom: number;
  bounds: Box;
}

/**
 * How far the region drawn around the view reaches beyond it on each side, as a share of the view's size: a pan
 * of up to half a view redraws nothing.
 */
export const SUBSET_MARGIN = 0.5;

/** One data object per geometry and detail, so redrawing an unchanged layer never makes deck.gl re-upload it. */
const polygonData = new WeakMap<DrawGeometry, { exact: PolygonData; coarse: PolygonData }>();

/** A large layer's polygon index, and the subset drawn last with the region it covers. */
const nearView = new WeakMap<
  DrawGeometry,
  { index: PolygonIndex; region: Box | null; subset: PolygonData | null }
>();

function wholeLayer(geometry: DrawGeometry, coarse: boolean): PolygonData {
  let cached = polygonData.get(geometry);
  if (!cached) {
    const { polygons } = geometry;
    const of = (indices: Uint32Array): PolygonData => ({
      length: polygons.feature.length,
      startIndices: polygons.starts,
      attributes: { getPolygon: { value: polygons.positions, size: 2 }, indices },
    });
    cached = { exact: of(polygons.indices), coarse: of(polygons.coarseIndices) };
    polygonData.set(geometry, cached);
  }
  return coarse ? cached.coarse : cached.exact;
}

/**
 * The polygons to draw at `sight`: all of them, exactly (ordinary layers, or a large one wholly near the view);
 * all of them coarse (a large layer while its polygons are tiny); or, zoomed in on a large layer, the exact
 * polygons near the view only (src/map/view-subset.ts). The same object comes back while nothing needs
 * redrawing, so callers compare identities.
 */
export function polygonDataAt(geometry: DrawGeometry, sight: MapSight): PolygonData {
  if (geometry.featureCount < OUTLINE_LIMIT) return wholeLayer(geometry, false);
  if (drawsCoarse(geometry, sight.zoom)) return wholeLayer(geometry, true);
  let near = nearView.get(geometry);
  if (!near) {
    near = { index: polygonIndex(geometry.polygons), region: null, subset: null };
    nearView.set(geometry, near);
  }
  if (near.region && near.subset && holds(near.region, sight.bounds)) return near.subset;
  const region = grown(sight.bounds, SUBSET_MARGIN);
  if (holds(region, near.index.extent)) return wholeLayer(geometry, false);
  near.region = region;
  near.subset = polygonsIn(geometry.polygons, near.index, region);
  return near.subset;
}

/**
 * The deck.gl layers of one project vector layer as seen at `sight`, drawn from its prepared buffers (no feature objects,
 * no triangulation on the page).
 */
export function vectorLayers(id: string, kind: string, geometry: DrawGeometry, sight: MapSight): Layer[] {
  const style = vectorStyle(kind, geometry.featureCount);
  const { polygons, lines, points } = geometry;
  // Nothing reacts to a pick on a reference layer, and in software WebGL every hover pick redraws all of it.
  const common = { pickable: false, positionFormat: 'XY' as const, updateTriggers: { all: kind } };
  const out: Layer[] = [];
  if (polygons.feature.length > 0)
    out.push(
      new SolidPolygonLayer({
        ...common,
        id: `vector-${id}-fill`,
        data: polygonDataAt(geometry, sight),
        // Triangulated in the layer worker: deck.gl only uploads the buffers.
        _normalize: false,
        filled: true,
        getFillColor: style.fill,
      }),
    );
  const paths: { name: string; positions: Float64Array; starts: Uint32Array }[] = [];
  if (style.stroked && polygons.feature.length > 0)
    paths.push({ name: 'outline', positions: polygons.positions, starts: polygons.ringStarts });
  if (lines.feature.length > 0)
    paths.push({ name: 'line', positions: lines.positions, starts: lines.starts });
  for (const path of paths)
    out.push(
      new PathLayer({
        ...common,
        id: `vector-${id}-${path.name}`,
        data: {
          length: path.starts.length - 1,
          startIndices: path.starts,
          attributes: { getPath: { value: path.positions, size: 2 } },
        },
        // Rings are stored closed, so an open path draws the whole outline.
        _pathType: 'open',
        getColor: style.line,
        widthUnits: 'pixels',
        getWidth: style.width,
      }),
    );
  if (points.feature.length > 0)
    out.push(
      new ScatterplotLayer({
        ...common,
        id: `vector-${id}-point`,
        data: {
          length: points.feature.length,
          attributes: { getPosition: { value: points.positions, size: 2 } },
        },
        radiusUnits: 'pixels',
        getRadius: 4,
        stroked: true,
        getFillColor: style.fill[3] > 0 ? style.fill : style.line,
        getLineColor: style.line,
        lineWidthUnits: 'pixels',
        getLineWidth: 1,
      }),
    );
  return out;
}
