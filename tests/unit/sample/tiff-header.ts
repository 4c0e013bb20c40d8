/**
 * A minimal reader of classic little-endian TIFF headers, enough to check the sample GeoTIFFs in Node.
 * (geotiff.js cannot be imported under vitest's worker-thread pool: its `web-worker` dependency mistakes the
 * test thread for a web worker.)
 */

export interface TiffSummary {
  /** Number of IFDs: the full-resolution image plus its overviews. */
  ifdCount: number;
  width: number;
  height: number;
  samplesPerPixel: number;
  bitsPerSample: number;
  /** [minX, minY, maxX, maxY] from ModelTiepoint + ModelPixelScale of the first IFD. */
  bbox: [number, number, number, number];
}

const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 12: 8, 16: 8 };

/** Read the first IFD's size, bands and georeferencing, and count the IFDs. */
export function readTiffSummary(bytes: Uint8Array): TiffSummary {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0) !== 0x4949 || view.getUint16(2, true) !== 42) {
    throw new Error('not a classic little-endian TIFF');
  }
  const tags = new Map<number, number[]>();
  let offset = view.getUint32(4, true);
  let ifdCount = 0;
  while (offset !== 0) {
    const entries = view.getUint16(offset, true);
    if (ifdCount === 0) {
      for (let i = 0; i < entries; i++) {
        const at = offset + 2 + i * 12;
        tags.set(view.getUint16(at, true), readValues(view, at));
      }
    }
    ifdCount++;
    offset = view.getUint32(offset + 2 + entries * 12, true);
  }
  const tag = (id: number): number[] => tags.get(id) ?? [];
  const [width = NaN] = tag(256);
  const [height = NaN] = tag(257);
  const [sx = NaN, sy = NaN] = tag(33550);
  const [, , , x0 = NaN, y0 = NaN] = tag(33922);
  return {
    ifdCount,
    width,
    height,
    samplesPerPixel: tag(277)[0] ?? 1,
    bitsPerSample: tag(258)[0] ?? NaN,
    bbox: [x0, y0 - height * sy, x0 + width * sx, y0],
  };
}

function readValues(view: DataView, at: number): number[] {
  const type = view.getUint16(at + 2, true);
  const count = view.getUint32(at + 4, true);
  const size = TYPE_SIZES[type] ?? 1;
  const base = size * count <= 4 ? at + 8 : view.getUint32(at + 8, true);
  const out: number[] = [];
  for (let i = 0; i < Math.min(count, 16); i++) {
    const p = base + i * size;
    if (type === 3) out.push(view.getUint16(p, true));
    else if (type === 4 || type === 16) out.push(view.getUint32(p, true));
    else if (type === 12) out.push(view.getFloat64(p, true));
    else out.push(view.getUint8(p));
  }
  return out;
}
