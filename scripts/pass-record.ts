// What a shard of a province pass records (GeoParquet key-value metadata `redline_pass`, JSON) and how the
// merge reads it back. One record per shard file: the pass fingerprint, the shard, the grid, and the tiles
// table (coverage and pair choice of each tile the shard ran).
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import type { CoverageHa } from '../src/core/pass/coverage.ts';
import type { PairReason } from '../src/core/pass/pair-choice.ts';
import { UsageError } from './detect-words.ts';

export const PASS_KEY = 'redline_pass';
export const PASS_FORMAT = 'redline-pass-shard/1';

/** One tile of the tiles table. */
export interface TileRecord extends CoverageHa {
  tile: string;
  ix: number;
  iy: number;
  shard: number;
  /** done: detected; no_pair: no pair covers its region; skipped: the pair could not be used (`reason`). */
  status: 'done' | 'no_pair' | 'skipped';
  reason: string | null;
  t1_scene: string | null;
  t2_scene: string | null;
  pair_reason: PairReason | null;
  /** Cloud and shadow share per date of the chosen pair in the tile. */
  cloud_t1: number | null;
  cloud_t2: number | null;
  /** Pairs considered (t1|t2 names), in order of preference. */
  candidates: string[];
  patches: number;
  /** Pixel size of the chosen T2 scene, in map units of the grid CRS. */
  pixel_size: number | null;
  seconds: number;
  /** Coverage per county (code → name and totals) when admin units were given. */
  counties?: Record<string, CoverageHa & { name: string }>;
}

/** The record of one shard. */
export interface PassRecord {
  format: typeof PASS_FORMAT;
  /** Hash of everything that makes two shards parts of one pass (inputs, grid, parameters, year). */
  fingerprint: string;
  shard: { index: number; count: number };
  grid: { crs: string; tile_size: number; cells: number };
  inputs: {
    t1: { name: string; bytes: number }[];
    t2: { name: string; bytes: number }[];
    redline: string | null;
    reserve: string | null;
    admin: string[];
  };
  params: object;
  min_area_m2: number;
  year: number;
  tiles: TileRecord[];
  started_at: string;
  finished_at: string;
}

/** A shard file read back: its record and its rows (geometry as WKB bytes). */
export interface ShardFile {
  path: string;
  record: PassRecord;
  rows: Record<string, unknown>[];
}

/** Read a shard file; words (UsageError) for a file that is not one. */
export async function readShard(path: string): Promise<ShardFile> {
  if (!existsSync(path)) throw new UsageError(`the shard ${path} does not exist`);
  const bytes = readFileSync(path);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let text: string | undefined;
  try {
    text = parquetMetadata(buffer).key_value_metadata?.find((kv) => kv.key === PASS_KEY)?.value;
  } catch {
    throw new UsageError(`${basename(path)} is not a readable Parquet file`);
  }
  if (!text) throw new UsageError(`${basename(path)} is not a shard of a pass (no ${PASS_KEY} record)`);
  let record: PassRecord;
  try {
    record = JSON.parse(text) as PassRecord;
  } catch {
    throw new UsageError(`${basename(path)}: its pass record is not readable`);
  }
  if (record.format !== PASS_FORMAT)
    throw new UsageError(`${basename(path)}: unknown pass record format ${String(record.format)}`);
  const rows = await parquetReadObjects({
    file: buffer,
    utf8: true,
    // WKB as bytes (decoded by the project's own reader), not hyparquet's GeoJSON.
    parsers: { geometryFromBytes: (b: Uint8Array) => b, geographyFromBytes: (b: Uint8Array) => b },
  });
  return { path, record, rows };
}
