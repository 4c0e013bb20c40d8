// What a scene's pixel values are (8-bit DN, 10/12-bit DN in 16-bit words, reflectance …) and whether its pixels
// are fine enough for red-line supervision.

export type RadiometryKind =
  'dn8' | 'dn10' | 'dn12' | 'dn16' | 'reflectance10000' | 'reflectance' | 'float' | 'signed';

export interface Radiometry {
  kind: RadiometryKind;
  /** Bits of the stored samples. */
  bits: number;
  /** The range of values actually found (over all bands, from the overview the app reads at open). */
  min: number;
  max: number;
}

/**
 * Classify the values: integers by the largest value found (a 16-bit word holding ≤ 1023 is 10-bit DN, ≤ 4095
 * 12-bit), floats ≤ 1.5 as reflectance. A 16-bit file whose values stay in 0…10000 and sit well above 4095 is
 * read as reflectance × 10000 only when its metadata or sensor says so; otherwise it is 16-bit DN.
 */
export function classifyRadiometry(input: {
  bits: number;
  sampleFormat: 'uint' | 'int' | 'float';
  min: number;
  max: number;
  reflectanceHint?: boolean;
}): Radiometry {
  const { bits, sampleFormat, min, max } = input;
  const base = { bits, min, max };
  if (sampleFormat === 'float') return { kind: max <= 1.5 ? 'reflectance' : 'float', ...base };
  if (sampleFormat === 'int' && min < 0) return { kind: 'signed', ...base };
  if (bits <= 8) return { kind: 'dn8', ...base };
  if (max <= 1023) return { kind: 'dn10', ...base };
  if (max <= 4095) return { kind: 'dn12', ...base };
  if (input.reflectanceHint && max <= 20000) return { kind: 'reflectance10000', ...base };
  return { kind: 'dn16', ...base };
}

/** The rules ask for imagery finer than this ground pixel size (metres). */
export const MAX_PIXEL_M = 2;

/** True when the pixels are coarser than the rules allow (a warning, never a refusal). */
export function coarserThanRules(pixelM: number): boolean {
  return Number.isFinite(pixelM) && pixelM > MAX_PIXEL_M + 1e-6;
}

/** A pixel size for people: 0.5 m, 1.5 m, 10 m, 30 m. */
export function formatPixelSize(pixelM: number): string {
  return pixelM >= 10 ? `${Math.round(pixelM)}` : `${Math.round(pixelM * 10) / 10}`;
}
