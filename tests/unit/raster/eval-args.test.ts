// `npm run eval` arguments: one pair or a list of pair folders, with words for bad input.
import './geotiff-env.ts';
import { describe, expect, it } from 'vitest';
import { parseEvalArgs, pooledFigures } from '../../../scripts/eval-args.ts';
import { parseBandsOption, UsageError } from '../../../scripts/detect-words.ts';

const files = new Set([
  'a/t1.tif',
  'a/t2.tif',
  'a/truth.tif',
  'b/t1.tif',
  'b/t2.tif',
  'b/truth.tif',
  'x.tif',
]);
const exists = (p: string): boolean => files.has(p);

describe('eval arguments', () => {
  it('takes a list of pair folders after --pairs, with options anywhere', () => {
    const args = parseEvalArgs(['--pairs', 'a', 'b/', '--min-area', '100'], exists);
    expect(args.many).toBe(true);
    expect(args.pairs.map((p) => [p.name, p.t1, p.truth])).toEqual([
      ['a', 'a/t1.tif', 'a/truth.tif'],
      ['b', 'b/t1.tif', 'b/truth.tif'],
    ]);
    expect(args.params.minAreaM2).toBe(100);
  });

  it('keeps the single-pair form', () => {
    const args = parseEvalArgs(
      ['--t1', 'x.tif', '--t2', 'x.tif', '--truth', 'x.tif', '--bands', '3,2,1'],
      exists,
    );
    expect(args.many).toBe(false);
    expect(args.pairs).toHaveLength(1);
    expect(args.bands).toEqual({ bands: [2, 1, 0] });
  });

  it('says what is missing instead of failing later', () => {
    expect(() => parseEvalArgs(['--pairs', 'a', 'c'], exists)).toThrow(/c lacks t1.tif, t2.tif, truth.tif/);
    expect(() => parseEvalArgs(['--t1', 'x.tif'], exists)).toThrow(UsageError);
    expect(() => parseEvalArgs(['--t1', 'x.tif', '--t2', 'y.tif', '--truth', 'x.tif'], exists)).toThrow(
      /no such file: y.tif/,
    );
    expect(() => parseEvalArgs(['--pairs', 'a', '--min-area', 'big'], exists)).toThrow(/--min-area/);
  });

  it('pools pixels by summing and objects by their counts', () => {
    const pooled = pooledFigures([
      { tp: 10, fp: 10, fn: 0, objectPrecision: 1, objectRecall: 0.5, patches: 2, truthObjects: 2 },
      { tp: 0, fp: 0, fn: 20, objectPrecision: 0, objectRecall: 0, patches: 2, truthObjects: 6 },
    ]);
    expect(pooled.precision).toBeCloseTo(0.5);
    expect(pooled.recall).toBeCloseTo(1 / 3);
    expect(pooled.f1).toBeCloseTo(0.4);
    expect(pooled.objectPrecision).toBeCloseTo(0.5);
    expect(pooled.objectRecall).toBeCloseTo(1 / 8);
  });
});

describe('--bands', () => {
  it('takes roles of the file bands or file bands of the canonical roles', () => {
    expect(parseBandsOption('red,green,blue')).toEqual({
      roles: { t1: ['red', 'green', 'blue'], t2: ['red', 'green', 'blue'] },
    });
    expect(parseBandsOption('1,2,3,7')).toEqual({ bands: [0, 1, 2, 6] });
    expect(parseBandsOption(undefined)).toBeNull();
    expect(() => parseBandsOption('1,2')).toThrow(/3 to 6/);
    expect(() => parseBandsOption('red,green,purple')).toThrow(/purple/);
    expect(() => parseBandsOption('1,1,2')).toThrow(/twice/);
  });
});
