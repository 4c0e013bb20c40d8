// `npm run eval -- --t1 A.tif --t2 B.tif --truth T.tif [--min-area M] [--bands b,g,r,n] [--k K] [--params '{…}']`
// Runs detection, rasterises the output POLYGONS onto the truth grid (band 1, 1 = change) and prints one
// metric per line, ending with `f1=<pixel_f1>`.
import { parseArgs } from 'node:util';
import type { DetectParamsInput } from '../src/core/detect/params.ts';
import { evaluateFiles } from '../src/io/geotiff-evaluate.ts';
import { useNodeInflate } from '../src/io/geotiff-inflate-node.ts';
import type { BandOrder } from '../src/io/geotiff-pair.ts';

const { values } = parseArgs({
  options: {
    t1: { type: 'string' },
    t2: { type: 'string' },
    truth: { type: 'string' },
    'min-area': { type: 'string' },
    bands: { type: 'string' },
    k: { type: 'string' },
    params: { type: 'string' },
  },
});

if (!values.t1 || !values.t2 || !values.truth) {
  console.error('eval: usage: --t1 A.tif --t2 B.tif --truth T.tif [--min-area M] [--bands b,g,r,n]');
  process.exit(2);
}
const params: DetectParamsInput = values.params ? (JSON.parse(values.params) as DetectParamsInput) : {};
if (values['min-area']) params.minAreaM2 = Number(values['min-area']);
if (values.k) params.threshold = { method: 'robust_z', k: Number(values.k) };
let bands: BandOrder | undefined;
if (values.bands) {
  const b = values.bands.split(',').map((s) => Number(s.trim()) - 1);
  if (b.length !== 4 || b.some((v) => !Number.isInteger(v) || v < 0)) {
    console.error('eval: --bands needs 4 band numbers (blue, green, red, nir), e.g. 1,2,3,4');
    process.exit(2);
  }
  bands = b as unknown as BandOrder;
}

useNodeInflate();
const { metrics } = await evaluateFiles(values.t1, values.t2, values.truth, {
  params,
  ...(bands ? { bands } : {}),
});
const f = (v: number): string => v.toFixed(4);
console.log(`pixel_precision=${f(metrics.pixelPrecision)}`);
console.log(`pixel_recall=${f(metrics.pixelRecall)}`);
console.log(`pixel_f1=${f(metrics.pixelF1)}`);
console.log(`object_precision=${f(metrics.objectPrecision)}`);
console.log(`object_recall=${f(metrics.objectRecall)}`);
console.log(`f1=${f(metrics.pixelF1)}`);
