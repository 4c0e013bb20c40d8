import { describe, expect, it } from 'vitest';
import {
  chooseByDate,
  dateFromText,
  sceneDate,
  seasonMismatch,
  seasonOf,
} from '../../../src/core/display/scene-dates.ts';
import { classifyRadiometry, coarserThanRules } from '../../../src/core/display/radiometry.ts';

describe('acquisition dates', () => {
  it('reads TIFF DateTime, ISO and compact dates', () => {
    expect(dateFromText('2018:03:09 10:20:00')).toBe('2018-03-09');
    expect(dateFromText('2020-11-30T03:12:11.024Z')).toBe('2020-11-30');
    expect(dateFromText('LC08_L1TP_123045_20180309_01')).toBe('2018-03-09');
    expect(dateFromText('processed 2018/13/40')).toBeNull();
  });

  it('prefers acquisition metadata over the TIFF tag (often the processing date) over the file name', () => {
    const metadata = { ACQUISITIONDATETIME: '2017-05-02T02:00:00', TIFFTAG_DATETIME: '2019:01:01 00:00:00' };
    expect(sceneDate({ metadata, tiffDateTime: '2019:01:01 00:00:00', fileName: 'x_20160101.tif' })).toEqual({
      date: '2017-05-02',
      source: 'metadata',
    });
    expect(
      sceneDate({ metadata: { DATE_ACQUIRED: '1999-08-21' }, tiffDateTime: null, fileName: '' }),
    ).toEqual({
      date: '1999-08-21',
      source: 'metadata',
    });
    expect(
      sceneDate({ metadata: {}, tiffDateTime: '2019:01:01 00:00:00', fileName: 'x_20160101.tif' }),
    ).toEqual({
      date: '2019-01-01',
      source: 'tiff_datetime',
    });
    expect(sceneDate({ metadata: {}, tiffDateTime: null, fileName: 'dir/GF2_20180309_pms.tif' })).toEqual({
      date: '2018-03-09',
      source: 'file_name',
    });
    expect(sceneDate({ metadata: {}, tiffDateTime: null, fileName: 'scene.tif' })).toBeNull();
  });

  it('chooses T1 as the earlier date whatever the import order', () => {
    const a = { id: 'a', acquiredOn: '2019-06-01' };
    const b = { id: 'b', acquiredOn: '2018-06-01' };
    expect(chooseByDate([a, b])).toEqual({ t1: b, t2: a });
    expect(chooseByDate([b, a])).toEqual({ t1: b, t2: a });
    expect(chooseByDate([a, { id: 'c', acquiredOn: null }])).toBeNull();
    expect(chooseByDate([a, { id: 'd', acquiredOn: '2019-06-01' }])).toBeNull();
    expect(chooseByDate([a])).toBeNull();
  });
});

describe('seasons', () => {
  it('names meteorological seasons, swapped south of the equator', () => {
    expect(seasonOf('2018-03-09')).toBe('spring');
    expect(seasonOf('2018-07-09')).toBe('summer');
    expect(seasonOf('2018-10-09')).toBe('autumn');
    expect(seasonOf('2018-12-09')).toBe('winter');
    expect(seasonOf('2018-01-09')).toBe('winter');
    expect(seasonOf('2018-07-09', -33)).toBe('winter');
  });

  it('warns only when the two dates are in different seasons', () => {
    expect(seasonMismatch('2018-03-09', '2019-04-30')).toBeNull();
    expect(seasonMismatch('2018-12-20', '2019-02-10')).toBeNull();
    expect(seasonMismatch('2018-03-09', '2018-09-12')).toEqual({ t1: 'spring', t2: 'autumn' });
    expect(seasonMismatch(null, '2018-09-12')).toBeNull();
  });
});

describe('radiometry and pixel size', () => {
  it('classifies integer DN by the values found, floats as reflectance', () => {
    expect(classifyRadiometry({ bits: 8, sampleFormat: 'uint', min: 3, max: 255 }).kind).toBe('dn8');
    expect(classifyRadiometry({ bits: 16, sampleFormat: 'uint', min: 40, max: 1023 }).kind).toBe('dn10');
    expect(classifyRadiometry({ bits: 16, sampleFormat: 'uint', min: 40, max: 4000 }).kind).toBe('dn12');
    expect(classifyRadiometry({ bits: 16, sampleFormat: 'uint', min: 40, max: 9000 }).kind).toBe('dn16');
    expect(
      classifyRadiometry({ bits: 16, sampleFormat: 'uint', min: 40, max: 9000, reflectanceHint: true }).kind,
    ).toBe('reflectance10000');
    expect(classifyRadiometry({ bits: 32, sampleFormat: 'float', min: 0, max: 0.8 }).kind).toBe(
      'reflectance',
    );
    expect(classifyRadiometry({ bits: 32, sampleFormat: 'float', min: 0, max: 300 }).kind).toBe('float');
    expect(classifyRadiometry({ bits: 16, sampleFormat: 'int', min: -5, max: 300 }).kind).toBe('signed');
  });

  it('flags pixels coarser than 2 m', () => {
    expect(coarserThanRules(10)).toBe(true);
    expect(coarserThanRules(2.0000001)).toBe(false);
    expect(coarserThanRules(2.5)).toBe(true);
    expect(coarserThanRules(1.5)).toBe(false);
    expect(coarserThanRules(Number.NaN)).toBe(false);
  });
});
