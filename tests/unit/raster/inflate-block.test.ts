import './geotiff-env.ts';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateBlock } from '../../../src/io/geotiff-inflate-web.ts';
import { prng } from './synthetic.ts';

/** The zlib stream of `raw` in an ArrayBuffer of its own (a Node Buffer may be a view into a larger pool). */
function deflated(raw: Uint8Array): ArrayBuffer {
  return Uint8Array.from(deflateSync(raw)).buffer;
}

/** A block of uint16 samples with some structure (so DEFLATE has something to do) and some noise. */
function block(samples: number, seed: number): Uint8Array {
  const rnd = prng(seed);
  const values = new Uint16Array(samples);
  for (let i = 0; i < samples; i += 1) values[i] = (i % 97) * 40 + Math.floor(rnd() * 16);
  return new Uint8Array(values.buffer);
}

/** A 64 × 32 tile (or strip of 32 rows) of 4 interleaved uint16 bands. */
const INTERLEAVED_64x32 = {
  tileWidth: 64,
  tileHeight: 32,
  bitsPerSample: [16, 16, 16, 16],
  planarConfiguration: 1,
};

describe('inflateBlock (fflate DEFLATE for geotiff.js)', () => {
  it('returns a block of exactly the tile size, byte for byte', () => {
    const raw = block(64 * 32 * 4, 1);
    const out = inflateBlock(deflated(raw), INTERLEAVED_64x32);
    expect(out.byteLength).toBe(raw.byteLength);
    expect(new Uint8Array(out)).toEqual(raw);
  });

  it('sizes planar blocks by one sample', () => {
    const raw = block(64 * 32, 2);
    const out = inflateBlock(deflated(raw), {
      tileWidth: 64,
      tileHeight: 32,
      bitsPerSample: [16, 16, 16, 16],
      planarConfiguration: 2,
    });
    expect(new Uint8Array(out)).toEqual(raw);
  });

  it('returns a short last strip at its own length', () => {
    // RowsPerStrip 32, but the image ends 5 rows into this strip.
    const raw = block(64 * 5 * 4, 3);
    const out = inflateBlock(deflated(raw), INTERLEAVED_64x32);
    expect(out.byteLength).toBe(raw.byteLength);
    expect(new Uint8Array(out)).toEqual(raw);
  });

  it('inflates without size hints', () => {
    const raw = block(1000, 4);
    expect(new Uint8Array(inflateBlock(deflated(raw), {}))).toEqual(raw);
  });

  it('rejects corrupt data instead of returning wrong pixels', () => {
    const bad = new Uint8Array(deflated(block(16 * 16, 5)));
    bad[10]! ^= 0xff;
    bad[11]! ^= 0xff;
    const params = { tileWidth: 16, tileHeight: 16, bitsPerSample: 16 };
    expect(() => inflateBlock(bad.buffer, params)).toThrow(/corrupt/);
    expect(() => inflateBlock(bad.buffer, {})).toThrow(/corrupt/);
  });

  it('rejects a block that holds more than its tile', () => {
    // fflate alone would silently cut it to the tile size.
    const params = { tileWidth: 16, tileHeight: 16, bitsPerSample: 16 };
    expect(() => inflateBlock(deflated(block(16 * 16 * 2, 6)), params)).toThrow(/corrupt/);
  });

  it('rejects a truncated block', () => {
    const whole = deflated(block(16 * 16, 7));
    const params = { tileWidth: 16, tileHeight: 16, bitsPerSample: 16 };
    expect(() => inflateBlock(whole.slice(0, whole.byteLength - 9), params)).toThrow();
  });
});
