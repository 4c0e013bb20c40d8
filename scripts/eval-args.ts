// Arguments of `npm run eval`: one pair (--t1 --t2 --truth) or a list of pair folders (--pairs DIR...), each
// holding t1.tif, t2.tif and truth.tif. Pure (the file check is passed in) so it can be tested.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { pooledF1 } from '../src/core/detect/evaluate.ts';
import type { DetectParamsInput } from '../src/core/detect/params.ts';
import { parseBandsOption, UsageError, type BandsOption } from './detect-words.ts';

export interface EvalPair {
  name: string;
  t1: string;
  t2: string;
  truth: string;
}

export interface EvalArgs {
  pairs: EvalPair[];
  /** True when the pairs came from --pairs (prints per-pair lines and pooled figures). */
  many: boolean;
  params: DetectParamsInput;
  bands: BandsOption;
}

export const EVAL_USAGE =
  'usage: --t1 A.tif --t2 B.tif --truth T.tif | --pairs DIR... (each with t1.tif, t2.tif, truth.tif) ' +
  "[--min-area M] [--bands red,green,blue | 3,2,1,4] [--k K] [--params '{…}']";

/** Parse the command line; `exists` checks a path. Throws UsageError with words on bad input. */
export function parseEvalArgs(argv: readonly string[], exists: (path: string) => boolean): EvalArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        t1: { type: 'string' },
        t2: { type: 'string' },
        truth: { type: 'string' },
        pairs: { type: 'string', multiple: true },
        'min-area': { type: 'string' },
        bands: { type: 'string' },
        k: { type: 'string' },
        params: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}; ${EVAL_USAGE}`);
  }
  const { values, positionals } = parsed;
  let params: DetectParamsInput = {};
  if (values.params) {
    try {
      params = JSON.parse(values.params) as DetectParamsInput;
    } catch {
      throw new UsageError('--params is not JSON');
    }
  }
  if (values['min-area'] !== undefined) {
    const m = Number(values['min-area']);
    if (!Number.isFinite(m) || m < 0) throw new UsageError('--min-area needs a number of m² ≥ 0');
    params.minAreaM2 = m;
  }
  if (values.k !== undefined) {
    const k = Number(values.k);
    if (!Number.isFinite(k)) throw new UsageError('--k needs a number');
    params.threshold = { method: 'robust_z', k };
  }
  const bands = parseBandsOption(values.bands);
  const base = { params, bands };
  if (values.pairs) {
    const dirs = [...values.pairs, ...positionals];
    const pairs = dirs.map((dir) => {
      const pair = {
        name: dir.replace(/\/+$/, '').split('/').pop() ?? dir,
        t1: join(dir, 't1.tif'),
        t2: join(dir, 't2.tif'),
        truth: join(dir, 'truth.tif'),
      };
      const missing = [pair.t1, pair.t2, pair.truth].filter((p) => !exists(p));
      if (missing.length > 0)
        throw new UsageError(
          `--pairs: ${dir} lacks ${missing.map((p) => p.slice(dir.length).replace(/^\/+/, '')).join(', ')}`,
        );
      return pair;
    });
    return { ...base, pairs, many: true };
  }
  if (positionals.length > 0) throw new UsageError(`unexpected ${positionals.join(' ')}; ${EVAL_USAGE}`);
  if (!values.t1 || !values.t2 || !values.truth) throw new UsageError(EVAL_USAGE);
  for (const p of [values.t1, values.t2, values.truth])
    if (!exists(p)) throw new UsageError(`no such file: ${p}`);
  return {
    ...base,
    pairs: [{ name: 'pair', t1: values.t1, t2: values.t2, truth: values.truth }],
    many: false,
  };
}

/** Pooled pixel and object figures over pairs (pixels summed; objects weighted by their counts). */
export function pooledFigures(
  rows: readonly {
    tp: number;
    fp: number;
    fn: number;
    objectPrecision: number;
    objectRecall: number;
    patches: number;
    truthObjects: number;
  }[],
): {
  precision: number;
  recall: number;
  f1: number;
  objectPrecision: number;
  objectRecall: number;
  objectF1: number;
} {
  let hitPatches = 0;
  let patches = 0;
  let hitTruth = 0;
  let truth = 0;
  for (const r of rows) {
    hitPatches += r.objectPrecision * r.patches;
    patches += r.patches;
    hitTruth += r.objectRecall * r.truthObjects;
    truth += r.truthObjects;
  }
  const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);
  const objectPrecision = ratio(hitPatches, patches);
  const objectRecall = ratio(hitTruth, truth);
  return {
    // Pixels: the same pooling as the OSCD table (TP/FP/FN summed).
    ...pooledF1(rows),
    objectPrecision,
    objectRecall,
    objectF1: ratio(2 * objectPrecision * objectRecall, objectPrecision + objectRecall),
  };
}
