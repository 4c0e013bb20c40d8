/**
 * Measures the change pipeline against a truth raster (1 = change):
 *   npx tsx scripts/eval-cli.ts --t1 A.tif --t2 B.tif --truth T.tif [--min-area M] [--bands 0,1,2,3]
 *   npx tsx scripts/eval-cli.ts --all DIR   (DIR/<city>/{t1,t2,truth}.tif; per-city and pooled F1)
 * Output polygons are rasterised onto the truth grid (the polygons are what users get, not the mask).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fromArrayBuffer, type GeoTIFFImage } from 'geotiff';
import { geotiffSource } from '../src/core/change/geotiff-source.ts';
import { detectChanges, type ChangeOptions } from '../src/core/change/pipeline.ts';
import { scoreAgainstTruth, type Counts } from '../src/core/change/evaluate.ts';

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function openImage(path: string): Promise<GeoTIFFImage> {
  const bytes = readFileSync(path);
  const tiff = await fromArrayBuffer(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
  return tiff.getImage();
}

/** Global overrides for experiments: CHANGE_OPTIONS='{"smoothRadius":0}'. */
const overrides = JSON.parse(process.env.CHANGE_OPTIONS ?? '{}') as Partial<ChangeOptions>;

async function evaluate(t1: string, t2: string, truthPath: string): Promise<Counts> {
  const bands = (arg('bands') ?? '0,1,2,3').split(',').map(Number);
  const minArea = arg('min-area');
  const result = await detectChanges(geotiffSource(await openImage(t1)), geotiffSource(await openImage(t2)), {
    bands1: bands,
    bands2: bands,
    ...(minArea ? { minAreaM2: Number(minArea) } : {}),
    ...overrides,
  });
  const truthImage = await openImage(truthPath);
  const truth = (
    await truthImage.readRasters({ samples: [0], interleave: false })
  )[0] as unknown as ArrayLike<number>;
  const source = geotiffSource(truthImage);
  return scoreAgainstTruth(
    result.patches.map((p) => p.geometry),
    truth,
    source.width,
    source.height,
    source.transform,
  );
}

const f = (x: number): string => x.toFixed(4);
const f1 = (c: Counts): number => (2 * c.tp) / Math.max(1, 2 * c.tp + c.fp + c.fn);

async function main(): Promise<void> {
  const all = arg('all');
  if (all) {
    const pooled = { tp: 0, fp: 0, fn: 0 };
    for (const city of readdirSync(all).sort()) {
      const dir = join(all, city);
      if (!existsSync(join(dir, 'truth.tif'))) continue;
      const c = await evaluate(join(dir, 't1.tif'), join(dir, 't2.tif'), join(dir, 'truth.tif'));
      pooled.tp += c.tp;
      pooled.fp += c.fp;
      pooled.fn += c.fn;
      console.log(
        `${city} pixel_f1=${f(f1(c))} precision=${f(c.precision)} recall=${f(c.recall)} patches=${c.patches}`,
      );
    }
    console.log(`pooled_pixel_f1=${f(f1(pooled as Counts))}`);
    return;
  }
  const t1 = arg('t1');
  const t2 = arg('t2');
  const truth = arg('truth');
  if (!t1 || !t2 || !truth)
    throw new Error('usage: eval-cli --t1 A.tif --t2 B.tif --truth T.tif [--min-area M]');
  const c = await evaluate(t1, t2, truth);
  console.log(`pixel_precision=${f(c.precision)}`);
  console.log(`pixel_recall=${f(c.recall)}`);
  console.log(`pixel_f1=${f(f1(c))}`);
  console.log(`object_precision=${f(c.objectPrecision)}`);
  console.log(`object_recall=${f(c.objectRecall)}`);
  console.log(`f1=${f(f1(c))}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
