/**
 * Each reader under fuzz, called as the app calls it, and the verdict on what it did with one input:
 *
 * - `accepted`: it produced data, and the data keeps the reader's promises (lon/lat bounds, JSON props…).
 * - `refused`: a typed error with a user message in zh and en, every placeholder filled.
 * - `internal`: the app's catch-all caught an unexpected exception (ImportError `read_failed`, or a geotiff
 *   error the imagery worker does not wrap): the user gets a message, but a vague one; a reader bug to report.
 * - `message`: a refusal or warning whose message shows an unfilled `{placeholder}`.
 * - `violation`: anything else: an untyped exception escaped, or accepted output breaks the promises.
 *
 * Hangs and process crashes are judged by the parent (harness.ts).
 */
import { readVector, type VectorReadOutcome } from '../../../src/io/vector-read.ts';
import { IMPORT_ERROR_CODES, IMPORT_WARNING_CODES } from '../../../src/io/import-error.ts';
import { IMPORT_ERROR_MESSAGES, importMessage } from '../../../src/i18n/import-errors.ts';
import { openBundle } from '../../../src/core/bundle/verify.ts';
import { bytesSource } from '../../../src/core/bundle/zip-index.ts';
import { BundleError } from '../../../src/core/bundle/manifest.ts';
import { planBundleImport, readBundleContents } from '../../../src/core/bundle/contents.ts';
import { probeGeoTiff, TiffProbeError } from './tiff-probe.ts';
import type { FuzzCase, TargetName } from './cases.ts';

export type Status = 'accepted' | 'refused' | 'internal' | 'message' | 'violation';

export interface Verdict {
  status: Status;
  /** Error codes (or `ok`) of what came out. */
  codes: string[];
  /** For anything but accepted/refused: what went wrong, with the stack when there is one. */
  problem?: string;
}

const UNFILLED = /\{\w+\}/;
const ERROR_CODES = new Set<string>(IMPORT_ERROR_CODES);
const WARNING_CODES = new Set<string>(IMPORT_WARNING_CODES);
/** `read_failed` raised on purpose (geojson-read.ts), not by the catch-all. */
const DELIBERATE_READ_FAILED = /crs member could not be applied/;

const worst = (verdicts: Verdict[]): Verdict => {
  const order: Status[] = ['violation', 'message', 'internal', 'refused', 'accepted'];
  const sorted = [...verdicts].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  return { ...(sorted[0] ?? { status: 'accepted' }), codes: verdicts.flatMap((v) => v.codes) };
};

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}\n${error.stack ?? ''}`;
  return `non-Error thrown: ${String(error)}`;
}

/** Problems of an accepted layer: output that downstream code (DuckDB rows, the map) would trust. */
function layerProblems(outcome: Extract<VectorReadOutcome, { ok: true }>): string[] {
  const { layer } = outcome;
  const rows = layer.rows;
  const problems: string[] = [];
  if (rows.count !== layer.featureCount)
    problems.push(`rows ${rows.count} ≠ featureCount ${layer.featureCount}`);
  if (layer.features && layer.features.length !== layer.featureCount)
    problems.push(`features ${layer.features.length} ≠ featureCount ${layer.featureCount}`);
  for (let i = 0; i < rows.count; i += 1) {
    const box = [rows.minx[i], rows.miny[i], rows.maxx[i], rows.maxy[i]] as number[];
    const [x0 = NaN, y0 = NaN, x1 = NaN, y1 = NaN] = box;
    if (!box.every(Number.isFinite) || x0 > x1 || y0 > y1 || x0 < -180 || x1 > 180 || y0 < -90 || y1 > 90) {
      problems.push(`feature ${i}: bbox ${box.join(',')} is not lon/lat`);
      break;
    }
    try {
      JSON.parse(rows.props[i] ?? '');
    } catch {
      problems.push(`feature ${i}: props are not JSON`);
      break;
    }
  }
  for (const warning of layer.warnings) {
    if (!WARNING_CODES.has(warning.code)) problems.push(`unknown warning ${warning.code}`);
  }
  return problems;
}

/** The verdict on what readVector returned (it must never throw, except `cancelled`). */
function vectorVerdict(outcomes: VectorReadOutcome[]): Verdict {
  if (outcomes.length === 0) return { status: 'violation', codes: [], problem: 'no outcome at all' };
  return worst(
    outcomes.map((outcome): Verdict => {
      if (outcome.ok) {
        const problems = layerProblems(outcome);
        if (problems.length > 0) return { status: 'violation', codes: ['ok'], problem: problems.join('; ') };
        // The import dialog shows warnings with their own detail only (ImportDialog.svelte).
        for (const w of outcome.layer.warnings)
          for (const locale of ['zh', 'en'] as const)
            if (UNFILLED.test(importMessage(w.code, w.detail, locale)))
              return {
                status: 'message',
                codes: ['ok', w.code],
                problem: `warning ${w.code} shows "${importMessage(w.code, w.detail, locale)}"`,
              };
        return { status: 'accepted', codes: ['ok'] };
      }
      const { code, detail, technical } = outcome.error;
      if (!ERROR_CODES.has(code) || !IMPORT_ERROR_MESSAGES[code])
        return { status: 'violation', codes: [code], problem: `no message for code ${code}` };
      // As the UI fills it (describeImportFailure): the files, then the error's own detail.
      const filled = { file: outcome.files.join(', '), ...detail };
      for (const locale of ['zh', 'en'] as const) {
        const text = importMessage(code, filled, locale);
        if (!text || UNFILLED.test(text))
          return { status: 'message', codes: [code], problem: `${code} (${locale}) shows "${text}"` };
      }
      if (code === 'read_failed' && !DELIBERATE_READ_FAILED.test(String(detail.reason)))
        return { status: 'internal', codes: [code], problem: technical };
      return { status: 'refused', codes: [code] };
    }),
  );
}

async function readBundle(bytes: Uint8Array): Promise<Verdict> {
  try {
    const bundle = await openBundle(bytesSource(bytes));
    const contents = await readBundleContents(bundle);
    planBundleImport([], contents);
    return { status: 'accepted', codes: ['ok'] };
  } catch (error) {
    if (!(error instanceof BundleError)) return { status: 'violation', codes: [], problem: describe(error) };
    const zh = error.userMessage('zh');
    const en = error.userMessage('en');
    if (!zh || !en || UNFILLED.test(zh + en))
      return { status: 'message', codes: [error.code], problem: `${zh} / ${en}` };
    return { status: 'refused', codes: [error.code] };
  }
}

async function readTiff(bytes: Uint8Array): Promise<Verdict> {
  try {
    const info = await probeGeoTiff(bytes);
    return { status: 'accepted', codes: [info.limit ? `ok:${info.limit}` : 'ok'] };
  } catch (error) {
    if (error instanceof TiffProbeError) {
      if (error.code === 'unwrapped')
        return { status: 'internal', codes: ['unwrapped'], problem: error.message };
      return { status: 'refused', codes: [error.code] };
    }
    return { status: 'violation', codes: [], problem: describe(error) };
  }
}

const prototypes = (): string =>
  [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .map((p) => Object.getOwnPropertyNames(p).join(','))
    .join('|');

/** Run one case through its reader and judge the result; a reader that changed a built-in prototype fails. */
export async function runCase(target: TargetName, input: FuzzCase): Promise<Verdict> {
  const before = prototypes();
  const verdict = await judge(target, input);
  if (prototypes() !== before)
    return {
      status: 'violation',
      codes: verdict.codes,
      problem: 'a built-in prototype was changed (pollution)',
    };
  return verdict;
}

async function judge(target: TargetName, input: FuzzCase): Promise<Verdict> {
  if (target === 'bundle') return readBundle(input.bytes);
  if (target === 'geotiff') return readTiff(input.bytes);
  try {
    return vectorVerdict(await readVector([{ name: input.name, bytes: input.bytes }]));
  } catch (error) {
    return { status: 'violation', codes: [], problem: `readVector threw: ${describe(error)}` };
  }
}
