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
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { attributePatches, prepareLayers } from '../src/core/geo/attributes.ts';
import {
  adminFeaturesOf,
  areaFeaturesOf,
  divisionNameRecord,
  seatsOf,
  seatsOfAdminLayers,
  type DivisionRow,
} from '../src/core/geo/reference-layers.ts';
import type { PatchFeature } from '../src/core/detect/types.ts';
import { polygonRegionMask } from '../src/core/detect/mask.ts';
import type { DetectParamsInput } from '../src/core/detect/params.ts';
import { detectChanges } from '../src/core/detect/pipeline.ts';
import { useNodeInflate } from '../src/io/geotiff-inflate-node.ts';
import { dateFromFileName } from '../src/core/display/band-roles.ts';
import { openPair } from '../src/io/geotiff-pair.ts';
import { nodePoolExecutor } from '../src/io/geotiff-pool-node.ts';
import { inputErrorWords, parseBandsOption, parseDatesOption } from './detect-words.ts';

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
  },
});

function fail(message: string): never {
  console.error(`detect: ${message}`);
  process.exit(2);
}

/** Features of a GeoJSON file (FeatureCollection, Feature or bare geometry), in lon/lat. */
function readFeatures(path: string): Feature[] {
  const json = JSON.parse(readFileSync(path, 'utf8')) as { type: string; features?: Feature[] };
  if (json.type === 'FeatureCollection') return json.features ?? [];
  if (json.type === 'Feature') return [json as unknown as Feature];
  return [{ type: 'Feature', properties: {}, geometry: json as unknown as Geometry }];
}

/** Polygons of a GeoJSON file. */
function readPolygons(path: string): (Polygon | MultiPolygon)[] {
  return readFeatures(path)
    .map((f) => f.geometry)
    .filter((g): g is Polygon | MultiPolygon => g?.type === 'Polygon' || g?.type === 'MultiPolygon');
}

const publicFile = (path: string): string => fileURLToPath(new URL(`../public/${path}`, import.meta.url));

/** The app's attribution of detected patches, with the same bundled reference data. */
async function attribute(patches: PatchFeature[], year: number): Promise<Feature[]> {
  const divisions = JSON.parse(readFileSync(publicFile('admin/divisions.json'), 'utf8')) as {
    items: DivisionRow[];
  };
  const provinces = JSON.parse(
    readFileSync(publicFile('basemap/china-provinces.geojson'), 'utf8'),
  ) as FeatureCollection;
  const bundledSeats = JSON.parse(
    readFileSync(publicFile('admin/guangxi-seats.geojson'), 'utf8'),
  ) as FeatureCollection;
  const names = divisionNameRecord(divisions.items);
  const adminFiles = (values.admin ?? []).map(readFeatures);
  // Seats only of the admin units the user gave (their own points, or bundled seats of their codes): the app's
  // rule, so the attribution names a seat only where that data covers the patch and within 50 km.
  const seats = seatsOfAdminLayers(adminFiles, seatsOf(bundledSeats));
  const layers = prepareLayers({
    redlines: values.redline ? areaFeaturesOf('redline', readFeatures(values.redline)) : [],
    reserves: values.reserve ? areaFeaturesOf('reserve', readFeatures(values.reserve)) : [],
    admin: adminFeaturesOf(adminFiles, provinces),
    namedPoints: seats,
    nameOf: (code) => names[code],
  });
  const { patches: rows } = await attributePatches(
    patches.map((p) => ({ geometry: p.geometry })),
    { layers, year, issued: {} },
  );
  return patches.map((patch, i) => {
    const a = rows[i]!;
    return {
      type: 'Feature',
      geometry: patch.geometry,
      // The annex fields first (ids, areas, place); then the detector's own properties.
      properties: {
        ...patch.properties,
        id: a.id,
        area_ha: a.area_ha,
        redline_ha: values.redline ? a.redline_ha : null,
        cx: a.cx,
        cy: a.cy,
        province: a.province,
        city: a.city,
        county: a.county,
        township: a.township,
        location: a.location,
        county_code: a.county_code,
        township_code: a.township_code,
        area_mu: a.area_mu,
        reserves_ha: a.reserves.reduce((sum, r) => sum + r.ha, 0),
      },
    };
  });
}

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
