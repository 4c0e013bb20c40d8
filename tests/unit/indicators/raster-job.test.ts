import { describe, expect, it } from 'vitest';
import './geotiff-env.ts';
import { readFileSync } from 'node:fs';
import { fromArrayBuffer } from 'geotiff';
import type { Polygon } from 'geojson';
import { GeoTiffScene } from '../../../src/io/geotiff-scene.ts';
import {
  classCountsOfScene,
  ndviHistogramsOfScene,
  toPixelOf,
} from '../../../src/core/indicators/raster-job.ts';
import { fvcOf, ndviBin, binNdvi, summariseFvc } from '../../../src/core/indicators/fvc.ts';
import { pointInAreal, type Areal } from '../../../src/core/geo/rings.ts';
import { toLonLatTransformer } from '../../../src/core/geo/reproject.ts';
import { AssessmentCancelledError } from '../../../src/core/indicators/vector.ts';

const FIXTURES = 'tests/unit/indicators/fixtures';
const blobOf = (path: string): Blob => new Blob([readFileSync(path)]);

/** One band of a scene assembled from our block reader. */
async function bandByBlocks(scene: GeoTiffScene, band: number): Promise<number[]> {
  const { width, height, planar } = scene.info;
  const out = new Array<number>(width * height).fill(-1);
  for (let by = 0; by < scene.blocksDown; by += 1)
    for (const block of await scene.readBlockRow(by, () => true, band)) {
      const offset = planar === 1 ? band : 0;
      for (let y = 0; y < block.height && block.row0 + y < height; y += 1)
        for (let x = 0; x < block.width && block.col0 + x < width; x += 1)
          out[(block.row0 + y) * width + block.col0 + x] = block.data[
            offset + (y * block.width + x) * block.stride
          ] as number;
    }
  return out;
}

/** The same band through geotiff.js's own decoders (pako inflate, its predictor code). */
async function bandByGeotiff(path: string, band: number): Promise<number[]> {
  const bytes = readFileSync(path);
  const tiff = await fromArrayBuffer(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  const image = await tiff.getImage(0);
  const [values] = (await image.readRasters({
    samples: [band],
    interleave: false,
  })) as unknown as ArrayLike<number>[];
  return Array.from(values as ArrayLike<number>);
}

const LAYOUTS = [
  'deflate-pred2-tiled.tif',
  'lzw-band-planar.tif',
  'strips-deflate-utm.tif',
  'float32-pred3.tif',
];

describe('block reader', () => {
  for (const name of LAYOUTS)
    it(`decodes ${name} exactly like geotiff.js`, async () => {
      const path = `${FIXTURES}/${name}`;
      const scene = await GeoTiffScene.open(blobOf(path));
      for (let band = 0; band < scene.info.bands; band += 1)
        expect(await bandByBlocks(scene, band)).toEqual(await bandByGeotiff(path, band));
    });

  it('reads the header facts', async () => {
    const utm = await GeoTiffScene.open(blobOf(`${FIXTURES}/strips-deflate-utm.tif`));
    expect(utm.info).toMatchObject({
      width: 40,
      height: 30,
      bands: 4,
      blockWidth: 40,
      blockHeight: 7,
      planar: 1,
      nodata: 0,
    });
    expect(utm.info.crs.epsg).toBe(32649);
    expect(utm.info.transform).toEqual({ x0: 552000, y0: 2389000, dx: 10, dy: -10 });
    const planar = await GeoTiffScene.open(blobOf(`${FIXTURES}/lzw-band-planar.tif`));
    expect(planar.info.planar).toBe(2);
    await expect(GeoTiffScene.open(new Blob([new Uint8Array([1, 2, 3, 4])]))).rejects.toThrow(/not a TIFF/);
  });
});

/** Brute force: NDVI of every pixel whose centre is in `mask`, by point-in-polygon in lon/lat. */
async function bruteForceNdvi(
  path: string,
  scene: GeoTiffScene,
  mask: Areal,
  red: number,
  nir: number,
): Promise<number[]> {
  const r = await bandByGeotiff(path, red);
  const n = await bandByGeotiff(path, nir);
  const toLonLat =
    toLonLatTransformer(scene.info.crs) ?? ((x: number, y: number): [number, number] => [x, y]);
  const { x0, y0, dx, dy } = scene.info.transform;
  const nodata = scene.info.nodata ?? (scene.info.unsigned ? 0 : null);
  const bins: number[] = [];
  for (let row = 0; row < scene.info.height; row += 1)
    for (let col = 0; col < scene.info.width; col += 1) {
      const [lon, lat] = toLonLat(x0 + (col + 0.5) * dx, y0 + (row + 0.5) * dy);
      if (pointInAreal(lon, lat, mask) !== 'inside') continue;
      const i = row * scene.info.width + col;
      const a = r[i] as number;
      const b = n[i] as number;
      if (a === nodata || b === nodata || a + b === 0) continue;
      bins.push(binNdvi(ndviBin((b - a) / (b + a))));
    }
  return bins;
}

function meanFvc(values: number[], soil: number, veg: number): number {
  return values.reduce((s, v) => s + fvcOf(v, soil, veg), 0) / values.length;
}

describe('FVC over a scene', () => {
  it('matches a per-pixel brute force inside a polygon (geographic and UTM grids)', async () => {
    for (const name of ['deflate-pred2-tiled.tif', 'strips-deflate-utm.tif', 'lzw-band-planar.tif']) {
      const path = `${FIXTURES}/${name}`;
      const scene = await GeoTiffScene.open(blobOf(path));
      // A slanted quadrilateral over most of the image, in lon/lat.
      const corner = (fx: number, fy: number): [number, number] => {
        const { x0, y0, dx, dy } = scene.info.transform;
        const t = toLonLatTransformer(scene.info.crs) ?? ((x: number, y: number): [number, number] => [x, y]);
        return t(x0 + fx * scene.info.width * dx, y0 + fy * scene.info.height * dy);
      };
      const quad: Polygon = {
        type: 'Polygon',
        coordinates: [
          [corner(0.03, 0.1), corner(0.9, 0.02), corner(0.97, 0.85), corner(0.2, 0.95), corner(0.03, 0.1)],
        ],
      };
      const hist = await ndviHistogramsOfScene(scene, { redlines: [quad], counties: [] }, { red: 2, nir: 3 });
      const s = summariseFvc(hist);
      const brute = await bruteForceNdvi(path, scene, quad, 2, 3);
      expect(s.pixels, name).toBe(brute.length);
      const sorted = [...brute].sort((a, b) => a - b);
      expect(s.ndviSoil).toBeCloseTo(sorted[Math.ceil(0.05 * sorted.length) - 1] as number, 10);
      expect(s.ndviVeg).toBeCloseTo(sorted[Math.ceil(0.95 * sorted.length) - 1] as number, 10);
      expect(s.meanFvc).toBeCloseTo(meanFvc(brute, s.ndviSoil as number, s.ndviVeg as number), 10);
    }
  });

  it('reads float scenes and counts land-cover classes per zone', async () => {
    const float = await GeoTiffScene.open(blobOf(`${FIXTURES}/float32-pred3.tif`));
    const whole: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [109, 21],
          [110, 21],
          [110, 22],
          [109, 22],
          [109, 21],
        ],
      ],
    };
    const hist = await ndviHistogramsOfScene(float, { redlines: [whole], counties: [] }, { red: 0, nir: 1 });
    // 5 columns are zero in both bands (NIR + red = 0): skipped.
    expect(summariseFvc(hist).pixels).toBe(40 * 30 - 5 * 30);
    const lc = await GeoTiffScene.open(blobOf(`${FIXTURES}/landcover-u8.tif`));
    const west: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [109, 21],
          [109.502, 21],
          [109.502, 22],
          [109, 22],
          [109, 21],
        ],
      ],
    };
    const counts = await classCountsOfScene(lc, { redlines: [whole], counties: [west] }, 0);
    const total = (z: number): number => Object.values(counts.zones[z] ?? {}).reduce((s, v) => s + v, 0);
    expect(total(0)).toBe(20 * 30); // 0.002° = 20 pixels of the west county
    expect(total(1)).toBe(20 * 30);
    const classes = await bandByGeotiff(`${FIXTURES}/landcover-u8.tif`, 0);
    const tens = classes.filter((v) => v === 10).length;
    expect((counts.zones[0]?.['10'] ?? 0) + (counts.zones[1]?.['10'] ?? 0)).toBe(tens);
  });

  it('skips blocks outside the red lines, reports progress and stops when cancelled', async () => {
    const scene = await GeoTiffScene.open(blobOf(`${FIXTURES}/deflate-pred2-tiled.tif`));
    const far: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    };
    const shares: number[] = [];
    const hist = await ndviHistogramsOfScene(
      scene,
      { redlines: [far], counties: [] },
      { red: 2, nir: 3 },
      { onProgress: (s) => shares.push(s) },
    );
    expect(summariseFvc(hist).pixels).toBe(0);
    expect(shares.at(-1)).toBe(1);
    const controller = new AbortController();
    controller.abort();
    await expect(
      ndviHistogramsOfScene(
        scene,
        { redlines: [far], counties: [] },
        { red: 2, nir: 3 },
        { signal: controller.signal },
      ),
    ).rejects.toBeInstanceOf(AssessmentCancelledError);
    await expect(
      ndviHistogramsOfScene(scene, { redlines: [far], counties: [] }, { red: 7, nir: 3 }),
    ).rejects.toThrow(/band 8/);
    const [col, row] = toPixelOf(scene.info)(109.5, 21.6);
    expect(col).toBeCloseTo(0, 9);
    expect(row).toBeCloseTo(0, 9);
  });
});
