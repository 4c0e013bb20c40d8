import { describe, expect, it } from 'vitest';
import './geotiff-env.ts';
import { readFileSync } from 'node:fs';
import { fromArrayBuffer } from 'geotiff';
import type { FeatureCollection } from 'geojson';
import { GeoTiffScene } from '../../../src/io/geotiff-scene.ts';
import { ndviHistogramsOfScene } from '../../../src/core/indicators/raster-job.ts';
import { binNdvi, fvcOf, ndviBin, summariseFvc } from '../../../src/core/indicators/fvc.ts';
import { bboxOf, pointInAreal, type Areal } from '../../../src/core/geo/rings.ts';

const SAMPLE = 'sample-data/beihai';
const areals = (file: string): Areal[] =>
  (JSON.parse(readFileSync(`${SAMPLE}/${file}`, 'utf8')) as FeatureCollection).features.map(
    (f) => f.geometry as Areal,
  );

describe('FVC of the Beihai sample inside its red lines, per county', () => {
  it('equals a per-pixel brute force over the real COG (DEFLATE + predictor 2)', async () => {
    const redlines = areals('redlines.geojson');
    const counties = areals('admin-counties.geojson');
    const bytes = readFileSync(`${SAMPLE}/t1.tif`);
    const scene = await GeoTiffScene.open(new Blob([bytes]));
    const hist = await ndviHistogramsOfScene(scene, { redlines, counties }, { red: 2, nir: 3 });
    const s = summariseFvc(hist);

    // Independent path: geotiff.js decoding and point-in-polygon at each pixel centre.
    const tiff = await fromArrayBuffer(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    const image = await tiff.getImage(0);
    const [red, nir] = (await image.readRasters({
      samples: [2, 3],
      interleave: false,
    })) as unknown as Uint16Array[];
    const { x0, y0, dx, dy } = scene.info.transform;
    const boxes = redlines.map(bboxOf);
    const countyBoxes = counties.map(bboxOf);
    const perZone: number[][] = counties.map(() => []);
    const all: number[] = [];
    for (let row = 0; row < scene.info.height; row += 1) {
      const lat = y0 + (row + 0.5) * dy;
      for (let col = 0; col < scene.info.width; col += 1) {
        const lon = x0 + (col + 0.5) * dx;
        const inRed = redlines.some((g, i) => {
          const b = boxes[i]!;
          return (
            lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3] && pointInAreal(lon, lat, g) === 'inside'
          );
        });
        if (!inRed) continue;
        const r = red![row * scene.info.width + col]!;
        const n = nir![row * scene.info.width + col]!;
        if (r === 0 || n === 0) continue; // unsigned scene without nodata: 0 is the fill value
        const v = binNdvi(ndviBin((n - r) / (n + r)));
        all.push(v);
        const k = counties.findIndex((g, i) => {
          const b = countyBoxes[i]!;
          return (
            lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3] && pointInAreal(lon, lat, g) === 'inside'
          );
        });
        if (k >= 0) perZone[k]!.push(v);
      }
    }
    expect(s.pixels).toBe(all.length);
    expect(all.length).toBeGreaterThan(100_000);
    const sorted = [...all].sort((a, b) => a - b);
    const soil = sorted[Math.ceil(0.05 * sorted.length) - 1]!;
    const veg = sorted[Math.ceil(0.95 * sorted.length) - 1]!;
    expect(s.ndviSoil).toBeCloseTo(soil, 10);
    expect(s.ndviVeg).toBeCloseTo(veg, 10);
    const mean = (values: number[]): number =>
      values.reduce((t, v) => t + fvcOf(v, soil, veg), 0) / values.length;
    expect(s.meanFvc).toBeCloseTo(mean(all), 10);
    perZone.forEach((values, k) => {
      expect(s.zonePixels[k]).toBe(values.length);
      if (values.length > 0) expect(s.zoneMeanFvc[k]).toBeCloseTo(mean(values), 10);
    });
  });
});
