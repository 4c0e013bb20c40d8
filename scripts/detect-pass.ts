// `npm run detect` over many scenes per date: one shard of a province pass. The tile list (the fixed grid over
// red lines − reserves that meets the imagery of both dates) is computed identically by every shard; this shard
// runs its tiles one after the other, opening only the two scenes each tile chose and reading only the tile's
// window of them, and writes GeoParquet: the patches of its tiles, cut at tile borders (the merge joins them),
// plus its tiles table in the key-value metadata `redline_pass`, and <out>.coverage.csv beside it.
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { calibrate, type CalibrationReport } from '../src/core/detect/calibrate.ts';
import { cloudAt, pixelModel } from '../src/core/detect/features.ts';
import { pixelAreaM2 } from '../src/core/detect/geometry.ts';
import { polygonRegionMask } from '../src/core/detect/mask.ts';
import { haloOf, resolveParams, type DetectParamsInput } from '../src/core/detect/params.ts';
import { detectChanges } from '../src/core/detect/pipeline.ts';
import { withResolution } from '../src/core/detect/resolution.ts';
import { DetectInputError } from '../src/core/detect/types.ts';
import { dateFromFileName } from '../src/core/display/band-roles.ts';
import { geodesicAreaM2 } from '../src/core/geo/area.ts';
import type { PreparedLayers } from '../src/core/geo/attributes.ts';
import { resolveCrs, type GeoKeys, type ResolvedCrs } from '../src/core/geo/crs.ts';
import { fromLonLatTransformer, toLonLatTransformer } from '../src/core/geo/reproject.ts';
import { stableStringify } from '../src/core/notebook/hash.ts';
import {
  CELL,
  COVERAGE_CELLS,
  cellCentre,
  cellGeotransform,
  classifyCells,
  coverageOf,
  inBox,
  type CoverageHa,
} from '../src/core/pass/coverage.ts';
import {
  boxIntersection,
  imageBox,
  passTiles,
  tilePixelWindow,
  type GridTile,
  type MapBox,
} from '../src/core/pass/grid.ts';
import { bestCovered, choosePair, type PairCandidate } from '../src/core/pass/pair-choice.ts';
import { assignShards } from '../src/core/pass/shards.ts';
import { tileInput } from '../src/core/pass/tile-input.ts';
import type { Geotransform } from '../src/core/raster/types.ts';
import { featuresToGeoParquet } from '../src/io/geo-export.ts';
import { openPair } from '../src/io/geotiff-pair.ts';
import { openGeoTiff } from '../src/io/geotiff-read.ts';
import { useNodeInflate } from '../src/io/geotiff-inflate-node.ts';
import { attributeFeatures, attributionLayers, readPolygons } from './detect-attribute.ts';
import { inputErrorWords, parseBandsOption, UsageError, type BandsOption } from './detect-words.ts';
import { isSceneSet, sceneList, shardOf } from './pass-inputs.ts';
import { PASS_FORMAT, PASS_KEY, type PassRecord, type TileRecord } from './pass-record.ts';

/** Default tile size of the grid, metres. */
export const DEFAULT_TILE_M = 2000;
/** Metres per degree used to size tiles of a lon/lat grid (fixed, so the grid never depends on latitude). */
const M_PER_DEGREE = 111_320;
/** Sample cells per side used to estimate each tile's work for the shard assignment. */
const WORK_CELLS = 16;

/** Options of a pass, as the command line gives them. */
export interface PassOptions {
  t1: string[];
  t2: string[];
  redline?: string | undefined;
  reserve?: string | undefined;
  admin?: string[] | undefined;
  shard: { index: number; count: number };
  tileSizeM: number;
  out: string;
  params: DetectParamsInput;
  bands: BandsOption;
  year: number;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
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

/** Map box of lon/lat polygons in the grid CRS. */
function polygonBoxes(
  polygons: readonly (Polygon | MultiPolygon)[],
  fromLonLat: ((lon: number, lat: number) => [number, number]) | null,
): MapBox[] {
  return polygons.map((g) => {
    const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    const rings = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const polygon of rings)
      for (const ring of polygon)
        for (const p of ring) {
          const [x, y] = fromLonLat ? fromLonLat(p[0]!, p[1]!) : [p[0]!, p[1]!];
          box.x0 = Math.min(box.x0, x);
          box.y0 = Math.min(box.y0, y);
          box.x1 = Math.max(box.x1, x);
          box.y1 = Math.max(box.y1, y);
        }
    return box;
  });
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
  const tileSize = crs.geographic ? o.tileSizeM / M_PER_DEGREE : o.tileSizeM;
  const toLonLat = toLonLatTransformer(crs);
  const fromLonLat = fromLonLatTransformer(crs);
  const include = o.redline ? readPolygons(o.redline) : undefined;
  const exclude = o.reserve ? readPolygons(o.reserve) : undefined;
  if (include && include.length === 0) throw new UsageError(`--redline ${o.redline} holds no polygon`);
  const region = { ...(include ? { include } : {}), ...(exclude ? { exclude } : {}) };
  const hasRegion = Boolean(include || exclude);
  const fingerprint = fingerprintOf(o, t1, t2, crs.id, tileSize);
  const boxes1 = t1.map((s) => s.box);
  const boxes2 = t2.map((s) => s.box);
  const regionBoxes = include ? polygonBoxes(include, fromLonLat) : [...boxes1, ...boxes2];
  const tiles = passTiles(regionBoxes, [...boxes1, ...boxes2], tileSize);
  const regionCells = (tile: GridTile, cells: number): Uint8Array | null =>
    hasRegion
      ? polygonRegionMask(
          region,
          cellGeotransform(tile.box, cells),
          fromLonLat ?? undefined,
        )({
          x0: 0,
          y0: 0,
          x1: cells,
          y1: cells,
        })
      : null;
  // Work of each tile: coarse sample cells with both dates (detection) plus one (the coverage sampling).
  const work = tiles.map((tile) => {
    const codes = classifyCells(tile.box, WORK_CELLS, regionCells(tile, WORK_CELLS), boxes1, boxes2);
    return { id: tile.id, work: 1 + codes.reduce((n, c) => n + (c === CELL.both ? 1 : 0), 0) };
  });
  const shardOfTile = assignShards(work, o.shard.count);
  const mine = tiles.filter((t) => shardOfTile.get(t.id) === o.shard.index);
  log(
    `detect: pass of ${t1.length} + ${t2.length} scenes, ${tiles.length} tiles of ${o.tileSizeM} m; shard ${o.shard.index}/${o.shard.count} runs ${mine.length}`,
  );
  const layers: PreparedLayers = attributionLayers({
    redline: o.redline,
    reserve: o.reserve,
    admin: o.admin,
  });
  const features: Feature[] = [];
  const records: TileRecord[] = [];
  for (const [k, tile] of mine.entries()) {
    const began = Date.now();
    const rec = await runTile(tile);
    rec.seconds = Math.round((Date.now() - began) / 100) / 10;
    records.push(rec);
    log(
      `detect: tile ${k + 1}/${mine.length} ${tile.id} ${rec.status} ${rec.patches} patches ${rec.seconds} s`,
    );
  }

  async function runTile(tile: GridTile): Promise<TileRecord> {
    const cells = COVERAGE_CELLS;
    const codes = classifyCells(tile.box, cells, regionCells(tile, cells), boxes1, boxes2);
    const corners: [number, number][] = [
      [tile.box.x0, tile.box.y0],
      [tile.box.x1, tile.box.y0],
      [tile.box.x1, tile.box.y1],
      [tile.box.x0, tile.box.y1],
      [tile.box.x0, tile.box.y0],
    ];
    const ring = corners.map(([x, y]) => (toLonLat ? toLonLat(x, y) : [x, y]));
    const cellHa = geodesicAreaM2({ type: 'Polygon', coordinates: [ring] }) / 10_000 / (cells * cells);
    const record: TileRecord = {
      tile: tile.id,
      ix: tile.ix,
      iy: tile.iy,
      shard: o.shard.index,
      status: 'no_pair',
      reason: null,
      t1_scene: null,
      t2_scene: null,
      pair_reason: null,
      cloud_t1: null,
      cloud_t2: null,
      candidates: [],
      patches: 0,
      pixel_size: null,
      seconds: 0,
      ...coverageOf(codes, cellHa),
    };
    const detected = new Uint8Array(codes.length);
    const cloud = new Uint8Array(codes.length);
    const finish = (): TileRecord => {
      Object.assign(record, coverageOf(codes, cellHa, detected, cloud));
      if (o.admin?.length) record.counties = countyCoverage(codes, cellHa, detected, cloud, tile);
      return record;
    };
    // Candidate pairs: scenes meeting the tile; coverage counted on the region's sample cells.
    const near1 = t1.filter((s) => boxIntersection(s.box, tile.box));
    const near2 = t2.filter((s) => boxIntersection(s.box, tile.box));
    const centres = Array.from(codes, (_, i) =>
      codes[i] === CELL.both ? cellCentre(tile.box, cells, i) : null,
    );
    const candidates: (PairCandidate & { a: Scene; b: Scene })[] = [];
    for (const a of near1)
      for (const b of near2) {
        let covered = 0;
        for (const c of centres) if (c && inBox(a.box, c[0], c[1]) && inBox(b.box, c[0], c[1])) covered += 1;
        candidates.push({
          t1: { name: a.name, date: a.date },
          t2: { name: b.name, date: b.date },
          covered,
          a,
          b,
        });
      }
    const best = bestCovered(candidates) as typeof candidates;
    if (best.length === 0) return finish();
    // Cloud is measured only where it can decide: several pairs cover the same part of the tile.
    if (best.length > 1) for (const c of best) c.cloud = await cloudOf(c.a, c.b, tile);
    const choice = choosePair(best)!;
    const chosen = choice.chosen as (typeof candidates)[number];
    record.candidates = choice.ranked.map((c) => `${c.t1.name}|${c.t2.name}`);
    record.t1_scene = chosen.a.name;
    record.t2_scene = chosen.b.name;
    record.pair_reason = choice.reason;
    record.pixel_size = chosen.b.pixel;
    centres.forEach((c, i) => {
      if (c && inBox(chosen.a.box, c[0], c[1]) && inBox(chosen.b.box, c[0], c[1])) detected[i] = 1;
    });
    const pair = await openPair(chosen.a.path, chosen.b.path, o.bands ?? {});
    try {
      const window = tilePixelWindow(
        tile.box,
        pair.input.geotransform,
        pair.t2.meta.width,
        pair.t2.meta.height,
      );
      if (!window) return finish();
      const pixelM = Math.sqrt(
        pixelAreaM2(pair.input.geotransform, pair.input.toLonLat, window.x0, window.y0),
      );
      const halo = haloOf(resolveParams(withResolution(o.params, pixelM)));
      const tin = tileInput(pair.input, window, halo, region, fromLonLat ?? undefined);
      tin.input.dates = { t1: chosen.a.date, t2: chosen.b.date };
      let result;
      try {
        result = await detectChanges(tin.input, o.params, { keepSmall: tin.touchesBorder });
      } catch (error) {
        if (
          !(error instanceof DetectInputError) ||
          error.code === 'internal' ||
          error.code === 'bad_parameter'
        )
          throw error;
        record.status = 'skipped';
        record.reason = error.code;
        detected.fill(0);
        return finish();
      }
      record.status = 'done';
      // The pipeline returns its calibration with the report it was made with (typed as the plain calibration).
      const report = (result.calibration as Partial<{ report: CalibrationReport }>).report;
      const share = report?.cloudShare ?? { t1: 0, t2: 0 };
      record.cloud_t1 = Math.round(share.t1 * 10_000) / 10_000;
      record.cloud_t2 = Math.round(share.t2 * 10_000) / 10_000;
      // Cloud-masked sample cells: the pixel under each detected cell centre, tested as the detection did.
      if (o.params.cloudMask !== false && (share.t1 > 0 || share.t2 > 0)) {
        const core = tin.core;
        const [a, b] = await Promise.all([tin.input.t1.readWindow(core), tin.input.t2.readWindow(core)]);
        const model = pixelModel(result.calibration);
        const gt = tin.input.geotransform;
        const cw = core.x1 - core.x0;
        centres.forEach((c, i) => {
          if (!c || !detected[i]) return;
          const col = Math.floor((c[0] - gt[0]) / gt[1]) - core.x0;
          const row = Math.floor((c[1] - gt[3]) / gt[5]) - core.y0;
          if (col < 0 || row < 0 || col >= cw || row >= core.y1 - core.y0) return;
          if (cloudAt(model, a, b, row * cw + col) !== 0) cloud[i] = 1;
        });
      }
      const attributed = await attributeFeatures(result.patches, layers, o.year, Boolean(o.redline));
      for (const f of attributed)
        features.push({
          ...f,
          properties: {
            ...f.properties,
            tile: tile.id,
            t1_scene: chosen.a.name,
            t2_scene: chosen.b.name,
            pair_reason: choice.reason,
          },
        });
      record.patches = attributed.length;
      return finish();
    } finally {
      await pair.close();
    }
  }

  /** Cloud and shadow share of each date of a pair over a tile (the pair's own calibration of that window). */
  async function cloudOf(a: Scene, b: Scene, tile: GridTile): Promise<{ t1: number; t2: number }> {
    const pair = await openPair(a.path, b.path, o.bands ?? {});
    try {
      const window = tilePixelWindow(
        tile.box,
        pair.input.geotransform,
        pair.t2.meta.width,
        pair.t2.meta.height,
      );
      if (!window) return { t1: 1, t2: 1 };
      const pixelM = Math.sqrt(
        pixelAreaM2(pair.input.geotransform, pair.input.toLonLat, window.x0, window.y0),
      );
      const params = resolveParams(withResolution(o.params, pixelM));
      const tin = tileInput(pair.input, window, 0, {}, undefined);
      const cal = await calibrate(tin.input, params);
      return cal.report.cloudShare;
    } catch (error) {
      // A pair that cannot be calibrated here (too few valid pixels…) ranks last.
      if (error instanceof DetectInputError) return { t1: 1, t2: 1 };
      throw error;
    } finally {
      await pair.close();
    }
  }

  /** Coverage of a tile per county of the admin units given (cell centres located like patches). */
  function countyCoverage(
    codes: Uint8Array,
    cellHa: number,
    detected: Uint8Array,
    cloud: Uint8Array,
    tile: GridTile,
  ): Record<string, CoverageHa & { name: string }> {
    const countyOf = new Array<string>(codes.length);
    const names = new Map<string, string>();
    for (let i = 0; i < codes.length; i += 1) {
      if (codes[i] === CELL.outside) continue;
      const [x, y] = cellCentre(tile.box, COVERAGE_CELLS, i);
      const [lon, lat] = toLonLat ? toLonLat(x, y) : [x, y];
      const county = layers.admin.locate(lon, lat).county;
      const code = county?.code || '000000';
      countyOf[i] = code;
      names.set(code, county?.name ?? '');
    }
    const out: Record<string, CoverageHa & { name: string }> = {};
    for (const [code, name] of [...names.entries()].sort())
      out[code] = { name, ...coverageOf(codes, cellHa, detected, cloud, (i) => countyOf[i] === code) };
    return out;
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
  writeFileSync(
    o.out,
    featuresToGeoParquet(features, undefined, [{ key: PASS_KEY, value: JSON.stringify(record) }]),
  );
  writeFileSync(coverageCsvPath(o.out), coverageCsv(records));
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
  const columns = ['region_ha', 'both_ha', 'one_ha', 'none_ha', 'detected_ha', 'cloud_ha'] as const;
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
  const tileSizeM = values['tile-size'] === undefined ? DEFAULT_TILE_M : Number(values['tile-size']);
  if (!Number.isFinite(tileSizeM) || tileSizeM <= 0)
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
