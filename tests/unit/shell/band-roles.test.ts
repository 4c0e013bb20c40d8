import { describe, expect, it } from 'vitest';
import {
  bandCode,
  guessBandRoles,
  guessRoles,
  type BandHints,
} from '../../../src/core/display/band-roles.ts';

const hints = (over: Partial<BandHints> & { bands: number }): BandHints => ({
  descriptions: [],
  ...over,
});

describe('band roles guessed from the file, with where each came from', () => {
  it('reads words in band descriptions (any language, any order)', () => {
    const guess = guessRoles(hints({ bands: 4, descriptions: ['NIR', 'Red', 'Green', 'Blue'] }));
    expect(guess.roles).toEqual(['nir', 'red', 'green', 'blue']);
    expect(guess.sources).toEqual(['description', 'description', 'description', 'description']);
    expect(guessRoles(hints({ bands: 3, descriptions: ['红', '绿', '蓝'] })).roles).toEqual([
      'red',
      'green',
      'blue',
    ]);
    expect(guessRoles(hints({ bands: 2, descriptions: ['近红外', '短波红外1'] })).roles).toEqual([
      'nir',
      'swir1',
    ]);
  });

  it('does not take red edge or thermal bands for red or NIR', () => {
    const guess = guessRoles(
      hints({ bands: 4, descriptions: ['Red', 'Red Edge 1', 'Thermal Infrared', 'Near Infrared'] }),
    );
    expect(guess.roles).toEqual(['red', 'other', 'other', 'nir']);
  });

  it('reads band codes with the sensor named in the GDAL metadata (Landsat TM numbering differs)', () => {
    const tm = guessRoles(
      hints({
        bands: 6,
        descriptions: ['B1', 'B2', 'B3', 'B4', 'B5', 'B7'],
        metadata: { SPACECRAFT_ID: 'LANDSAT_5', SENSOR_ID: 'TM' },
      }),
    );
    expect(tm.roles).toEqual(['blue', 'green', 'red', 'nir', 'swir1', 'swir2']);
    expect(tm.sensor).toBe('Landsat TM/ETM+');
    const oli = guessRoles(
      hints({ bands: 4, descriptions: ['B2', 'B3', 'B4', 'B5'], metadata: { SPACECRAFT_ID: 'LANDSAT_8' } }),
    );
    expect(oli.roles).toEqual(['blue', 'green', 'red', 'nir']);
  });

  it('reads Sentinel-2 codes (zero-padded, B8A, B11) without other metadata', () => {
    const s2 = guessRoles(hints({ bands: 6, descriptions: ['B02', 'B03', 'B04', 'B08', 'B11', 'B12'] }));
    expect(s2.roles).toEqual(['blue', 'green', 'red', 'nir', 'swir1', 'swir2']);
    expect(s2.sources.every((source) => source === 'description')).toBe(true);
    expect(s2.sensor).toBe('Sentinel-2');
  });

  it('reads per-band GDAL metadata items other than the description', () => {
    const guess = guessRoles(
      hints({
        bands: 3,
        descriptions: ['', '', ''],
        bandMetadata: ['BANDNAME=Blue', 'BANDNAME=Green', 'BANDNAME=Red'],
      }),
    );
    expect(guess.roles).toEqual(['blue', 'green', 'red']);
    expect(guess.sources).toEqual(['metadata', 'metadata', 'metadata']);
  });

  it('takes PhotometricInterpretation RGB as red, green, blue, and an extra sample as unused', () => {
    const rgb = guessRoles(hints({ bands: 3, photometric: 2, bitsPerSample: 16, sampleFormat: 'uint' }));
    expect(rgb.roles).toEqual(['red', 'green', 'blue']);
    expect(rgb.sources).toEqual(['photometric', 'photometric', 'photometric']);
    const rgba = guessRoles(hints({ bands: 4, photometric: 2, bitsPerSample: 8, sampleFormat: 'uint' }));
    expect(rgba.roles).toEqual(['red', 'green', 'blue', 'other']);
  });

  it('falls back to common sensors by band count and data type', () => {
    const gf = guessRoles(hints({ bands: 4, bitsPerSample: 16, sampleFormat: 'uint', photometric: 1 }));
    expect(gf.roles).toEqual(['blue', 'green', 'red', 'nir']);
    expect(gf.sources).toEqual(['sensor', 'sensor', 'sensor', 'sensor']);
    expect(gf.sensor).toBe('GF-1/GF-2/ZY-3 PMS');
    const tm = guessRoles(hints({ bands: 6, bitsPerSample: 8, sampleFormat: 'uint' }));
    expect(tm.roles).toEqual(['blue', 'green', 'red', 'nir', 'swir1', 'swir2']);
    expect(tm.sensor).toBe('Landsat TM/ETM+');
    const aerial = guessRoles(hints({ bands: 3, bitsPerSample: 8, sampleFormat: 'uint', photometric: 1 }));
    expect(aerial.roles).toEqual(['red', 'green', 'blue']);
    expect(aerial.sources).toEqual(['sensor', 'sensor', 'sensor']);
  });

  it('uses plain order when nothing else says, and never gives one role to two bands', () => {
    const floats = guessRoles(hints({ bands: 5, bitsPerSample: 32, sampleFormat: 'float' }));
    expect(floats.roles).toEqual(['blue', 'green', 'red', 'nir', 'other']);
    expect(floats.sources.every((source) => source === 'order')).toBe(true);
    // The description names band 2 as blue: order must not give blue to band 1 as well.
    const mixed = guessRoles(
      hints({ bands: 4, descriptions: ['', 'Blue', '', ''], bitsPerSample: 32, sampleFormat: 'float' }),
    );
    expect(mixed.roles.filter((role) => role === 'blue')).toHaveLength(1);
    expect(mixed.sources[1]).toBe('description');
  });

  it('treats GDAL default names and bare codes without a sensor as saying nothing', () => {
    const guess = guessRoles(
      hints({
        bands: 3,
        descriptions: ['Band 1', 'Band 2', 'Band 3'],
        bitsPerSample: 8,
        sampleFormat: 'uint',
      }),
    );
    expect(guess.sources).toEqual(['sensor', 'sensor', 'sensor']);
    expect(bandCode('SR_B5')).toBe('B5');
    expect(bandCode('B8A')).toBe('B8A');
    expect(bandCode('Blue')).toBeNull();
  });

  it('keeps the description-only entry point', () => {
    expect(guessBandRoles(['B02', 'B03', 'B04', 'B08'], 4)).toEqual(['blue', 'green', 'red', 'nir']);
    expect(guessBandRoles([], 3)).toEqual(['red', 'green', 'blue']);
  });
});
