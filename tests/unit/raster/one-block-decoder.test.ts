import './geotiff-env.ts';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fromArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { GeoTiffScene } from '../../../src/io/geotiff-scene.ts';
import { openGeoTiff } from '../../../src/io/geotiff-read.ts';
import { GeoTiffReadError } from '../../../src/io/geotiff-meta.ts';
import { prng } from './synthetic.ts';
import { writeGeoTiff } from './tiff-write.ts';

/** A tiled, DEFLATE + predictor 2 uint16 scene written by GDAL (tests/unit/indicators/fixtures). */
const DEFLATE_PRED2 = 'tests/unit/indicators/fixtures/deflate-pred2-tiled.tif';

function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** An uncompressed one-strip 3-band uint16 GeoTIFF of noisy values. */
function uncompressed(): ArrayBuffer {
  const rnd = prng(18);
  const [width, height] = [37, 23];
  const bands = [0, 1, 2].map(() =>
    Uint16Array.from({ length: width * height }, () => Math.floor(rnd() * 65536)),
  );
  return ownBuffer(
    writeGeoTiff({ width, height, bands, geotransform: [500_000, 10, 0, 2_400_000, 0, -10], epsg: 32649 }),
  );
}

/** Every band of a file, through the assessment's scene reader (blocks assembled row by row). */
async function bySceneReader(bytes: ArrayBuffer): Promise<number[][]> {
  const scene = await GeoTiffScene.open(new Blob([bytes]));
  const { width, height, bands, planar } = scene.info;
  const out = Array.from({ length: bands }, () => new Array<number>(width * height).fill(NaN));
  for (let band = 0; band < bands; band += 1)
    for (let by = 0; by < scene.blocksDown; by += 1)
      for (const block of await scene.readBlockRow(by, () => true, band)) {
        const offset = planar === 1 ? band : 0;
        for (let y = 0; y < block.height && block.row0 + y < height; y += 1)
          for (let x = 0; x < block.width && block.col0 + x < width; x += 1)
            out[band]![(block.row0 + y) * width + block.col0 + x] = block.data[
              offset + (y * block.width + x) * block.stride
            ] as number;
      }
  return out;
}

/** Every band of a file, through the windowed reader of detection and imagery (one whole-image window). */
async function byWindowReader(bytes: ArrayBuffer): Promise<number[][]> {
  const raster = await openGeoTiff(bytes);
  const { width, height } = raster.meta;
  const bands = await raster.readWindow({ x0: 0, y0: 0, x1: width, y1: height });
  await raster.close();
  return bands.map((b) => Array.from(b));
}

/** The same through geotiff.js's own reading (pako inflate, its own assembly): an independent reference. */
async function byGeotiff(bytes: ArrayBuffer): Promise<number[][]> {
  const image = await (await fromArrayBuffer(bytes)).getImage();
  const bands = (await image.readRasters({ interleave: false })) as unknown as ArrayLike<number>[];
  return Array.from(bands, (b) => Array.from(b));
}

describe('one block decoder for both GeoTIFF readers', () => {
  const fixtures: [string, () => ArrayBuffer][] = [
    ['tiled DEFLATE + predictor 2', () => ownBuffer(readFileSync(DEFLATE_PRED2))],
    ['uncompressed strip', uncompressed],
  ];
  for (const [name, make] of fixtures)
    it(`the scene reader and the window reader decode a ${name} file to the same values`, async () => {
      const bytes = make();
      const scene = await bySceneReader(bytes.slice(0));
      const windows = await byWindowReader(bytes.slice(0));
      const reference = await byGeotiff(bytes.slice(0));
      expect(scene.length).toBeGreaterThan(0);
      expect(scene.flat().some((v) => Number.isNaN(v))).toBe(false);
      expect(scene).toEqual(windows);
      expect(scene).toEqual(reference);
    });

  it('a corrupt DEFLATE block is the same GeoTiffReadError (image_damaged) in both readers', async () => {
    // One 16 × 8 strip of one uint8 band, DEFLATE, with the zlib checksum broken.
    const clean = writeGeoTiff({
      width: 16,
      height: 8,
      bands: [Uint8Array.from({ length: 128 }, (_, i) => i)],
      geotransform: [0, 1, 0, 0, 0, -1],
      epsg: 4326,
    });
    const bytes = corruptDeflate(clean, 16 * 8);
    const scene = await GeoTiffScene.open(new Blob([bytes]));
    const sceneError = await scene.readBlockRow(0, () => true).catch((e: unknown) => e);
    const raster = await openGeoTiff(bytes.slice(0));
    const windowError = await raster.readWindow({ x0: 0, y0: 0, x1: 16, y1: 8 }).catch((e: unknown) => e);
    for (const error of [sceneError, windowError]) {
      expect(error).toBeInstanceOf(GeoTiffReadError);
      expect((error as GeoTiffReadError).code).toBe('image_damaged');
    }
  });

  it('a file that is not a TIFF is a GeoTiffReadError (not_tiff) in both readers', async () => {
    const junk = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const errors = [
      await GeoTiffScene.open(new Blob([junk])).catch((e: unknown) => e),
      await openGeoTiff(junk.slice().buffer).catch((e: unknown) => e),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(GeoTiffReadError);
      expect((error as GeoTiffReadError).code).toBe('not_tiff');
    }
  });
});

/**
 * Rewrite the single uncompressed strip of a file from `writeGeoTiff` (pixels at its end) as DEFLATE with a wrong
 * Adler-32: Compression (259) becomes 8 and StripByteCounts (279) the new length.
 */
function corruptDeflate(tiff: Uint8Array, pixelBytes: number): ArrayBuffer {
  const head = tiff.subarray(0, tiff.length - pixelBytes);
  const stream = Uint8Array.from(deflateSync(tiff.subarray(tiff.length - pixelBytes)));
  stream[stream.length - 1] = stream[stream.length - 1]! ^ 0xff;
  const out = new Uint8Array(head.length + stream.length);
  out.set(head);
  out.set(stream, head.length);
  const view = new DataView(out.buffer);
  const ifd = view.getUint32(4, true);
  const count = view.getUint16(ifd, true);
  for (let i = 0; i < count; i += 1) {
    const entry = ifd + 2 + i * 12;
    const tag = view.getUint16(entry, true);
    if (tag === 259) view.setUint16(entry + 8, 8, true);
    if (tag === 279) view.setUint32(entry + 8, stream.length, true);
  }
  return out.buffer;
}
