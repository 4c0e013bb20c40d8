/**
 * Fuzz cases per reader: a fast-check arbitrary of plans (plain data: what to generate or how to mutate which
 * valid fixture) and the bytes a plan builds. Case `i` of a run is the first sample of `seedOf(seed, i)`, so
 * the parent process can rebuild any case the child crashed or hung on, and a report can name it.
 * Imports no reader: the parent process (vitest) only generates.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { encodeWkb } from '../../../src/core/geo/wkb.ts';
import { describeMutations, mutate, mutations, type Mutation } from './mutations.ts';
import { bundleCase, bundlePlans, type BundlePlan } from './bundle-cases.ts';

export const TARGETS = ['geojson', 'shapefile', 'parquet', 'csv', 'geotiff', 'bundle'] as const;
export type TargetName = (typeof TARGETS)[number];

/** One input file. `how` says how it was made, for reports. */
export interface FuzzCase {
  name: string;
  bytes: Uint8Array;
  how: string;
}

const file = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
const V = 'tests/fixtures/vector/';

/** Valid (and a few invalid) files each reader starts from. */
const SEEDS: Record<Exclude<TargetName, 'bundle'>, string[]> = {
  geojson: [
    `${V}small.geojson`,
    `${V}holes_4545_gdal_4490.geojson`,
    `${V}redline_4527_crs_member.geojson`,
    'sample-data/beihai/reserves.geojson',
    'sample-data/beihai/admin-counties.geojson',
    `${V}bad/truncated.geojson`,
  ],
  shapefile: [
    `${V}holes_4545_utf8.zip`,
    `${V}redline_4527_gbk.zip`,
    `${V}redline_4527_gbk_nocpg.zip`,
    `${V}redline_beijing1954_21420.zip`,
    `${V}redline_xian1980_2385.zip`,
    `${V}bad/no_shx.zip`,
    `${V}bad/no_prj_projected.zip`,
  ],
  parquet: [`${V}redline_4527.parquet`, `${V}redline_crs84.parquet`, `${V}redline_plain_wkb.parquet`],
  csv: [`${V}points_utf8_bom.csv`, `${V}points_gbk.csv`],
  geotiff: ['sample-data/beihai/truth.tif', 'sample-data/beihai/t1.tif'],
};
const seedCache = new Map<string, Uint8Array>();
const seedBytes = (
  target: Exclude<TargetName, 'bundle'>,
  index: number,
): { path: string; bytes: Uint8Array } => {
  const list = SEEDS[target];
  const path = list[index % list.length] ?? '';
  let bytes = seedCache.get(path);
  if (!bytes) seedCache.set(path, (bytes = file(path)));
  return { path, bytes };
};

const mutatePlan = fc.record({ kind: fc.constant('mutate' as const), seed: fc.nat(), ops: mutations });
type MutatePlan = { kind: 'mutate'; seed: number; ops: Mutation[] };

function mutated(target: Exclude<TargetName, 'bundle'>, plan: MutatePlan, name: string): FuzzCase {
  const seed = seedBytes(target, plan.seed);
  return { name, bytes: mutate(seed.bytes, plan.ops), how: `${seed.path}: ${describeMutations(plan.ops)}` };
}

/** Property names, including the ones that pollute prototypes when a reader assigns them blindly. */
const key = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'),
  },
);
const lonLat = fc.tuple(
  fc.double({ min: 100, max: 120, noNaN: true }),
  fc.double({ min: 20, max: 40, noNaN: true }),
);
/** A closed ring of 3–8 lon/lat points: valid geometry, so the properties and structure get tested too. */
const closedRing = fc.array(lonLat, { minLength: 3, maxLength: 8 }).map((points) => [...points, points[0]]);

// ---- GeoJSON: generated documents (odd types, coordinates, CRS members, properties) and mutated files.
const coordinate = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -200, max: 200, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(1e308, -1e308, 5e-324, -0, 0, 4e6, 3.9e7) },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 4 }), fc.constant(null), fc.boolean()) },
);
const position = fc.array(coordinate, { maxLength: 4 });
const ring = fc.array(position, { maxLength: 9 });
const coordinates = fc.oneof(
  position,
  ring,
  fc.array(ring, { maxLength: 3 }),
  fc.array(fc.array(ring, { maxLength: 3 }), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);
const geometry = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constantFrom(
        'Point',
        'MultiPoint',
        'LineString',
        'MultiLineString',
        'Polygon',
        'MultiPolygon',
        'polygon',
        'Nonsense',
      ),
      coordinates,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('GeometryCollection'),
      geometries: fc.array(fc.record({ type: fc.constant('Polygon'), coordinates }), { maxLength: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.oneof(fc.constant(null), fc.jsonValue({ maxDepth: 2 })) },
);
const properties = fc.oneof(
  fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 1 }),
);
const feature = fc.record(
  {
    type: fc.constantFrom('Feature', 'Feature', 'Feature', 'feature'),
    properties,
    geometry,
    id: fc.jsonValue(),
  },
  { requiredKeys: ['type', 'geometry'] },
);
const crsMember = fc.oneof(
  fc.record({
    type: fc.constant('name'),
    properties: fc.record({
      name: fc.oneof(
        fc.integer({ min: 0, max: 40000 }).map((code) => `urn:ogc:def:crs:EPSG::${code}`),
        fc.integer({ min: 0, max: 40000 }).map((code) => `EPSG:${code}`),
        fc.string({ maxLength: 20 }),
      ),
    }),
  }),
  fc.jsonValue({ maxDepth: 2 }),
);
const validFeature = fc.record({
  type: fc.constant('Feature'),
  properties: fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 }),
  geometry: fc.oneof(
    closedRing.map((ring) => ({ type: 'Polygon', coordinates: [ring] })),
    fc.array(closedRing, { minLength: 1, maxLength: 3 }).map((rings) => ({
      type: 'MultiPolygon',
      coordinates: rings.map((ring) => [ring]),
    })),
    lonLat.map((point) => ({ type: 'Point', coordinates: point })),
  ),
});
const geojsonDocument = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('FeatureCollection'),
      features: fc.array(
        fc.oneof({ weight: 4, arbitrary: validFeature }, { weight: 1, arbitrary: feature }),
        {
          minLength: 1,
          maxLength: 6,
        },
      ),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record(
      {
        type: fc.constantFrom('FeatureCollection', 'FeatureCollection', 'featurecollection'),
        features: fc.oneof(fc.array(feature, { maxLength: 6 }), fc.jsonValue({ maxDepth: 1 })),
        crs: crsMember,
        name: fc.string({ maxLength: 8 }),
      },
      { requiredKeys: ['type', 'features'] },
    ),
  },
  { weight: 1, arbitrary: feature },
  { weight: 1, arbitrary: geometry },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);
const geojsonPlans = fc.oneof(
  fc.record({
    kind: fc.constant('generate' as const),
    doc: geojsonDocument,
    bom: fc.boolean(),
    indent: fc.nat(2),
  }),
  mutatePlan,
);
type GeoJsonPlan = { kind: 'generate'; doc: unknown; bom: boolean; indent: number } | MutatePlan;

function geojsonCase(plan: GeoJsonPlan): FuzzCase {
  if (plan.kind === 'mutate') return mutated('geojson', plan, 'fuzz.geojson');
  const text = (plan.bom ? '\uFEFF' : '') + JSON.stringify(plan.doc, null, plan.indent);
  return { name: 'fuzz.geojson', bytes: strToU8(text), how: `generated: ${text.slice(0, 120)}` };
}

// ---- Shapefile: mutate the zip, or one part inside it (then zip again), dropping parts at times.
const PARTS = ['shp', 'shx', 'dbf', 'prj', 'cpg'] as const;
const shapefilePlans = fc.oneof(
  mutatePlan,
  fc.record({
    kind: fc.constant('part' as const),
    seed: fc.nat(),
    part: fc.constantFrom(...PARTS),
    ops: mutations,
    drop: fc.subarray([...PARTS], { maxLength: 2 }),
    level: fc.constantFrom(0 as const, 6 as const),
  }),
);
type ShapefilePlan =
  | MutatePlan
  | {
      kind: 'part';
      seed: number;
      part: (typeof PARTS)[number];
      ops: Mutation[];
      drop: string[];
      level: 0 | 6;
    };

function shapefileCase(plan: ShapefilePlan): FuzzCase {
  if (plan.kind === 'mutate') return mutated('shapefile', plan, 'fuzz.zip');
  const seed = seedBytes('shapefile', plan.seed);
  const entries: Record<string, Uint8Array> = {};
  for (const [name, bytes] of Object.entries(unzipSync(seed.bytes))) {
    const ext = name.split('.').pop()?.toLowerCase() ?? '';
    if (plan.drop.includes(ext)) continue;
    entries[name] = ext === plan.part ? mutate(bytes, plan.ops) : bytes;
  }
  return {
    name: 'fuzz.zip',
    bytes: zipSync(entries, { level: plan.level }),
    how: `${seed.path} .${plan.part}: ${describeMutations(plan.ops)}; without ${plan.drop.join(',') || '-'}`,
  };
}

// ---- Parquet: mutated fixtures, and generated files whose WKB and `geo` metadata are fuzzed.
const wkbValue = fc.oneof(
  fc.record({
    ring: fc.array(lonLat, { minLength: 3, maxLength: 6 }),
    ops: fc.option(mutations, { nil: undefined }),
  }),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ raw: [...bytes] })),
);
const geoMetadata = fc.oneof(
  fc.constant('valid'),
  fc.constant('none'),
  fc.string({ maxLength: 30 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc
    .record({ encoding: fc.constantFrom('WKB', 'wkb', 'point', 'WKT'), crs: fc.jsonValue({ maxDepth: 2 }) })
    .map((c) => JSON.stringify({ version: '1.1.0', primary_column: 'geometry', columns: { geometry: c } })),
);
const parquetPlans = fc.oneof(
  mutatePlan,
  fc.record({
    kind: fc.constant('generate' as const),
    geometries: fc.array(wkbValue, { minLength: 1, maxLength: 5 }),
    geo: geoMetadata,
    names: fc.array(key, { maxLength: 5 }),
    codec: fc.constantFrom('UNCOMPRESSED', 'SNAPPY'),
  }),
);
type WkbValue = { ring: [number, number][]; ops?: Mutation[] } | { raw: number[] };
type ParquetPlan =
  MutatePlan | { kind: 'generate'; geometries: WkbValue[]; geo: string; names: string[]; codec: string };

function parquetCase(plan: ParquetPlan): FuzzCase {
  if (plan.kind === 'mutate') return mutated('parquet', plan, 'fuzz.parquet');
  const wkb = plan.geometries.map((g) => {
    if ('raw' in g) return Uint8Array.from(g.raw);
    const ring = [...g.ring, g.ring[0] ?? [0, 0]];
    const bytes = encodeWkb({ type: 'Polygon', coordinates: [ring] });
    return g.ops ? mutate(bytes, g.ops) : bytes;
  });
  const geo =
    plan.geo === 'valid'
      ? JSON.stringify({
          version: '1.1.0',
          primary_column: 'geometry',
          columns: { geometry: { encoding: 'WKB' } },
        })
      : plan.geo;
  const bytes = new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: 'geometry', data: wkb, type: 'BYTE_ARRAY' },
        { name: 'name', data: wkb.map((_, i) => plan.names[i] ?? null), type: 'STRING' },
      ],
      codec: plan.codec as 'UNCOMPRESSED',
      ...(plan.geo === 'none' ? {} : { kvMetadata: [{ key: 'geo', value: geo }] }),
    }),
  );
  return { name: 'fuzz.parquet', bytes, how: `generated: ${wkb.length} WKB, geo ${geo.slice(0, 80)}` };
}

// ---- CSV: generated tables (coordinate-like columns, quoting, separators) and mutated files.
const cell = fc.oneof(
  fc.double({ min: -200, max: 200, noNaN: true }).map(String),
  fc.string({ maxLength: 8 }),
  fc.constantFrom('', '"', '""', '"a,b"', '\r', 'NaN', '1e400', '１２３'),
);
const csvPlans = fc.oneof(
  mutatePlan,
  fc.record({
    kind: fc.constant('generate' as const),
    header: fc.array(fc.oneof(fc.constantFrom('lon', 'lat', '经度', '纬度', 'x', 'y', 'name'), key), {
      maxLength: 5,
    }),
    rows: fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 }),
    separator: fc.constantFrom(',', ';', '\t', '|'),
  }),
);
type CsvPlan = MutatePlan | { kind: 'generate'; header: string[]; rows: string[][]; separator: string };

function csvCase(plan: CsvPlan): FuzzCase {
  if (plan.kind === 'mutate') return mutated('csv', plan, 'fuzz.csv');
  const text = [plan.header, ...plan.rows].map((row) => row.join(plan.separator)).join('\n');
  return { name: 'fuzz.csv', bytes: strToU8(text), how: `generated: ${text.slice(0, 120)}` };
}

// ---- GeoTIFF: mutated sample images (a small one and a tiled 4-band one with overviews).
function geotiffCase(plan: MutatePlan): FuzzCase {
  return mutated('geotiff', plan, 'fuzz.tif');
}

/** A plan arbitrary and a builder, per target. */
const TABLE: {
  [K in TargetName]: { plans: fc.Arbitrary<unknown>; build: (plan: never) => FuzzCase | Promise<FuzzCase> };
} = {
  geojson: { plans: geojsonPlans, build: geojsonCase },
  shapefile: { plans: shapefilePlans, build: shapefileCase },
  parquet: { plans: parquetPlans, build: parquetCase },
  csv: { plans: csvPlans, build: csvCase },
  geotiff: { plans: mutatePlan, build: geotiffCase },
  bundle: { plans: bundlePlans, build: (plan: BundlePlan) => bundleCase(plan) },
};

/** The fast-check seed of case `index` of a run seeded `seed`. */
export function seedOf(seed: number, index: number): number {
  return (seed ^ Math.imul(index + 1, 0x9e3779b1)) | 0;
}

/** Case `index` of a run. */
export async function caseAt(target: TargetName, seed: number, index: number): Promise<FuzzCase> {
  const entry = TABLE[target];
  const [plan] = fc.sample(entry.plans, { seed: seedOf(seed, index), numRuns: 1 });
  return entry.build(plan as never);
}
