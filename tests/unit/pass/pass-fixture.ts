/**
 * Small generated scenes for pass tests: 2 × 2 scenes per date (UTM 49N, 10 m pixels, 300 × 300 px each,
 * overlapping by 100 px), one landscape seen by all of them (values depend on the ground position only, so
 * overlapping scenes agree), changed rectangles at T2 and an optional cloud on one T2 scene. Red lines cover
 * the imagery and reach 500 m west of it (red-line area with no imagery).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { resolveCrs } from '../../../src/core/geo/crs.ts';
import { toLonLatTransformer } from '../../../src/core/geo/reproject.ts';
import { writeGeoTiff } from '../raster/tiff-write.ts';

export const EPSG = 32649;
export const PIXEL = 10;
export const SIZE = 300;
/** West and south edges of the imagery; scenes start at +0 and +2000 m on each axis. */
export const X0 = 500_000;
export const Y0 = 2_400_000;

/** A ground box (map metres) and what changes there. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Changed ground at T2: bare soil where vegetation was. */
export const CHANGES: Box[] = [
  // Across the tile border x = 503 000, which is also where the chosen T2 scene changes (scene seam).
  { x0: 502_700, y0: 2_402_200, x1: 503_300, y1: 2_402_600 },
  // Across the tile border y = 2 401 000 only.
  { x0: 500_500, y0: 2_400_600, x1: 500_900, y1: 2_401_400 },
  // Inside one tile.
  { x0: 504_200, y0: 2_404_200, x1: 504_600, y1: 2_404_600 },
];

/**
 * Clouds on the cloudy T2 scene (north-east), each 80 × 80 m (under 1 % of a tile, as the detector's cloud test
 * assumes): one in ground the north-west scene also covers (the pair choice avoids it), one in ground only the
 * cloudy scene covers (the coverage report counts it as cloud-masked).
 */
export const CLOUDS: Box[] = [
  { x0: 502_400, y0: 2_403_400, x1: 502_480, y1: 2_403_480 },
  { x0: 503_500, y0: 2_403_500, x1: 503_580, y1: 2_403_580 },
];

const inside = (b: Box, x: number, y: number): boolean => x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1;

/** Deterministic noise of a ground position and a seed (0…1). */
function noise(x: number, y: number, seed: number): number {
  let h = (Math.imul(x | 0, 73856093) ^ Math.imul(y | 0, 19349663) ^ Math.imul(seed, 83492791)) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
  return ((h ^ (h >>> 15)) >>> 0) / 0xffffffff;
}

/** Four bands (blue, green, red, nir) of the ground at (x, y) on a date. */
function ground(x: number, y: number, date: 1 | 2, cloudy: boolean): [number, number, number, number] {
  // White cloud: about five times each band's own range above its low end (equal on every visible band).
  // Fields of 200 m: vegetation or bare, fixed by position.
  const field = noise(Math.floor(x / 200), Math.floor(y / 200), 7) < 0.7;
  const jitter = (seed: number): number => 60 * (noise(x, y, seed + date * 10) - 0.5);
  let v: [number, number, number, number] = field ? [700, 1000, 800, 3200] : [1400, 1700, 2000, 2400];
  if (date === 2 && CHANGES.some((b) => inside(b, x, y))) v = [1900, 2200, 2700, 1500];
  if (cloudy && CLOUDS.some((b) => inside(b, x, y))) v = [4500, 4800, 7000, 6000];
  return v.map((b, i) => Math.max(1, Math.round(b + jitter(i)))) as [number, number, number, number];
}

export interface SceneSpec {
  /** Offsets of the scene's west and south edges from X0, Y0 (0 or 2000 m). */
  dx: number;
  dy: number;
  name: string;
  cloudy?: boolean;
}

/** The four scenes of a date: south-west, south-east, north-west, north-east. */
export function sceneSpecs(date: 1 | 2): SceneSpec[] {
  const d = date === 1 ? '20230910' : '20240912';
  return [
    { dx: 0, dy: 0, name: `sw-${d}.tif` },
    { dx: 2000, dy: 0, name: `se-${d}.tif` },
    { dx: 0, dy: 2000, name: `nw-${d}.tif` },
    // The cloudy one is the latest: without its cloud it would win ties on date.
    { dx: 2000, dy: 2000, name: date === 1 ? `ne-${d}.tif` : 'ne-20240920.tif', cloudy: date === 2 },
  ];
}

/** Write a scene; returns its path. */
export function writeScene(dir: string, spec: SceneSpec, date: 1 | 2): string {
  const n = SIZE * SIZE;
  const bands = [0, 1, 2, 3].map(() => new Uint16Array(n));
  const west = X0 + spec.dx;
  const north = Y0 + spec.dy + SIZE * PIXEL;
  for (let r = 0; r < SIZE; r += 1)
    for (let c = 0; c < SIZE; c += 1) {
      const v = ground(west + (c + 0.5) * PIXEL, north - (r + 0.5) * PIXEL, date, spec.cloudy === true);
      for (let b = 0; b < 4; b += 1) bands[b]![r * SIZE + c] = v[b]!;
    }
  const path = join(dir, spec.name);
  writeFileSync(
    path,
    writeGeoTiff({
      width: SIZE,
      height: SIZE,
      bands,
      geotransform: [west, PIXEL, 0, north, 0, -PIXEL],
      epsg: EPSG,
    }),
  );
  return path;
}

/** A lon/lat polygon feature of a map box (edges densified so it stays a box in the grid CRS). */
export function boxFeature(
  b: Box,
  properties: Record<string, unknown> = {},
): FeatureCollection['features'][number] {
  const toLonLat = toLonLatTransformer(resolveCrs(EPSG))!;
  const ring: [number, number][] = [];
  const steps = 20;
  const edge = (xa: number, ya: number, xb: number, yb: number): void => {
    for (let i = 0; i < steps; i += 1)
      ring.push(toLonLat(xa + ((xb - xa) * i) / steps, ya + ((yb - ya) * i) / steps));
  };
  edge(b.x0, b.y0, b.x1, b.y0);
  edge(b.x1, b.y0, b.x1, b.y1);
  edge(b.x1, b.y1, b.x0, b.y1);
  edge(b.x0, b.y1, b.x0, b.y0);
  ring.push(ring[0]!);
  return { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } };
}

/** The red lines: the imagery's extent and 500 m west of it. */
export const REDLINE: Box = { x0: X0 - 500, y0: Y0 + 100, x1: X0 + 4900, y1: Y0 + 4900 };

/** Write every scene and the red lines under `dir` (t1/, t2/, redlines.geojson). */
export function writePassFixture(dir: string): {
  t1: string;
  t2: string;
  redline: string;
  scenes: Record<string, string>;
} {
  const scenes: Record<string, string> = {};
  for (const date of [1, 2] as const) {
    const sub = join(dir, `t${date}`);
    mkdirSync(sub, { recursive: true });
    for (const spec of sceneSpecs(date)) scenes[`t${date}/${spec.name}`] = writeScene(sub, spec, date);
  }
  const redline = join(dir, 'redlines.geojson');
  writeFileSync(
    redline,
    JSON.stringify({ type: 'FeatureCollection', features: [boxFeature(REDLINE, { name: 'test' })] }),
  );
  return { t1: join(dir, 't1'), t2: join(dir, 't2'), redline, scenes };
}
