import { GeoJsonLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Feature, MultiPolygon, Polygon } from 'geojson';

type Rgba = [number, number, number, number];

/** Stage colours: detection states in blue/purple, confirmed and later in red shades, closed grey, rejected faint. */
export const STAGE_COLOURS: Record<string, Rgba> = {
  auto: [59, 130, 246, 255],
  clue: [99, 102, 241, 255],
  suspected: [168, 85, 247, 255],
  rejected: [148, 163, 184, 200],
  confirmed: [239, 68, 68, 255],
  handed_over: [249, 115, 22, 255],
  verified: [234, 179, 8, 255],
  rectifying: [217, 119, 6, 255],
  rechecked: [16, 185, 129, 255],
  closed: [100, 116, 139, 255],
};

export interface PatchFeatureProps {
  id: string;
  stage: string;
  overdue: boolean;
}

/** Patches (cases) on the map, coloured by stage; overdue cases get a thick outline; the current one is highlighted. */
export function patchesLayer(
  features: Feature<Polygon | MultiPolygon, PatchFeatureProps>[],
  currentId: string | null,
  onClick: (id: string) => void,
): GeoJsonLayer<PatchFeatureProps> {
  return new GeoJsonLayer<PatchFeatureProps>({
    id: 'patches',
    data: features,
    stroked: true,
    filled: true,
    pickable: true,
    getFillColor: (f) => {
      const [r, g, b] = STAGE_COLOURS[f.properties.stage] ?? [59, 130, 246, 255];
      return [r, g, b, f.properties.id === currentId ? 110 : 45];
    },
    getLineColor: (f) =>
      f.properties.id === currentId
        ? [255, 255, 0, 255]
        : (STAGE_COLOURS[f.properties.stage] ?? [59, 130, 246, 255]),
    getLineWidth: (f) => (f.properties.id === currentId ? 4 : f.properties.overdue ? 3.5 : 2),
    lineWidthUnits: 'pixels',
    updateTriggers: { getFillColor: currentId, getLineColor: currentId, getLineWidth: currentId },
    onClick: (info) => {
      const id = (info.object as Feature<Polygon, PatchFeatureProps> | undefined)?.properties.id;
      if (id) onClick(id);
    },
  });
}

/** The polygon being drawn by hand: its vertices and the closing edge. */
export function drawingLayers(vertices: [number, number][]): (PathLayer | ScatterplotLayer)[] {
  const closed = vertices.length > 2 ? [...vertices, vertices[0] as [number, number]] : vertices;
  return [
    new PathLayer<{ path: [number, number][] }>({
      id: 'drawing-path',
      data: [{ path: closed }],
      getPath: (d) => d.path,
      getColor: [255, 215, 0, 255],
      getWidth: 3,
      widthUnits: 'pixels',
    }),
    new ScatterplotLayer<[number, number]>({
      id: 'drawing-vertices',
      data: vertices,
      getPosition: (d) => d,
      getRadius: 5,
      radiusUnits: 'pixels',
      getFillColor: [255, 215, 0, 255],
    }),
  ];
}
