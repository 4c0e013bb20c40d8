import { fillRings, type PixelRings } from './rasterize.ts';
import { readAligned, type RasterSource } from './source.ts';
import { fitNormalisation, pixelChange, type Normalisation, type StatisticWeights } from './statistic.ts';

/** What the strip scans share: inputs, band indexes (blue, green, red, nir) and the strip height. */
export interface ScanInputs {
  t1: RasterSource;
  t2: RasterSource;
  bands1: readonly number[];
  bands2: readonly number[];
  stripRows: number;
  include: PixelRings[];
  exclude: PixelRings[];
  check: () => void;
}

/** Reads rows [row0, row1) of both dates (T1 on T2's grid) plus the search-area mask of those rows. */
async function readStrip(inputs: ScanInputs, row0: number, row1: number) {
  const width = inputs.t2.width;
  const [one, two] = await Promise.all([
    readAligned(inputs.t1, inputs.t2, inputs.bands1, row0, row1),
    inputs.t2.read([0, row0, width, row1], inputs.bands2),
  ]);
  const area = new Uint8Array(width * (row1 - row0));
  if (inputs.include.length === 0) area.fill(1);
  for (const rings of inputs.include) fillRings(rings, width, row0, row1 - row0, area, 1);
  for (const rings of inputs.exclude) fillRings(rings, width, row0, row1 - row0, area, 0);
  return { one, two, area };
}

function valid(one: ArrayLike<number>[], two: ArrayLike<number>[], i: number): boolean {
  for (let b = 0; b < 4; b++)
    if (!((one[b]?.[i] as number) > 0) || !((two[b]?.[i] as number) > 0)) return false;
  return true;
}

/** Pass 1: a regular sample of valid pixels inside the search area → normalisation and statistic scale. */
export async function samplePass(
  inputs: ScanInputs,
  weights: StatisticWeights,
  maxSamples: number,
  onStrip: (share: number) => void,
): Promise<{ norm: Normalisation; scale: number; samples: number }> {
  const { width, height } = inputs.t2;
  const step = Math.max(1, Math.floor(Math.sqrt((width * height) / maxSamples)));
  const samples = new Float32Array(Math.ceil(width / step) * Math.ceil(height / step) * 8);
  let count = 0;
  for (let row0 = 0; row0 < height; row0 += inputs.stripRows) {
    inputs.check();
    const row1 = Math.min(height, row0 + inputs.stripRows);
    const first = Math.ceil(row0 / step) * step;
    if (first < row1) {
      const { one, two, area } = await readStrip(inputs, row0, row1);
      for (let y = first; y < row1; y += step) {
        for (let x = 0; x < width; x += step) {
          const i = (y - row0) * width + x;
          if (area[i] === 0 || !valid(one, two, i)) continue;
          for (let b = 0; b < 4; b++) {
            samples[count * 8 + b] = one[b]?.[i] as number;
            samples[count * 8 + 4 + b] = two[b]?.[i] as number;
          }
          count++;
        }
      }
    }
    onStrip(row1 / height);
  }
  const norm = fitNormalisation(samples, count);
  const values = new Float32Array(count);
  for (let s = 0; s < count; s++) {
    values[s] = pixelChange(
      samples.subarray(s * 8, s * 8 + 4),
      samples.subarray(s * 8 + 4, s * 8 + 8),
      norm,
      weights,
    ).statistic;
  }
  values.sort();
  // The 99.5th percentile maps to byte 250: the byte statistic keeps resolution where the threshold falls.
  const scale = count > 0 ? Math.max(1e-6, values[Math.floor(count * 0.995)] as number) : 1;
  return { norm, scale, samples: count };
}

/**
 * Pass 2: the change statistic (smoothed by a (2r+1)² mean) as a byte per pixel (0 = outside / no data,
 * 1..255 = statistic / scale) and the direction code per pixel, written into full-scene arrays.
 */
export async function statisticPass(
  inputs: ScanInputs,
  norm: Normalisation,
  weights: StatisticWeights,
  scale: number,
  radius: number,
  statistic: Uint8Array,
  direction: Uint8Array,
  onStrip: (share: number) => void,
): Promise<void> {
  const { width, height } = inputs.t2;
  const a = [0, 0, 0, 0];
  const b = [0, 0, 0, 0];
  for (let row0 = 0; row0 < height; row0 += inputs.stripRows) {
    inputs.check();
    const row1 = Math.min(height, row0 + inputs.stripRows);
    const h0 = Math.max(0, row0 - radius);
    const h1 = Math.min(height, row1 + radius);
    const { one, two, area } = await readStrip(inputs, h0, h1);
    const rows = h1 - h0;
    const raw = new Float32Array(width * rows);
    const ok = new Uint8Array(width * rows);
    for (let i = 0; i < raw.length; i++) {
      if (!valid(one, two, i)) continue;
      for (let k = 0; k < 4; k++) {
        a[k] = one[k]?.[i] as number;
        b[k] = two[k]?.[i] as number;
      }
      const change = pixelChange(a, b, norm, weights);
      raw[i] = change.statistic;
      ok[i] = 1;
      if (area[i] === 1 && i >= (row0 - h0) * width && i < (row1 - h0) * width) {
        direction[h0 * width + i] = change.direction;
      }
    }
    for (let y = row0; y < row1; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y - h0) * width + x;
        if (area[i] === 0 || ok[i] === 0) {
          statistic[y * width + x] = 0;
          continue;
        }
        let sum = 0;
        let n = 0;
        for (let yy = Math.max(h0, y - radius); yy <= Math.min(h1 - 1, y + radius); yy++) {
          for (let xx = Math.max(0, x - radius); xx <= Math.min(width - 1, x + radius); xx++) {
            const j = (yy - h0) * width + xx;
            if (ok[j] === 0) continue;
            sum += raw[j] as number;
            n++;
          }
        }
        statistic[y * width + x] = 1 + Math.min(254, Math.round(((sum / n) * 250) / scale));
      }
    }
    onStrip(row1 / height);
  }
}
