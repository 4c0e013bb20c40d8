// The detection run in words: its provenance, the season warning and a sentence for every error code of the
// request and the engine. Pure functions of a locale, so the tests can check both languages.
import type { BandRole } from '../core/display/band-roles.ts';
import type { Season } from '../core/display/scene-dates.ts';
import type { RunProvenance, SpectralRole } from '../core/detect/provenance.ts';
import { detectInputErrorOf } from '../core/detect/app-request.ts';
import { fillTemplate } from '../i18n/format.ts';
import { DETECTION_MESSAGES, type DetectionMessageKey } from '../i18n/detection-messages.ts';

export type Locale = 'zh' | 'en';

/** Codes the app itself raises before a run starts (the engine's codes come from core/detect). */
export const APP_DETECTION_CODES = [
  'scenes_missing',
  'same_scene',
  'engine_missing',
  'no_project',
  'actor_missing',
] as const;
export type AppDetectionCode = (typeof APP_DETECTION_CODES)[number];

/** A reason the run cannot start, found before anything is stored. */
export class DetectionSetupError extends Error {
  readonly code: AppDetectionCode | 'no_overlap';
  readonly details: Record<string, string | number>;
  constructor(code: AppDetectionCode | 'no_overlap', details: Record<string, string | number> = {}) {
    super(`${code} ${JSON.stringify(details)}`);
    this.name = 'DetectionSetupError';
    this.code = code;
    this.details = details;
  }
}

function say(locale: Locale, key: DetectionMessageKey, params?: Record<string, string | number>): string {
  return fillTemplate(DETECTION_MESSAGES[locale][key], params);
}

const joiner = (locale: Locale): string => (locale === 'zh' ? '、' : ', ');

/** Role names in the locale, joined. */
export function roleList(roles: readonly (BandRole | SpectralRole | string)[], locale: Locale): string {
  const known = new Set(['blue', 'green', 'red', 'nir', 'swir1', 'swir2']);
  return roles
    .map((role) => (known.has(role) ? say(locale, `dm.role.${role as SpectralRole}`) : role))
    .join(joiner(locale));
}

type Details = Record<string, unknown>;

/** The code and details of a failed run: from the error object, or from a worker error's "code {json}" message. */
export function detectionErrorCode(error: unknown): { code: string; details: Details } {
  if (error instanceof Error && error.name === 'DetectCancelledError')
    return { code: 'cancelled', details: {} };
  if (error instanceof DOMException && error.name === 'AbortError') return { code: 'cancelled', details: {} };
  const engine = detectInputErrorOf(error);
  if (engine) return { code: engine.code, details: engine.details };
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    const details = 'details' in error && typeof error.details === 'object' ? (error.details as Details) : {};
    return { code: error.code, details: details ?? {} };
  }
  const message = error instanceof Error ? error.message : String(error);
  // Through comlink only the name and message survive: the engine writes "code {details as JSON}".
  const withJson = /^([a-z_]+) (\{.*\})$/s.exec(message);
  if (withJson) {
    try {
      return { code: withJson[1]!, details: JSON.parse(withJson[2]!) as Details };
    } catch {
      return { code: withJson[1]!, details: {} };
    }
  }
  if (/^[a-z_]+$/.test(message)) return { code: message, details: {} };
  const prefixed = /^([a-z_]+):\s*(.*)$/s.exec(message);
  if (prefixed) return { code: prefixed[1]!, details: { detail: prefixed[2]! } };
  if (error instanceof Error && error.name === 'GeoTiffReadError')
    return { code: 'image_damaged', details: { detail: message } };
  return { code: 'unknown', details: { detail: message } };
}

/** Template values from an error's details: dates as T1/T2, role lists in words. */
function params(details: Details, locale: Locale): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(details)) {
    if (Array.isArray(value)) out[key] = roleList(value.map(String), locale);
    else if (key === 'date' && (value === 't1' || value === 't2')) out[key] = value.toUpperCase();
    else if (key === 'role' && typeof value === 'string') out[key] = roleList([value], locale);
    else if (typeof value === 'string' || typeof value === 'number') out[key] = value;
    else if (value !== null && value !== undefined) out[key] = JSON.stringify(value);
  }
  // "have" is a list of roles; the sentence wants how many.
  if (Array.isArray(details.have)) out.have = details.have.length;
  out.detail ??= Object.keys(details).length > 0 ? JSON.stringify(details) : '';
  return out;
}

/** True when the tables hold a sentence for this code in both languages. */
export function hasSentence(code: string): boolean {
  const key = `dm.err.${code}`;
  return key in DETECTION_MESSAGES.zh && key in DETECTION_MESSAGES.en;
}

/** The user's sentence for a failed or refused run, and the technical detail for the disclosure. */
export function describeDetectionError(error: unknown, locale: Locale): { message: string; detail: string } {
  const found = detectionErrorCode(error);
  const details = found.details;
  // The name prompt closed without a name: the same sentence as a missing name.
  const code = found.code === 'actor_declined' ? 'actor_missing' : found.code;
  const key = (hasSentence(code) ? `dm.err.${code}` : 'dm.err.unknown') as DetectionMessageKey;
  const raw = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const values = params(details, locale);
  if (key === 'dm.err.unknown') values.detail = error instanceof Error ? error.message : String(error);
  const sentence = say(locale, key, values);
  const message = code === 'cancelled' ? sentence : say(locale, 'dm.prefix', { message: sentence });
  return { message, detail: raw };
}

/** The season warning, or null when both dates are in one season. */
export function seasonText(
  dates: { t1: string; t2: string },
  seasons: { t1: Season; t2: Season } | null,
  locale: Locale,
): string | null {
  if (!seasons) return null;
  return say(locale, 'dm.season', {
    d1: dates.t1,
    d2: dates.t2,
    s1: say(locale, `dm.season.${seasons.t1}`),
    s2: say(locale, `dm.season.${seasons.t2}`),
  });
}

/** Features switched off, in words. */
export function featuresOffText(
  off: readonly RunProvenance['featuresOff'][number][],
  locale: Locale,
): string {
  return off.map((code) => say(locale, `dm.feature.${code}`)).join(joiner(locale));
}

function bandsText(roles: readonly SpectralRole[], bands: readonly number[], locale: Locale): string {
  return roles
    .map((role, i) =>
      say(locale, 'dm.band', { role: say(locale, `dm.role.${role}`), n: (bands[i] ?? 0) + 1 }),
    )
    .join(joiner(locale));
}

const number = (value: number): string =>
  Number.isInteger(value) ? String(value) : value.toPrecision(3).replace(/\.?0+$/, '');

/** The run's provenance as lines: bands, radiometry, normalisation, threshold, clouds, features off. */
export function provenanceLines(p: RunProvenance, locale: Locale): string[] {
  const lines: string[] = [];
  const one = bandsText(p.roles, p.bands.t1, locale);
  const two = bandsText(p.roles, p.bands.t2, locale);
  lines.push(
    one === two
      ? say(locale, 'dm.prov.bands', { bands: one })
      : say(locale, 'dm.prov.bandsDiffer', { t1: one, t2: two }),
  );
  const dtype = p.bitDepth !== null ? say(locale, 'dm.bits', { bits: p.bitDepth }) : p.dataType;
  lines.push(
    say(locale, 'dm.prov.radiometry', {
      dtype,
      kind: say(locale, `dm.kind.${p.radiometry}`),
      min: number(p.valueRange[0]),
      max: number(p.valueRange[1]),
    }) + (p.pixelSizeM > 0 ? ` · ${say(locale, 'dm.prov.pixel', { size: number(p.pixelSizeM) })}` : ''),
  );
  lines.push(say(locale, 'dm.prov.normalisation', { low: p.percentiles[0], high: p.percentiles[1] }));
  lines.push(
    say(locale, 'dm.prov.threshold', {
      method: say(locale, `dm.method.${p.thresholdMethod}`),
      share: `${(p.changeShare * 100).toFixed(1)}%`,
    }) +
      (p.thresholdFallback
        ? say(locale, 'dm.prov.fallback', { reason: say(locale, `dm.fallback.${p.thresholdFallback}`) })
        : ''),
  );
  lines.push(
    say(locale, 'dm.prov.clouds', {
      t1: (p.cloudMaskedM2.t1 / 10_000).toFixed(2),
      t2: (p.cloudMaskedM2.t2 / 10_000).toFixed(2),
    }),
  );
  lines.push(say(locale, 'dm.prov.vegetation', { index: say(locale, `dm.vi.${p.vegetationIndex}`) }));
  lines.push(
    p.featuresOff.length > 0
      ? say(locale, 'dm.prov.off', { off: featuresOffText(p.featuresOff, locale) })
      : say(locale, 'dm.prov.allOn'),
  );
  if (p.harvestLike > 0) lines.push(say(locale, 'dm.prov.harvest', { n: p.harvestLike }));
  return lines;
}
