/**
 * Raster jobs of the assessment, block by block over one scene, never the whole image in memory: the zones
 * (red lines × counties, rasterised in the scene's grid) decide which blocks are read at all, then NDVI
 * histograms (FVC) or class counts (land cover) are accumulated per zone. Used by workers/indicators.worker.ts
 * and by the FVC benchmark in Node.
 */
import { fromLonLatTransformer } from '../geo/reproject.ts';
import type { Areal } from '../geo/rings.ts';
import { accumulateNdvi, NdviHistograms } from './fvc.ts';
import type { ClassCounts } from './landcover.ts';
import { ZoneRasterizer, type ToPixel } from './rasterize.ts';
import { RasterReadError, type RasterBlock, type RasterInfo, type RasterScene } from './raster-scene.ts';
import { AssessmentCancelledError } from './vector.ts';

/** Red lines and counties in lon/lat; zones are numbered as in vector.ts. */
export interface ZoneGeometry {
  redlines: readonly Areal[];
  counties: readonly Areal[];
}

export interface RasterJobOptions {
  signal?: AbortSignal;
  /** Called after each row of blocks with the share done. */
  onProgress?: (share: number) => void;
}

/** lon/lat → fractional pixel (column, row) of a scene. */
export function toPixelOf(info: RasterInfo): ToPixel {
  const project = fromLonLatTransformer(info.crs);
  const { x0, y0, dx, dy } = info.transform;
  return (lon, lat) => {
    const [x, y] = project ? project(lon, lat) : [lon, lat];
    return [(x - x0) / dx, (y - y0) / dy];
  };
}

interface ZonedBlock {
  bx: number;
  zones: Uint8Array;
  pixels: number;
}

/** Zones of each block of one block row that holds any red-line pixel. */
function zonedBlocks(scene: RasterScene, zoner: ZoneRasterizer, by: number): ZonedBlock[] {
  const { blockWidth, blockHeight, width, height } = scene.info;
  const out: ZonedBlock[] = [];
  const row0 = by * blockHeight;
  for (let bx = 0; bx < scene.blocksAcross; bx += 1) {
    const col0 = bx * blockWidth;
    if (!zoner.mayTouch(col0, row0, col0 + blockWidth, row0 + blockHeight)) continue;
    const zones = new Uint8Array(blockWidth * blockHeight);
    if (zoner.zones(zones, col0, row0, blockWidth, blockHeight) === 0) continue;
    // Edge blocks are padded: pixels beyond the image are never assessed.
    const validCols = Math.min(blockWidth, width - col0);
    const validRows = Math.min(blockHeight, height - row0);
    if (validCols < blockWidth)
      for (let r = 0; r < blockHeight; r += 1)
        zones.fill(0, r * blockWidth + validCols, (r + 1) * blockWidth);
    if (validRows < blockHeight) zones.fill(0, validRows * blockWidth);
    out.push({ bx, zones, pixels: blockWidth * blockHeight });
  }
  return out;
}

/**
 * Visit every block that holds red-line pixels, with its zones. The next rows of blocks are read while the
 * current one is processed, so decoding and counting overlap.
 */
async function forEachZonedBlock(
  scene: RasterScene,
  zones: ZoneGeometry,
  bands: readonly number[],
  visit: (blocks: RasterBlock[], zoned: ZonedBlock) => void,
  options: RasterJobOptions,
): Promise<number> {
  const zoner = new ZoneRasterizer(zones.redlines, zones.counties, toPixelOf(scene.info));
  const rows = scene.blocksDown;
  const planarBands = scene.info.planar === 2 ? bands : [0];
  const read = async (by: number) => {
    const zoned = zonedBlocks(scene, zoner, by);
    const wanted = new Set(zoned.map((z) => z.bx));
    const perBand = await Promise.all(
      planarBands.map((b) => scene.readBlockRow(by, (bx) => wanted.has(bx), b)),
    );
    return { zoned, perBand };
  };
  let assessed = 0;
  // Two rows of blocks in flight ahead of the one being counted keep the (native, asynchronous) inflate busy.
  const AHEAD = 2;
  const pending: ReturnType<typeof read>[] = [];
  for (let by = 0; by < Math.min(rows, AHEAD); by += 1) pending.push(read(by));
  for (let by = 0; by < rows; by += 1) {
    if (options.signal?.aborted) {
      await Promise.allSettled(pending);
      throw new AssessmentCancelledError();
    }
    const current = await (pending.shift() as ReturnType<typeof read>);
    if (by + AHEAD < rows) pending.push(read(by + AHEAD));
    current.zoned.forEach((zoned, k) => {
      visit(
        current.perBand.map((blocks) => blocks[k] as RasterBlock),
        zoned,
      );
      assessed += 1;
    });
    options.onProgress?.((by + 1) / rows);
  }
  return assessed;
}

function bandIndex(info: RasterInfo, band: number, name: string): number {
  if (!Number.isInteger(band) || band < 0 || band >= info.bands)
    throw new RasterReadError(`${name} band ${band + 1} does not exist (the scene has ${info.bands})`);
  return band;
}

/**
 * NDVI histograms per zone of one scene (zero-based `red` and `nir` band indexes). Pixels equal to the
 * scene's nodata value are skipped; unsigned scenes without a nodata value treat 0 as nodata (the fill
 * value of GDAL-written edges).
 */
export async function ndviHistogramsOfScene(
  scene: RasterScene,
  zones: ZoneGeometry,
  bands: { red: number; nir: number },
  options: RasterJobOptions = {},
): Promise<NdviHistograms> {
  const red = bandIndex(scene.info, bands.red, 'red');
  const nir = bandIndex(scene.info, bands.nir, 'NIR');
  const hist = new NdviHistograms(zones.counties.length + 1);
  const nodata = scene.info.nodata ?? (scene.info.unsigned ? 0 : null);
  const interleaved = scene.info.planar === 1;
  await forEachZonedBlock(
    scene,
    zones,
    [red, nir],
    (blocks, zoned) => {
      const [a, b] = blocks;
      if (!a) return;
      if (interleaved)
        accumulateNdvi(hist, a.data, a.data, zoned.zones, zoned.pixels, {
          redOffset: red,
          nirOffset: nir,
          stride: a.stride,
          nodata,
        });
      else if (b) accumulateNdvi(hist, a.data, b.data, zoned.zones, zoned.pixels, { nodata });
    },
    options,
  );
  return hist;
}

/** Pixel counts of the class values of one band per zone (integer land-cover rasters of ≤ 16 bits). */
export async function classCountsOfScene(
  scene: RasterScene,
  zones: ZoneGeometry,
  band: number,
  options: RasterJobOptions = {},
): Promise<ClassCounts> {
  const index = bandIndex(scene.info, band, 'class');
  const zoneCount = zones.counties.length + 1;
  const size = 65_536;
  const counts = new Float64Array(zoneCount * size);
  const nodata = scene.info.nodata;
  await forEachZonedBlock(
    scene,
    zones,
    [index],
    (blocks, zoned) => {
      const block = blocks[0];
      if (!block) return;
      if (
        block.data instanceof Float32Array ||
        block.data instanceof Int32Array ||
        block.data instanceof Uint32Array
      )
        throw new RasterReadError('land-cover classes must be 8- or 16-bit integers');
      const data = block.data;
      const stride = block.stride;
      const offset = scene.info.planar === 1 ? index : 0;
      for (let i = 0; i < zoned.pixels; i += 1) {
        const zone = zoned.zones[i] as number;
        if (zone === 0) continue;
        const value = data[offset + i * stride] as number;
        if (value === nodata) continue;
        const slot = (zone - 1) * size + (value & 0xffff);
        counts[slot] = (counts[slot] as number) + 1;
      }
    },
    options,
  );
  const result: ClassCounts = { zones: [] };
  for (let z = 0; z < zoneCount; z += 1) {
    const byClass: Record<string, number> = {};
    for (let v = 0; v < size; v += 1) {
      const n = counts[z * size + v] as number;
      if (n > 0) byClass[String(v)] = n;
    }
    result.zones.push(byClass);
  }
  return result;
}
