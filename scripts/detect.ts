// `npm run detect -- --t1 A.tif --t2 B.tif [--redline R.geojson] [--reserve X.geojson] [--admin A.geojson]
//    --out patches.geojson`
// Each patch is attributed as in the app (src/core/geo: id, ellipsoidal area_ha, redline_ha, cx/cy, province…
// township) against the red lines, reserves, the admin layer given (features with a GB/T 2260 code) and the
// bundled province outlines and division names of public/. The location text names a seat only of an admin
// unit given with --admin that covers the patch, and only within 50 km; otherwise it gives coordinates.
// Options: --bands red,green,blue (roles of file bands 1, 2, 3…) or --bands 3,2,1,4 (1-based file bands of
// blue, green, red, nir[, swir1, swir2]); default by band count (3: red,green,blue; 4: blue,green,red,nir;
// 6: blue,green,red,nir,swir1,swir2). --dates T1,T2 (YYYY-MM-DD; warns when seasons differ), --min-area M (m²),
// --k K (robust-z threshold instead of the automatic one), --threshold V (fixed threshold of the statistic),
// --params '{…}' (any parameter), --workers N (worker threads for tile work; default: one per core for scenes
// over 4 Mpx, else none). Bad input: a message and exit code 2, nothing written.
// Writes a GeoJSON FeatureCollection of patches in lon/lat with a `run` member (inputs, parameters, calibration,
// provenance).
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import type { Feature } from 'geojson';
import type { PatchFeature } from '../src/core/detect/types.ts';
import { polygonRegionMask } from '../src/core/detect/mask.ts';
import type { DetectParamsInput } from '../src/core/detect/params.ts';
import { detectChanges } from '../src/core/detect/pipeline.ts';
import { useNodeInflate } from '../src/io/geotiff-inflate-node.ts';
import { dateFromFileName } from '../src/core/display/band-roles.ts';
import { openPair } from '../src/io/geotiff-pair.ts';
import { nodePoolExecutor } from '../src/io/geotiff-pool-node.ts';
import { inputErrorWords, parseBandsOption, parseDatesOption } from './detect-words.ts';
import { attributeFeatures, attributionLayers, readPolygons } from './detect-attribute.ts';
import { isPassRun, runPassCli } from './detect-pass.ts';

const { values } = parseArgs({
  options: {
    t1: { type: 'string' },
    t2: { type: 'string' },
    redline: { type: 'string' },
    reserve: { type: 'string' },
    out: { type: 'string' },
    bands: { type: 'string' },
    'min-area': { type: 'string' },
    k: { type: 'string' },
    threshold: { type: 'string' },
    params: { type: 'string' },
    workers: { type: 'string' },
    dates: { type: 'string' },
    admin: { type: 'string', multiple: true },
    year: { type: 'string' },
    shard: { type: 'string' },
    'tile-size': { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(`detect: ${message}`);
  process.exit(2);
}

/** The app's attribution of detected patches, with the same bundled reference data. */
async function attribute(patches: PatchFeature[], year: number): Promise<Feature[]> {
  const layers = attributionLayers({ redline: values.redline, reserve: values.reserve, admin: values.admin });
  return attributeFeatures(patches, layers, year, Boolean(values.redline));
}

if (isPassRun(values)) process.exit(await runPassCli(values));
if (!values.t1 || !values.t2 || !values.out) fail('usage: --t1 A.tif --t2 B.tif --out patches.geojson');
const params: DetectParamsInput = values.params ? (JSON.parse(values.params) as DetectParamsInput) : {};
if (values['min-area']) params.minAreaM2 = Number(values['min-area']);
if (values.k) params.threshold = { method: 'robust_z', k: Number(values.k) };
if (values.threshold) params.threshold = { method: 'fixed', value: Number(values.threshold) };

useNodeInflate();
const started = new Date();
let bandsOption: ReturnType<typeof parseBandsOption>;
let datesOption: ReturnType<typeof parseDatesOption>;
let pair: Awaited<ReturnType<typeof openPair>>;
try {
  bandsOption = parseBandsOption(values.bands);
  datesOption = parseDatesOption(values.dates);
  pair = await openPair(values.t1, values.t2, bandsOption ?? {});
} catch (error) {
  fail(inputErrorWords(error) ?? (error instanceof Error ? error.message : String(error)));
}
const fromName = { t1: dateFromFileName(values.t1), t2: dateFromFileName(values.t2) };
const dates = datesOption ?? {
  ...(fromName.t1 ? { t1: fromName.t1 } : {}),
  ...(fromName.t2 ? { t2: fromName.t2 } : {}),
};
let executor: ReturnType<typeof nodePoolExecutor> | undefined;
try {
  const include = values.redline ? readPolygons(values.redline) : undefined;
  const exclude = values.reserve ? readPolygons(values.reserve) : undefined;
  const input = { ...pair.input, dates };
  if (include || exclude) {
    input.mask = polygonRegionMask(
      { ...(include ? { include } : {}), ...(exclude ? { exclude } : {}) },
      pair.input.geotransform,
      pair.fromLonLat ?? undefined,
    );
  }
  const big = pair.t2.meta.width * pair.t2.meta.height > 4_000_000;
  const workers = values.workers !== undefined ? Number(values.workers) : big ? cpus().length : 0;
  executor = workers > 0 ? nodePoolExecutor(values.t1, values.t2, { workers, plan: pair.plan }) : undefined;
  let last = 0;
  const result = await detectChanges(input, params, {
    ...(executor ? { executor } : {}),
    onProgress: (p) => {
      const now = Date.now();
      if (now - last > 1000 || p.phase === 'finish') {
        last = now;
        process.stderr.write(`detect: ${p.phase} ${p.done}/${p.total}\n`);
      }
    },
  });
  const run = {
    t1: values.t1,
    t2: values.t2,
    redline: values.redline ?? null,
    reserve: values.reserve ?? null,
    crs: pair.crs.name,
    params: result.params,
    calibration: result.calibration,
    provenance: result.provenance,
    started_at: started.toISOString(),
    finished_at: new Date().toISOString(),
    status: 'done',
    patch_count: result.patches.length,
    stats: result.stats,
  };
  const year = values.year ? Number(values.year) : new Date().getFullYear();
  const features = await attribute(result.patches, year);
  writeFileSync(values.out, JSON.stringify({ type: 'FeatureCollection', run, features }));
  const prov = result.provenance;
  console.log(
    `detect: ${prov.dataType} ${prov.bitDepth ? `${prov.bitDepth}-bit ` : ''}${prov.radiometry}, normalised per scene; ` +
      `bands ${prov.roles.join(',')}${prov.featuresOff.length ? `; off: ${prov.featuresOff.join(',')}` : ''}; ` +
      `threshold ${prov.thresholdMethod}${prov.thresholdFallback ? ` (${prov.thresholdFallback})` : ''}`,
  );
  if (prov.seasonWarning)
    console.log(
      'detect: warning: the two dates are in different seasons; vegetation change may be phenology',
    );
  console.log(
    `detect: ${result.patches.length} patches in ${result.stats.seconds.toFixed(1)} s → ${values.out}`,
  );
} catch (error) {
  const words = inputErrorWords(error);
  if (words === null) throw error;
  await executor?.close();
  await pair.close();
  fail(words);
} finally {
  await executor?.close();
  await pair.close();
}
