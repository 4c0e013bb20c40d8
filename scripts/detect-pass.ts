// `npm run detect` over many scenes per date: one shard of a province pass. The tile list (the fixed grid over
// the red lines, or the imagery without them) is computed identically by every shard; this shard runs its tiles one
// after the other (src/core/pass/pass-tile.ts), opening only the scenes each tile uses and reading only the tile's
// window of them, keeps each finished tile in <out>.tiles/ so that a rerun resumes, and writes GeoParquet: the
// patch parts of its tiles, cut at tile borders (`npm run merge` joins them), with its tiles table in the
// key-value metadata `redline_pass`, and <out>.coverage.csv beside it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Feature } from 'geojson';
import { resolveParams, type DetectParamsInput } from '../src/core/detect/params.ts';
import { DetectCancelledError } from '../src/core/detect/types.ts';
import { dateFromFileName } from '../src/core/display/band-roles.ts';
import type { PreparedLayers } from '../src/core/geo/attributes.ts';
import { resolveCrs, type GeoKeys, type ResolvedCrs } from '../src/core/geo/crs.ts';
import { fromLonLatTransformer, toLonLatTransformer } from '../src/core/geo/reproject.ts';
import { stableStringify } from '../src/core/notebook/hash.ts';
import { COVERAGE_COLUMNS, COVERAGE_CELLS, type CoverageHa } from '../src/core/pass/coverage.ts';
import { defaultTileSizeM, imageBox, type MapBox } from '../src/core/pass/grid.ts';
import { planPass, runPassTile, type PassSetup } from '../src/core/pass/pass-tile.ts';
import { assignShards } from '../src/core/pass/shards.ts';
import type { Geotransform } from '../src/core/raster/types.ts';
import { featuresToGeoParquet } from '../src/io/geo-export.ts';
import { openPair } from '../src/io/geotiff-pair.ts';
import { openGeoTiff } from '../src/io/geotiff-read.ts';
import { useNodeInflate } from '../src/io/geotiff-inflate-node.ts';
import { attributeFeatures, attributionLayers, readPolygons } from './detect-attribute.ts';
import { inputErrorWords, parseBandsOption, UsageError, type BandsOption } from './detect-words.ts';
import { isSceneSet, sceneList, shardOf } from './pass-inputs.ts';
import { ShardCheckpoint } from './pass-checkpoint.ts';
import { writeWhole } from './write-whole.ts';
import { PASS_FORMAT, PASS_KEY, type PassRecord, type TileRecord } from './pass-record.ts';

/** Metres per degree used to size tiles of a lon/lat grid (fixed, so the grid never depends on latitude). */
const M_PER_DEGREE = 111_320;

/** Options of a pass, as the command line gives them. */
export interface PassOptions {
  t1: string[];
  t2: string[];
  redline?: string | undefined;
  reserve?: string | undefined;
  admin?: string[] | undefined;
  shard: { index: number; count: number };
  /** Tile size, metres; default from the scenes' pixel size (defaultTileSizeM). */
  tileSizeM?: number | undefined;
  out: string;
  params: DetectParamsInput;
  bands: BandsOption;
  year: number;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
  /** Stops the shard between tiles (finished tiles stay for the next run). */
  signal?: AbortSignal;
}

/** Option values of `npm run detect` (node:util parseArgs). */
export interface DetectValues {
  t1?: string | undefined;
  t2?: string | undefined;
  out?: string | undefined;
  redline?: string | undefined;
  reserve?: string | undefined;
  admin?: string[] | undefined;
  shard?: string | undefined;
  'tile-size'?: string | undefined;
  bands?: string | undefined;
  params?: string | undefined;
  'min-area'?: string | undefined;
  k?: string | undefined;
  threshold?: string | undefined;
  year?: string | undefined;
  dates?: string | undefined;
  workers?: string | undefined;
}

/** A pass is asked for by several scenes for a date, a folder or list, or a Parquet output. */
export function isPassRun(values: DetectValues): boolean {
  return isSceneSet(values.t1) || isSceneSet(values.t2) || /\.parquet$/i.test(values.out ?? '');
}

interface Scene {
  path: string;
  name: string;
  date: string | null;
  bytes: number;
  box: MapBox;
  gt: Geotransform;
  width: number;
  height: number;
  pixel: number;
  crs: ResolvedCrs;
}

/** Header of every scene (opened and closed again: nothing is kept open between tiles). */
async function readScenes(paths: readonly string[], date: 'T1' | 'T2'): Promise<Scene[]> {
  const scenes: Scene[] = [];
  for (const path of paths) {
    const name = basename(path);
    let raster;
    try {
      raster = await openGeoTiff(path);
    } catch (error) {
      throw new UsageError(`${date} scene ${name}: ${inputErrorWords(error) ?? String(error)}`);
    }
    const { meta } = raster;
    await raster.close();
    const gt = meta.geotransform;
    if (!gt) throw new UsageError(`${date} scene ${name} has no georeferencing (no geotransform)`);
    if (gt[2] !== 0 || gt[4] !== 0 || gt[5] >= 0)
      throw new UsageError(
        `${date} scene ${name} is rotated or not north-up: the pass needs north-up scenes`,
      );
    let crs: ResolvedCrs;
    try {
      if (meta.geoKeys) crs = resolveCrs({ geoKeys: meta.geoKeys as GeoKeys });
      else if (meta.epsg) crs = resolveCrs(meta.epsg);
      else throw new Error('no CRS');
    } catch {
      throw new UsageError(`${date} scene ${name}: no coordinate system, or one that is not supported`);
    }
    scenes.push({
      path,
      name,
      date: dateFromFileName(name),
      bytes: statSync(path).size,
      box: imageBox(gt, meta.width, meta.height),
      gt,
      width: meta.width,
      height: meta.height,
      pixel: gt[1],
      crs,
    });
  }
  return scenes;
}

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');
const fileHash = (path: string | undefined): string | null => (path ? sha256(readFileSync(path)) : null);

/** Fingerprint of a pass: scene names and sizes, reference files' contents, grid, parameters and year. */
function fingerprintOf(o: PassOptions, t1: Scene[], t2: Scene[], crs: string, tileSize: number): string {
  return sha256(
    stableStringify({
      t1: t1.map((s) => [s.name, s.bytes]),
      t2: t2.map((s) => [s.name, s.bytes]),
      redline: fileHash(o.redline),
      reserve: fileHash(o.reserve),
      admin: (o.admin ?? []).map((a) => fileHash(a)),
      crs,
      tileSize,
      cells: COVERAGE_CELLS,
      params: o.params,
      bands: o.bands,
      year: o.year,
    }),
  ).slice(0, 32);
}

/** Run one shard of a pass. Returns the record written. */
export async function runShard(o: PassOptions): Promise<PassRecord> {
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const started = new Date();
  useNodeInflate();
  const t1 = await readScenes(o.t1, 'T1');
  const t2 = await readScenes(o.t2, 'T2');
  const all = [...t1, ...t2];
  const crs = all[0]!.crs;
  const other = all.find((s) => s.crs.proj4 !== crs.proj4);
  if (other)
    throw new UsageError(
      `the scenes are in different coordinate systems (${all[0]!.name}: ${crs.name}; ${other.name}: ${other.crs.name}); the pass needs one`,
    );
  const finest = Math.min(...all.map((s) => s.pixel)) * (crs.geographic ? M_PER_DEGREE : 1);
  const tileSizeM = o.tileSizeM ?? defaultTileSizeM(finest);
  const tileSize = crs.geographic ? tileSizeM / M_PER_DEGREE : tileSizeM;
  const include = o.redline ? readPolygons(o.redline) : undefined;
  const exclude = o.reserve ? readPolygons(o.reserve) : undefined;
  if (include && include.length === 0) throw new UsageError(`--redline ${o.redline} holds no polygon`);
  const fingerprint = fingerprintOf(o, t1, t2, crs.id, tileSize);
  const layers: PreparedLayers = attributionLayers({
    redline: o.redline,
    reserve: o.reserve,
    admin: o.admin,
  });
  const setup: PassSetup<Scene> = {
    t1,
    t2,
    region: { ...(include ? { include } : {}), ...(exclude ? { exclude } : {}) },
    tileSize,
    toLonLat: toLonLatTransformer(crs) ?? undefined,
    fromLonLat: fromLonLatTransformer(crs) ?? undefined,
    params: o.params,
    openPair: (a, b) => openPair(a.path, b.path, o.bands ?? {}),
    ...(o.signal ? { signal: o.signal } : {}),
    countyOf: o.admin?.length
      ? (lon, lat) => {
          const county = layers.admin.locate(lon, lat).county;
          return county ? { code: county.code, name: county.name } : null;
        }
      : undefined,
  };
  const plan = planPass(setup);
  const shardOfTile = assignShards(
    plan.map((p) => ({ id: p.tile.id, work: p.work })),
    o.shard.count,
  );
  const mine = plan.map((p) => p.tile).filter((t) => shardOfTile.get(t.id) === o.shard.index);
  log(
    `detect: pass of ${t1.length} + ${t2.length} scenes, ${plan.length} tiles of ${tileSizeM} m; shard ${o.shard.index}/${o.shard.count} runs ${mine.length}`,
  );
  const features: Feature[] = [];
  const records: TileRecord[] = [];
  const checkpoint = new ShardCheckpoint(o.out, { fingerprint, shard: o.shard });
  const finished = checkpoint.load();
  if (finished.size > 0) log(`detect: resuming: ${finished.size} tiles of this shard were finished earlier`);
  for (const [k, tile] of mine.entries()) {
    let done = finished.get(tile.id);
    if (!done) {
      if (o.signal?.aborted) throw new DetectCancelledError({ cause: o.signal.reason });
      const began = Date.now();
      const { report, patches, t1: a, t2: b } = await runPassTile(tile, setup);
      const attributed = await attributeFeatures(patches, layers, o.year, Boolean(o.redline));
      done = {
        record: { ...report, shard: o.shard.index, seconds: Math.round((Date.now() - began) / 100) / 10 },
        features: attributed.map((f) => ({
          ...f,
          properties: {
            ...f.properties,
            tile: tile.id,
            t1_scene: a?.name ?? null,
            t2_scene: b?.name ?? null,
            pair_reason: report.pair_reason,
          },
        })),
      };
      checkpoint.save(done);
      log(
        `detect: tile ${k + 1}/${mine.length} ${tile.id} ${report.status} ${report.patches} patches ${done.record.seconds} s`,
      );
    }
    features.push(...done.features);
    records.push(done.record);
  }

  const record: PassRecord = {
    format: PASS_FORMAT,
    fingerprint,
    shard: o.shard,
    grid: { crs: crs.id, tile_size: tileSize, cells: COVERAGE_CELLS },
    inputs: {
      t1: t1.map((s) => ({ name: s.name, bytes: s.bytes })),
      t2: t2.map((s) => ({ name: s.name, bytes: s.bytes })),
      redline: o.redline ?? null,
      reserve: o.reserve ?? null,
      admin: o.admin ?? [],
    },
    params: o.params,
    min_area_m2: resolveParams(o.params).minAreaM2,
    year: o.year,
    tiles: records,
    started_at: started.toISOString(),
    finished_at: new Date().toISOString(),
  };
  // The coverage table first, then the shard under a temporary name renamed at the end: a shard file that
  // exists is complete (the merge reads only those).
  writeFileSync(coverageCsvPath(o.out), coverageCsv(records));
  writeWhole(
    o.out,
    featuresToGeoParquet(features, undefined, [{ key: PASS_KEY, value: JSON.stringify(record) }]),
  );
  checkpoint.clear();
  log(
    `detect: shard ${o.shard.index}/${o.shard.count}: ${features.length} patch parts in ${records.length} tiles → ${o.out}`,
  );
  return record;
}

/** `<out>.coverage.csv` beside a shard (shards in one folder never overwrite each other's). */
export const coverageCsvPath = (out: string): string => `${out.replace(/\.parquet$/i, '')}.coverage.csv`;

const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * Coverage table: one row per tile (scope `tile`), then per county when admin units were given (scope
 * `county`, summed over the tiles), then the total (scope `total`).
 */
export function coverageCsv(tiles: readonly TileRecord[]): string {
  const columns = COVERAGE_COLUMNS;
  const header = ['scope', 'key', 'name', ...columns, 'status', 't1_scene', 't2_scene', 'pair_reason'];
  const lines = [header.join(',')];
  const sum = (rows: readonly CoverageHa[]): CoverageHa => {
    const out = { region_ha: 0, both_ha: 0, one_ha: 0, none_ha: 0, detected_ha: 0, cloud_ha: 0 };
    for (const r of rows) for (const c of columns) out[c] += r[c];
    for (const c of columns) out[c] = Math.round(out[c] * 10_000) / 10_000;
    return out;
  };
  const sorted = [...tiles].sort((a, b) => a.iy - b.iy || a.ix - b.ix);
  for (const t of sorted)
    lines.push(
      [
        'tile',
        t.tile,
        '',
        ...columns.map((c) => t[c]),
        t.status + (t.reason ? `:${t.reason}` : ''),
        t.t1_scene,
        t.t2_scene,
        t.pair_reason,
      ]
        .map(csvCell)
        .join(','),
    );
  const counties = new Map<string, { name: string; rows: CoverageHa[] }>();
  for (const t of sorted)
    for (const [code, c] of Object.entries(t.counties ?? {})) {
      const entry = counties.get(code) ?? { name: c.name, rows: [] };
      entry.rows.push(c);
      counties.set(code, entry);
    }
  for (const [code, { name, rows }] of [...counties.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const s = sum(rows);
    lines.push(['county', code, name, ...columns.map((c) => s[c]), '', '', '', ''].map(csvCell).join(','));
  }
  const total = sum(sorted);
  lines.push(['total', '', '', ...columns.map((c) => total[c]), '', '', '', ''].map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}

/** Parse the command line's values into pass options (UsageError for bad ones). */
export function passOptions(
  values: DetectValues,
  env: Readonly<Record<string, string | undefined>>,
): PassOptions {
  if (!values.t1 || !values.t2 || !values.out)
    throw new UsageError('usage: --t1 DIR|FILE[,FILE…]|@list.txt --t2 (same) --out shard-I.parquet');
  if (!/\.parquet$/i.test(values.out))
    throw new UsageError(`a pass writes GeoParquet: give --out shard-I.parquet (not ${values.out})`);
  if (values.dates)
    throw new UsageError(
      "--dates applies to one pair; a pass reads each scene's date from its file name (e.g. …_20240912.tif)",
    );
  if (values.workers)
    throw new UsageError(
      '--workers applies to one pair; a pass runs its tiles one after the other: run more shards (--shard I/N) to use more cores',
    );
  if (!existsSync(dirname(values.out)))
    throw new UsageError(`--out ${values.out}: the folder ${dirname(values.out)} does not exist`);
  const tileSizeM = values['tile-size'] === undefined ? undefined : Number(values['tile-size']);
  if (tileSizeM !== undefined && (!Number.isFinite(tileSizeM) || tileSizeM <= 0))
    throw new UsageError(`--tile-size ${values['tile-size']}: give the tile size in metres, a number > 0`);
  let params: DetectParamsInput = {};
  if (values.params) {
    try {
      params = JSON.parse(values.params) as DetectParamsInput;
    } catch {
      throw new UsageError('--params is not valid JSON');
    }
  }
  if (values['min-area']) params.minAreaM2 = Number(values['min-area']);
  if (values.k) params.threshold = { method: 'robust_z', k: Number(values.k) };
  if (values.threshold) params.threshold = { method: 'fixed', value: Number(values.threshold) };
  resolveParams(params);
  const year = values.year ? Number(values.year) : new Date().getFullYear();
  if (!Number.isInteger(year) || year < 1000 || year > 9999)
    throw new UsageError(`--year ${values.year} is not a year`);
  return {
    t1: sceneList(values.t1, 'T1'),
    t2: sceneList(values.t2, 'T2'),
    redline: values.redline,
    reserve: values.reserve,
    admin: values.admin,
    shard: shardOf(values.shard, env),
    tileSizeM,
    out: values.out,
    params,
    bands: parseBandsOption(values.bands),
    year,
  };
}

/** The command line's pass: 0 when done, 2 with a message for bad input. */
export async function runPassCli(values: DetectValues): Promise<number> {
  try {
    await runShard(passOptions(values, process.env));
    return 0;
  } catch (error) {
    const words = inputErrorWords(error);
    if (words === null) throw error;
    console.error(`detect: ${words}`);
    return 2;
  }
}
