/**
 * One tile of a province pass, from the grid cell to its patches and its report: coverage sampling, candidate
 * pairs, cloud measured where it can decide, pair choice, detection on the tile's window with the single-pair
 * pipeline, cloud-masked cells. Pure apart from the `openPair` port (Node opens files, a browser worker would open
 * File handles), so the same code can run tile by tile in a worker; each tile opens only the scenes it uses and
 * closes them before the next, which keeps memory bounded whatever the number of scenes.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { calibrate, type CalibrationReport } from '../detect/calibrate.ts';
import { cloudAt, pixelModel } from '../detect/features.ts';
import { pixelAreaM2 } from '../detect/geometry.ts';
import { polygonRegionMask, type FromLonLat } from '../detect/mask.ts';
import { haloOf, resolveParams, type DetectParamsInput } from '../detect/params.ts';
import { detectChanges } from '../detect/pipeline.ts';
import { withResolution } from '../detect/resolution.ts';
import { DetectInputError, type DetectInput, type PatchFeature } from '../detect/types.ts';
import { geodesicAreaM2 } from '../geo/area.ts';
import {
  CELL,
  COVERAGE_CELLS,
  cellCentre,
  cellGeotransform,
  classifyCells,
  coverageOf,
  inBox,
  type CoverageHa,
} from './coverage.ts';
import { boxIntersection, passTiles, tilePixelWindow, type GridTile, type MapBox } from './grid.ts';
import { bestCovered, choosePair, type PairCandidate } from './pair-choice.ts';
import { tileInput } from './tile-input.ts';

/** A scene of a pass: its name, date and footprint in the grid CRS, and pixel size in grid units. */
export interface PassScene {
  name: string;
  date: string | null;
  box: MapBox;
  pixel: number;
}

/** A pair opened for one tile: the detection input on T2's grid (see io/geotiff-pair.ts). */
export interface OpenedTilePair {
  input: DetectInput;
  close(): Promise<void>;
}

/** Everything a tile needs besides the tile. */
export interface PassSetup<S extends PassScene> {
  t1: readonly S[];
  t2: readonly S[];
  /** Red lines (include) and reserves (exclude) in lon/lat; both absent = every place the imagery covers. */
  region: { include?: readonly (Polygon | MultiPolygon)[]; exclude?: readonly (Polygon | MultiPolygon)[] };
  tileSize: number;
  toLonLat?: ((x: number, y: number) => [number, number]) | undefined;
  fromLonLat?: FromLonLat | undefined;
  params: DetectParamsInput;
  openPair(t1: S, t2: S): Promise<OpenedTilePair>;
  /** County of a lon/lat point (for coverage per county), when admin units are given. */
  countyOf?: ((lon: number, lat: number) => { code: string; name: string } | null) | undefined;
  signal?: AbortSignal;
}

/** What a tile reports (coverage and pair choice); the runner adds where and how long it ran. */
export interface TileReport extends CoverageHa {
  tile: string;
  ix: number;
  iy: number;
  /** done: detected; no_pair: no pair covers its region; skipped: the pair could not be used (`reason`). */
  status: 'done' | 'no_pair' | 'skipped';
  reason: string | null;
  t1_scene: string | null;
  t2_scene: string | null;
  /** Criteria that set other pairs aside, joined by + (e.g. least_cloud+name; only_pair). */
  pair_reason: string | null;
  /** Cloud and shadow share per date of the chosen pair in the tile. */
  cloud_t1: number | null;
  cloud_t2: number | null;
  /** Pairs considered (t1|t2 names), in order of preference. */
  candidates: string[];
  patches: number;
  /** Pixel size of the chosen T2 scene, in map units of the grid CRS. */
  pixel_size: number | null;
  /** Coverage per county (code → name and totals) when admin units were given. */
  counties?: Record<string, CoverageHa & { name: string }>;
}

/** Sample cells per side used to estimate each tile's work for the shard assignment. */
const WORK_CELLS = 16;

/** 1 per sample cell of a tile inside the region; null when there is no region (all inside). */
function regionCells<S extends PassScene>(
  setup: PassSetup<S>,
  tile: GridTile,
  cells: number,
): Uint8Array | null {
  const { include, exclude } = setup.region;
  if (!include && !exclude) return null;
  return polygonRegionMask(
    setup.region,
    cellGeotransform(tile.box, cells),
    setup.fromLonLat,
  )({
    x0: 0,
    y0: 0,
    x1: cells,
    y1: cells,
  });
}

/** Map boxes of lon/lat polygons in the grid CRS. */
function polygonBoxes(polygons: readonly (Polygon | MultiPolygon)[], fromLonLat?: FromLonLat): MapBox[] {
  return polygons.map((g) => {
    const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    for (const polygon of g.type === 'Polygon' ? [g.coordinates] : g.coordinates)
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

/**
 * The tiles of a pass and the work of each (coarse sample cells with both dates, plus one for the coverage
 * sampling): the same for every shard, computed from headers and red lines only.
 */
export function planPass<S extends PassScene>(setup: PassSetup<S>): { tile: GridTile; work: number }[] {
  const boxes1 = setup.t1.map((s) => s.box);
  const boxes2 = setup.t2.map((s) => s.box);
  const regionBoxes = setup.region.include
    ? polygonBoxes(setup.region.include, setup.fromLonLat)
    : [...boxes1, ...boxes2];
  return passTiles(regionBoxes, setup.tileSize).map((tile) => {
    const codes = classifyCells(tile.box, WORK_CELLS, regionCells(setup, tile, WORK_CELLS), boxes1, boxes2);
    return { tile, work: 1 + codes.reduce((n, c) => n + (c === CELL.both ? 1 : 0), 0) };
  });
}

/**
 * Why a tile's imagery could not be used (its data, not a bug): a coded input error, or a statistic the
 * tile's pixels do not support (e.g. too few unchanged pixels to relate the dates). Null for anything else.
 */
export function tileFailure(error: unknown): string | null {
  if (error instanceof DetectInputError)
    return error.code === 'internal' || error.code === 'bad_parameter' ? null : error.code;
  if (error instanceof Error && error.name === 'RasterError') return `statistics: ${error.message}`;
  return null;
}

/** The pipeline's calibration carries the report it was made with (typed as the plain calibration). */
const cloudShareOf = (calibration: object): { t1: number; t2: number } =>
  (calibration as Partial<{ report: CalibrationReport }>).report?.cloudShare ?? { t1: 0, t2: 0 };

/** Window of a tile on a pair's grid and the tile's detection input; null when the tile misses T2. */
function tileOf(
  pair: OpenedTilePair,
  tile: GridTile,
  params: DetectParamsInput,
  region: PassSetup<PassScene>['region'],
  fromLonLat?: FromLonLat,
) {
  const { input } = pair;
  const window = tilePixelWindow(tile.box, input.geotransform, input.t2.width, input.t2.height);
  if (!window) return null;
  const pixelM = Math.sqrt(pixelAreaM2(input.geotransform, input.toLonLat, window.x0, window.y0));
  const resolved = resolveParams(withResolution(params, pixelM));
  return { resolved, window, tin: tileInput(input, window, haloOf(resolved), region, fromLonLat) };
}

/** Cloud and shadow share of each date of a pair over a tile (the pair's own calibration of that window). */
async function cloudOf<S extends PassScene>(
  setup: PassSetup<S>,
  a: S,
  b: S,
  tile: GridTile,
): Promise<{ t1: number; t2: number }> {
  const pair = await setup.openPair(a, b);
  try {
    const t = tileOf(pair, tile, setup.params, {});
    if (!t) return { t1: 1, t2: 1 };
    // A smaller sample than detection's: enough to rank pairs by cloud, at a fraction of the reading.
    const sample = {
      ...t.resolved,
      samplePixels: Math.min(t.resolved.samplePixels, 1 << 16),
      sampleWindow: 64,
    };
    const cal = await calibrate(
      t.tin.input,
      { ...sample, fitPixels: Math.min(sample.fitPixels, 20_000) },
      setup.signal,
    );
    return cal.report.cloudShare;
  } catch (error) {
    // A pair that cannot be calibrated here (too few valid pixels…) ranks last.
    if (tileFailure(error) !== null) return { t1: 1, t2: 1 };
    throw error;
  } finally {
    await pair.close();
  }
}

/** Run one tile: its report and its patches (cut at the tile border; parts touching it are kept whatever their size). */
export async function runPassTile<S extends PassScene>(
  tile: GridTile,
  setup: PassSetup<S>,
): Promise<{ report: TileReport; patches: PatchFeature[]; t1: S | null; t2: S | null }> {
  const cells = COVERAGE_CELLS;
  const boxes1 = setup.t1.map((s) => s.box);
  const boxes2 = setup.t2.map((s) => s.box);
  const codes = classifyCells(tile.box, cells, regionCells(setup, tile, cells), boxes1, boxes2);
  const { x0, y0, x1, y1 } = tile.box;
  const ring = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ].map(([x, y]) => (setup.toLonLat ? setup.toLonLat(x!, y!) : [x!, y!]));
  const cellHa = geodesicAreaM2({ type: 'Polygon', coordinates: [ring] }) / 10_000 / (cells * cells);
  const report: TileReport = {
    tile: tile.id,
    ix: tile.ix,
    iy: tile.iy,
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
    ...coverageOf(codes, cellHa),
  };
  const detected = new Uint8Array(codes.length);
  const cloud = new Uint8Array(codes.length);
  const finish = (patches: PatchFeature[] = [], t1: S | null = null, t2: S | null = null) => {
    Object.assign(report, coverageOf(codes, cellHa, detected, cloud));
    if (setup.countyOf) report.counties = countyCoverage(setup, tile, codes, cellHa, detected, cloud);
    report.patches = patches.length;
    return { report, patches, t1, t2 };
  };
  // Candidate pairs: scenes meeting the tile; coverage counted on the region's sample cells with both dates.
  const centres = Array.from(codes, (code, i) =>
    code === CELL.both ? cellCentre(tile.box, cells, i) : null,
  );
  const candidates: (PairCandidate & { a: S; b: S })[] = [];
  for (const a of setup.t1.filter((s) => boxIntersection(s.box, tile.box)))
    for (const b of setup.t2.filter((s) => boxIntersection(s.box, tile.box))) {
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
  if (best.length > 1) for (const c of best) c.cloud = await cloudOf(setup, c.a, c.b, tile);
  const choice = choosePair(best)!;
  const { a, b } = choice.chosen as (typeof candidates)[number];
  report.candidates = choice.ranked.map((c) => `${c.t1.name}|${c.t2.name}`);
  report.t1_scene = a.name;
  report.t2_scene = b.name;
  report.pair_reason = choice.reasons.join('+');
  report.pixel_size = b.pixel;
  centres.forEach((c, i) => {
    if (c && inBox(a.box, c[0], c[1]) && inBox(b.box, c[0], c[1])) detected[i] = 1;
  });
  const pair = await setup.openPair(a, b);
  try {
    const t = tileOf(pair, tile, setup.params, setup.region, setup.fromLonLat);
    if (!t) return finish([], a, b);
    const { tin } = t;
    tin.input.dates = { t1: a.date, t2: b.date };
    let result;
    try {
      result = await detectChanges(tin.input, setup.params, {
        keepSmall: tin.touchesBorder,
        ...(setup.signal ? { signal: setup.signal } : {}),
      });
    } catch (error) {
      const reason = tileFailure(error);
      if (reason === null) throw error;
      report.status = 'skipped';
      report.reason = reason;
      detected.fill(0);
      return finish([], a, b);
    }
    report.status = 'done';
    const share = cloudShareOf(result.calibration);
    report.cloud_t1 = Math.round(share.t1 * 10_000) / 10_000;
    report.cloud_t2 = Math.round(share.t2 * 10_000) / 10_000;
    // Cloud-masked sample cells: the pixel under each detected cell centre, tested as the detection did.
    if (result.params.cloudMask && (share.t1 > 0 || share.t2 > 0)) {
      const core = tin.core;
      const [da, db] = await Promise.all([tin.input.t1.readWindow(core), tin.input.t2.readWindow(core)]);
      const model = pixelModel(result.calibration);
      const gt = tin.input.geotransform;
      const cw = core.x1 - core.x0;
      centres.forEach((c, i) => {
        if (!c || !detected[i]) return;
        const col = Math.floor((c[0] - gt[0]) / gt[1]) - core.x0;
        const row = Math.floor((c[1] - gt[3]) / gt[5]) - core.y0;
        if (col < 0 || row < 0 || col >= cw || row >= core.y1 - core.y0) return;
        if (cloudAt(model, da, db, row * cw + col) !== 0) cloud[i] = 1;
      });
    }
    return finish(result.patches, a, b);
  } finally {
    await pair.close();
  }
}

/** Coverage of a tile per county (cell centres located like patches). */
function countyCoverage<S extends PassScene>(
  setup: PassSetup<S>,
  tile: GridTile,
  codes: Uint8Array,
  cellHa: number,
  detected: Uint8Array,
  cloud: Uint8Array,
): Record<string, CoverageHa & { name: string }> {
  const countyOf = new Array<string>(codes.length);
  const names = new Map<string, string>();
  for (let i = 0; i < codes.length; i += 1) {
    if (codes[i] === CELL.outside) continue;
    const [x, y] = cellCentre(tile.box, COVERAGE_CELLS, i);
    const [lon, lat] = setup.toLonLat ? setup.toLonLat(x, y) : [x, y];
    const county = setup.countyOf?.(lon, lat) ?? null;
    const code = county?.code || '000000';
    countyOf[i] = code;
    names.set(code, county?.name ?? '');
  }
  const out: Record<string, CoverageHa & { name: string }> = {};
  for (const [code, name] of [...names.entries()].sort())
    out[code] = { name, ...coverageOf(codes, cellHa, detected, cloud, (i) => countyOf[i] === code) };
  return out;
}
