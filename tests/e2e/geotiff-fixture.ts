// Synthetic GeoTIFFs for the imagery tests: uncompressed, one strip, WGS 84 / UTM 49N, with a DateTime tag, and
// a pair made of fields of vegetation where T2 has a new bright bare square.

export interface TiffSpec {
  width: number;
  height: number;
  bands: number;
  bits: 8 | 16;
  /** 2 = RGB, 1 = min-is-black. */
  photometric: number;
  /** TIFF DateTime, "YYYY:MM:DD HH:MM:SS". */
  dateTime: string;
  value: (x: number, y: number, band: number) => number;
  /** Upper-left corner (UTM 49N metres); ORIGIN when absent. */
  origin?: [number, number];
}

// Upper-left corner in WGS 84 / UTM zone 49N (near Beihai) and the pixel size: 1 m, finer than the 2 m rule.
const ORIGIN: [number, number] = [408_000, 2_375_000];
const PIXEL_M = 1;

/** An uncompressed, pixel-interleaved, one-strip GeoTIFF in EPSG:32649 with a DateTime tag. */
export function geoTiff(spec: TiffSpec): Buffer {
  const { width, height, bands, bits } = spec;
  const bytesPerSample = bits / 8;
  const pixelBytes = width * height * bands * bytesPerSample;
  const ascii = `${spec.dateTime}\0`;
  const geoKeys = [1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, 32649];
  // [tag, type, values]: type 3 SHORT, 4 LONG, 2 ASCII, 12 DOUBLE. Tags ascending, as TIFF requires.
  const entries: [number, number, number[] | string][] = [
    [256, 4, [width]],
    [257, 4, [height]],
    [258, 3, Array.from({ length: bands }, () => bits)],
    [259, 3, [1]],
    [262, 3, [spec.photometric]],
    [273, 4, [0]], // patched below: the strip follows the extra data
    [277, 3, [bands]],
    [278, 4, [height]],
    [279, 4, [pixelBytes]],
    [284, 3, [1]],
    [306, 2, ascii],
    [339, 3, Array.from({ length: bands }, () => 1)],
    [33550, 12, [PIXEL_M, PIXEL_M, 0]],
    [33922, 12, [0, 0, 0, ...(spec.origin ?? ORIGIN), 0]],
    [34735, 3, geoKeys],
  ];
  const size = (type: number): number => (type === 3 ? 2 : type === 4 ? 4 : type === 12 ? 8 : 1);
  const count = (values: number[] | string): number => values.length;
  const ifdBytes = 2 + entries.length * 12 + 4;
  let extraAt = 8 + ifdBytes;
  const extras: { at: number; type: number; values: number[] | string }[] = [];
  const placed = entries.map(([tag, type, values]) => {
    const bytes = size(type) * count(values);
    if (bytes <= 4) return { tag, type, values, at: -1 };
    const at = extraAt;
    extraAt += bytes + (bytes % 2);
    extras.push({ at, type, values });
    return { tag, type, values, at };
  });
  const stripAt = extraAt;
  const out = Buffer.alloc(stripAt + pixelBytes);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  out.writeUInt16LE(entries.length, 8);
  const write = (type: number, values: number[] | string, at: number): void => {
    if (typeof values === 'string') {
      out.write(values, at, 'latin1');
      return;
    }
    values.forEach((value, i) => {
      const p = at + i * size(type);
      if (type === 3) out.writeUInt16LE(value, p);
      else if (type === 4) out.writeUInt32LE(value, p);
      else out.writeDoubleLE(value, p);
    });
  };
  placed.forEach(({ tag, type, values, at }, i) => {
    const entry = 10 + i * 12;
    out.writeUInt16LE(tag, entry);
    out.writeUInt16LE(type, entry + 2);
    out.writeUInt32LE(count(values), entry + 4);
    const data = tag === 273 ? [stripAt] : values;
    if (at < 0) write(type, data, entry + 8);
    else out.writeUInt32LE(at, entry + 8);
  });
  out.writeUInt32LE(0, 8 + 2 + entries.length * 12);
  for (const { at, type, values } of extras) write(type, values, at);
  let p = stripAt;
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1)
      for (let b = 0; b < bands; b += 1) {
        const v = Math.max(0, Math.min(2 ** bits - 1, Math.round(spec.value(x, y, b))));
        if (bits === 8) out.writeUInt8(v, p);
        else out.writeUInt16LE(v, p);
        p += bytesPerSample;
      }
  return out;
}

/** A deterministic texture: fields of green vegetation with some noise (the same at both dates). */
export function texture(x: number, y: number, band: number): number {
  const field = (Math.floor(x / 32) * 7 + Math.floor(y / 32) * 13) % 5;
  const noise = Math.sin(x * 12.9898 + y * 78.233 + band * 37.719) * 43758.5453;
  const jitter = (noise - Math.floor(noise)) * 12;
  const base = [
    [60, 95, 50],
    [70, 110, 55],
    [55, 85, 45],
    [80, 100, 70],
    [65, 105, 60],
  ][field]!;
  return (base[band] ?? 60) + jitter;
}

export const SIZE = 256;
/** A new bright bare-ground square of 70 × 70 m at T2 (4,900 m², above the 3,000 m² default). */
export const inSquare = (x: number, y: number): boolean => x >= 90 && x < 160 && y >= 90 && y < 160;

export const rgbT1 = geoTiff({
  width: SIZE,
  height: SIZE,
  bands: 3,
  bits: 8,
  photometric: 2,
  dateTime: '2018:03:10 10:30:00',
  value: texture,
});
export const rgbT2 = geoTiff({
  width: SIZE,
  height: SIZE,
  bands: 3,
  bits: 8,
  photometric: 2,
  dateTime: '2018:09:20 10:30:00',
  value: (x, y, b) => (inSquare(x, y) ? [150, 118, 88][b]! + (x % 7) : texture(x, y, b) + 4),
});
export const fourBand = geoTiff({
  width: SIZE,
  height: SIZE,
  bands: 4,
  bits: 16,
  photometric: 1,
  dateTime: '2019:04:02 10:30:00',
  value: (x, y, b) => (b === 3 ? 600 : texture(x, y, b) * 3),
});

/** T1 moved 5 km east: a pair whose footprints do not meet. */
export const rgbElsewhere = geoTiff({
  width: SIZE,
  height: SIZE,
  bands: 3,
  bits: 8,
  photometric: 2,
  dateTime: '2018:04:20 10:30:00',
  value: texture,
  origin: [413_000, 2_375_000],
});
