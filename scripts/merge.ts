// `npm run merge -- shard-0.parquet shard-1.parquet … --out patches.parquet|patches.geojson`
// Joins the shards of one province pass: checks they are all there and from the same pass (fingerprint and
// shard count recorded in each), merges the parts of patches that cross tile and scene seams, applies the
// minimum mapping unit to the merged patches, numbers them in an order that depends on geometry only (so the
// result is the same whatever the number of shards) and attributes them with the app's code, against the red
// lines, reserves and admin units the pass recorded (or --redline/--reserve/--admin given again). Writes
// coverage.csv beside --out. Bad input: a message and exit code 2, nothing written.
import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { PatchProperties } from '../src/core/detect/types.ts';
import { resolveCrs } from '../src/core/geo/crs.ts';
import { unionAll } from '../src/core/geo/overlay.ts';
import { fromLonLatTransformer } from '../src/core/geo/reproject.ts';
import { decodeWkb } from '../src/core/geo/wkb.ts';
import { mergedProperties } from '../src/core/pass/merge-properties.ts';
import { lowestLeftOrder, ringsBox, seamGroups, type SeamPart } from '../src/core/pass/seams.ts';
import { featuresToGeoParquet } from '../src/io/geo-export.ts';
import { attributeFeatures, attributionLayers } from './detect-attribute.ts';
import { inputErrorWords, UsageError } from './detect-words.ts';
import { coverageCsv } from './detect-pass.ts';
import { PASS_KEY, readShard, type PassRecord, type ShardFile, type TileRecord } from './pass-record.ts';

/** The detector's own properties (what the merge recombines); the rest is recomputed or pass bookkeeping. */
const DETECTOR_KEYS = [
  'score',
  'max_score',
  'direction',
  'activity_type',
  'activity_conf',
  'problem_type',
  'rule',
  'pixel_count',
  'area_m2',
  'ndvi_t1',
  'ndvi_t2',
  'ndwi_t1',
  'ndwi_t2',
  'brightness_t1',
  'brightness_t2',
  'elongation',
  'flag',
] as const;

/** Check the shards form one whole pass; returns their common record fields. */
export function checkShards(shards: readonly ShardFile[]): PassRecord {
  if (shards.length === 0) throw new UsageError('give the shard files to merge');
  const first = shards[0]!;
  for (const s of shards) {
    if (s.record.fingerprint !== first.record.fingerprint)
      throw new UsageError(
        `${basename(s.path)} is from a different pass than ${basename(first.path)} (other scenes, red lines, grid or parameters: fingerprints ${s.record.fingerprint} and ${first.record.fingerprint})`,
      );
    if (s.record.shard.count !== first.record.shard.count)
      throw new UsageError(
        `${basename(s.path)} is shard ${s.record.shard.index} of ${s.record.shard.count}, but ${basename(first.path)} is of ${first.record.shard.count}`,
      );
  }
  const count = first.record.shard.count;
  const seen = new Map<number, string>();
  for (const s of shards) {
    const other = seen.get(s.record.shard.index);
    if (other !== undefined)
      throw new UsageError(
        `shard ${s.record.shard.index} of ${count} is given twice (${other} and ${basename(s.path)})`,
      );
    seen.set(s.record.shard.index, basename(s.path));
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0)
    throw new UsageError(
      `${missing.length === 1 ? 'shard' : 'shards'} ${missing.join(', ')} of ${count} ${missing.length === 1 ? 'is' : 'are'} missing: merge needs every shard of the pass`,
    );
  return first.record;
}

interface Part {
  tile: TileRecord;
  order: number;
  geometry: Polygon | MultiPolygon;
  props: Record<string, unknown>;
}

/** Options of a merge. */
export interface MergeOptions {
  shards: string[];
  out: string;
  redline?: string | undefined;
  reserve?: string | undefined;
  admin?: string[] | undefined;
  log?: (line: string) => void;
}

/** Merge shards into one set of patches; writes --out and coverage.csv beside it. */
export async function mergeShards(o: MergeOptions): Promise<{ features: Feature[]; tiles: TileRecord[] }> {
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const geojson = /\.geojson$/i.test(o.out);
  if (!geojson && !/\.parquet$/i.test(o.out))
    throw new UsageError(`--out ${o.out}: give a .parquet or .geojson file`);
  const shards: ShardFile[] = [];
  for (const path of o.shards) shards.push(await readShard(path));
  const record = checkShards(shards);
  const reference = (
    given: string | undefined,
    recorded: string | null,
    option: string,
  ): string | undefined => {
    const path = given ?? recorded ?? undefined;
    if (path !== undefined && !existsSync(path))
      throw new UsageError(
        `the ${option} file ${path} the pass used is not there; give it again with --${option}`,
      );
    return path;
  };
  const redline = reference(o.redline, record.inputs.redline, 'redline');
  const reserve = reference(o.reserve, record.inputs.reserve, 'reserve');
  const admin = o.admin?.length
    ? o.admin
    : record.inputs.admin.map((a) => reference(undefined, a, 'admin')!).filter(Boolean);
  const crs = resolveCrs(record.grid.crs);
  const fromLonLat = fromLonLatTransformer(crs);
  const tiles = shards.flatMap((s) => s.record.tiles).sort((a, b) => a.iy - b.iy || a.ix - b.ix);
  const tileById = new Map(tiles.map((t) => [t.tile, t]));
  // Parts in an order fixed by the grid (a tile's parts keep the order its detection gave them).
  const parts: Part[] = [];
  for (const s of shards)
    s.rows.forEach((row, order) => {
      const tile = tileById.get(String(row.tile));
      if (!tile)
        throw new UsageError(
          `${basename(s.path)}: a patch names tile ${String(row.tile)}, not in any tiles table`,
        );
      const bytes = row.geometry;
      if (!(bytes instanceof Uint8Array))
        throw new UsageError(`${basename(s.path)}: a patch has no geometry`);
      const geometry = decodeWkb(bytes);
      if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')
        throw new UsageError(`${basename(s.path)}: a patch is not a polygon`);
      parts.push({ tile, order, geometry, props: row });
    });
  parts.sort((a, b) => a.tile.iy - b.tile.iy || a.tile.ix - b.tile.ix || a.order - b.order);
  const toGrid = (lon: number, lat: number): [number, number] =>
    fromLonLat ? fromLonLat(lon, lat) : [lon, lat];
  const seamParts: SeamPart[] = parts.map((p) => ({
    ix: p.tile.ix,
    iy: p.tile.iy,
    pixel: p.tile.pixel_size ?? record.grid.tile_size / 1000,
    polygons: (p.geometry.type === 'Polygon' ? [p.geometry.coordinates] : p.geometry.coordinates).map(
      (poly) => poly.map((ring) => ring.flatMap(([lon, lat]) => toGrid(lon!, lat!))),
    ),
  }));
  const groups = seamGroups(seamParts, record.grid.tile_size);
  const merged = groups.map((group) => {
    const members = group.map((i) => parts[i]!);
    const detector = members.map(
      (m) =>
        Object.fromEntries(
          DETECTOR_KEYS.filter((k) => m.props[k] !== null && m.props[k] !== undefined).map((k) => [
            k,
            m.props[k],
          ]),
        ) as unknown as PatchProperties,
    );
    let geometry: Polygon | MultiPolygon = members[0]!.geometry;
    if (members.length > 1) {
      try {
        geometry = (unionAll(members.map((m) => m.geometry)) as Polygon | MultiPolygon | null) ?? geometry;
      } catch {
        // The clipper failed on these outlines: keep the parts side by side in one multipolygon.
        geometry = {
          type: 'MultiPolygon',
          coordinates: members.flatMap((m) =>
            m.geometry.type === 'Polygon' ? [m.geometry.coordinates] : m.geometry.coordinates,
          ),
        };
      }
    }
    const distinct = (key: string): string =>
      [...new Set(members.map((m) => String(m.props[key] ?? '')))].join(',');
    const largest = members.reduce((a, b) =>
      Number(b.props.pixel_count) > Number(a.props.pixel_count) ? b : a,
    );
    return {
      geometry,
      box: ringsBox(group.flatMap((i) => seamParts[i]!.polygons)),
      pixel: Math.min(...group.map((i) => seamParts[i]!.pixel)),
      properties: {
        ...mergedProperties(detector),
        tile: distinct('tile'),
        t1_scene: distinct('t1_scene'),
        t2_scene: distinct('t2_scene'),
        pair_reason: String(largest.props.pair_reason ?? ''),
        parts: members.length,
      },
    };
  });
  // Parts kept small at a tile border (they might have joined a neighbour) meet the minimum mapping unit here.
  const kept = merged.filter((m) => m.properties.area_m2 >= record.min_area_m2 - 0.5);
  kept.sort((a, b) => lowestLeftOrder(a.box, b.box, Math.min(a.pixel, b.pixel)));
  const layers = attributionLayers({ redline, reserve, admin });
  const features = await attributeFeatures(kept, layers, record.year, Boolean(redline));
  const summary = {
    ...record,
    shard: { index: null, count: record.shard.count },
    tiles,
    merged_at: new Date().toISOString(),
    patch_count: features.length,
  };
  if (geojson) writeFileSync(o.out, JSON.stringify({ type: 'FeatureCollection', run: summary, features }));
  else
    writeFileSync(
      o.out,
      featuresToGeoParquet(features, undefined, [{ key: PASS_KEY, value: JSON.stringify(summary) }]),
    );
  const csv = join(dirname(o.out), 'coverage.csv');
  writeFileSync(csv, coverageCsv(tiles));
  log(
    `merge: ${shards.length} shards, ${tiles.length} tiles, ${parts.length} parts → ${features.length} patches → ${o.out} (coverage: ${csv})`,
  );
  return { features, tiles };
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      redline: { type: 'string' },
      reserve: { type: 'string' },
      admin: { type: 'string', multiple: true },
    },
  });
  try {
    if (!values.out)
      throw new UsageError('usage: npm run merge -- shard-0.parquet shard-1.parquet … --out patches.parquet');
    await mergeShards({
      shards: positionals,
      out: values.out,
      redline: values.redline,
      reserve: values.reserve,
      admin: values.admin,
    });
    return 0;
  } catch (error) {
    const words = inputErrorWords(error);
    if (words === null) throw error;
    console.error(`merge: ${words}`);
    return 2;
  }
}

if (process.argv[1] && /merge\.ts$/.test(process.argv[1])) process.exit(await main());
