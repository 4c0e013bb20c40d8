// `npm run eval -- --t1 A.tif --t2 B.tif --truth T.tif [--min-area M] [--bands …] [--k K] [--params '{…}']`
// or `npm run eval -- --pairs DIR... [options]` (each DIR with t1.tif, t2.tif, truth.tif).
// Runs detection, rasterises the output POLYGONS onto the truth grid (band 1, 1 = change) and prints one metric
// per line; with --pairs, one line per pair and then the pooled figures (pixels summed over the pairs). The last
// line is always `f1=<pixel_f1>` (pooled for --pairs). Bad input: a message and exit code 2.
import { existsSync } from 'node:fs';
import type { Metrics } from '../src/core/detect/evaluate.ts';
import { evaluateFiles } from '../src/io/geotiff-evaluate.ts';
import { useNodeInflate } from '../src/io/geotiff-inflate-node.ts';
import { parseEvalArgs, pooledFigures, type EvalArgs } from './eval-args.ts';
import { inputErrorWords } from './detect-words.ts';

function fail(message: string): never {
  console.error(`eval: ${message}`);
  process.exit(2);
}

let args: EvalArgs;
try {
  args = parseEvalArgs(process.argv.slice(2), existsSync);
} catch (error) {
  fail(inputErrorWords(error) ?? String(error));
}

useNodeInflate();
const f = (v: number): string => v.toFixed(4);
const rows: Metrics[] = [];
for (const pair of args.pairs) {
  let metrics: Metrics;
  try {
    ({ metrics } = await evaluateFiles(pair.t1, pair.t2, pair.truth, {
      params: args.params,
      ...(args.bands ?? {}),
    }));
  } catch (error) {
    const words = inputErrorWords(error);
    if (words === null) throw error;
    fail(`${pair.name}: ${words}`);
  }
  rows.push(metrics);
  if (args.many)
    console.log(
      `pair=${pair.name} pixel_precision=${f(metrics.pixelPrecision)} pixel_recall=${f(metrics.pixelRecall)} ` +
        `pixel_f1=${f(metrics.pixelF1)} object_precision=${f(metrics.objectPrecision)} ` +
        `object_recall=${f(metrics.objectRecall)} patches=${metrics.patches}`,
    );
}
const pooled = pooledFigures(rows);
if (args.many) console.log(`pooled over ${rows.length} pairs:`);
console.log(`pixel_precision=${f(pooled.precision)}`);
console.log(`pixel_recall=${f(pooled.recall)}`);
console.log(`pixel_f1=${f(pooled.f1)}`);
console.log(`object_precision=${f(pooled.objectPrecision)}`);
console.log(`object_recall=${f(pooled.objectRecall)}`);
if (args.many) console.log(`object_f1=${f(pooled.objectF1)}`);
console.log(`f1=${f(pooled.f1)}`);
