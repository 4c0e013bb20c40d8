/**
 * A minimal GeoTIFF writer for tests: little-endian, one uncompressed strip, bands interleaved per pixel,
 * north-up geotransform and an EPSG code (geographic 4326/4490 or projected). Enough for the project's reader.
 */
import type { Geotransform } from '../../../src/core/raster/types.ts';

export interface TiffSpec {
  width: number;
  height: number;
  /** One array per band (all of one type: Uint8Array, Uint16Array or Float32Array). */
  bands: (Uint8Array | Uint16Array | Float32Array)[];
  /** Omit to write a TIFF without georeferencing. */
  geotransform?: Geotransform;
  epsg?: number;
}

interface Entry {
  tag: number;
  type: number;
  values: number[];
}

const SIZE: Record<number, number> = { 3: 2, 4: 4, 12: 8 };

export function writeGeoTiff(spec: TiffSpec): Uint8Array {
  const { width, height, bands } = spec;
  const n = bands.length;
  const first = bands[0]!;
  const bytesPer = first.BYTES_PER_ELEMENT;
  const float = first instanceof Float32Array;
  const entries: Entry[] = [
    { tag: 256, type: 4, values: [width] },
    { tag: 257, type: 4, values: [height] },
    { tag: 258, type: 3, values: new Array<number>(n).fill(8 * bytesPer) },
    { tag: 259, type: 3, values: [1] },
    { tag: 262, type: 3, values: [1] },
    { tag: 273, type: 4, values: [0] },
    { tag: 277, type: 3, values: [n] },
    { tag: 278, type: 4, values: [height] },
    { tag: 279, type: 4, values: [width * height * n * bytesPer] },
    { tag: 284, type: 3, values: [1] },
  ];
  if (n > 1) entries.push({ tag: 338, type: 3, values: new Array<number>(n - 1).fill(0) });
  entries.push({ tag: 339, type: 3, values: new Array<number>(n).fill(float ? 3 : 1) });
  if (spec.geotransform) {
    const gt = spec.geotransform;
    const epsg = spec.epsg ?? 4326;
    const geographic = epsg === 4326 || epsg === 4490;
    entries.push({ tag: 33550, type: 12, values: [gt[1], -gt[5], 0] });
    entries.push({ tag: 33922, type: 12, values: [0, 0, 0, gt[0], gt[3], 0] });
    entries.push({
      tag: 34735,
      type: 3,
      values: [
        1,
        1,
        0,
        3,
        1024,
        0,
        1,
        geographic ? 2 : 1,
        1025,
        0,
        1,
        1,
        geographic ? 2048 : 3072,
        0,
        1,
        epsg,
      ],
    });
  }
  entries.sort((a, b) => a.tag - b.tag);
  const ifdOffset = 8;
  const ifdSize = 2 + entries.length * 12 + 4;
  let extra = ifdOffset + ifdSize;
  const extraOffsets = entries.map((e) => {
    const bytes = e.values.length * SIZE[e.type]!;
    if (bytes <= 4) return -1;
    const at = extra;
    extra += bytes + (bytes % 2);
    return at;
  });
  const dataOffset = extra;
  entries.find((e) => e.tag === 273)!.values[0] = dataOffset;
  const total = dataOffset + width * height * n * bytesPer;
  const buffer = new ArrayBuffer(total);
  const view = new DataView(buffer);
  view.setUint16(0, 0x4949, true);
  view.setUint16(2, 42, true);
  view.setUint32(4, ifdOffset, true);
  view.setUint16(ifdOffset, entries.length, true);
  const put = (at: number, type: number, v: number): void => {
    if (type === 3) view.setUint16(at, v, true);
    else if (type === 4) view.setUint32(at, v, true);
    else view.setFloat64(at, v, true);
  };
  entries.forEach((e, i) => {
    const at = ifdOffset + 2 + i * 12;
    view.setUint16(at, e.tag, true);
    view.setUint16(at + 2, e.type, true);
    view.setUint32(at + 4, e.values.length, true);
    const where = extraOffsets[i]! >= 0 ? extraOffsets[i]! : at + 8;
    if (extraOffsets[i]! >= 0) view.setUint32(at + 8, where, true);
    e.values.forEach((v, j) => put(where + j * SIZE[e.type]!, e.type, v));
  });
  view.setUint32(ifdOffset + 2 + entries.length * 12, 0, true);
  let at = dataOffset;
  for (let p = 0; p < width * height; p += 1)
    for (const band of bands) {
      const v = band[p]!;
      if (bytesPer === 1) view.setUint8(at, v);
      else if (float) view.setFloat32(at, v, true);
      else view.setUint16(at, v, true);
      at += bytesPer;
    }
  return new Uint8Array(buffer);
}
