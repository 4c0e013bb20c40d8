/** What a band measures; detection and display pick bands by role, not by position. */
export type BandRole = 'blue' | 'green' | 'red' | 'nir' | 'swir1' | 'swir2' | 'pan' | 'other';

const PATTERNS: [BandRole, RegExp][] = [
  ['nir', /\b(nir|near[- ]?infra|b0?8a?|近红外)\b/i],
  ['swir1', /\b(swir ?1|b11)\b/i],
  ['swir2', /\b(swir ?2|b12)\b/i],
  ['blue', /\b(blue|b0?2|蓝)\b/i],
  ['green', /\b(green|b0?3|绿)\b/i],
  ['red', /\b(red|b0?4|红)\b/i],
  ['pan', /\b(pan|全色)\b/i],
];

/**
 * Guess band roles from band descriptions; when descriptions say nothing, assume the order of common Chinese
 * ≤2 m products and Sentinel-2 stacks: blue, green, red, nir (3 bands: red, green, blue). The user confirms.
 */
export function guessBandRoles(descriptions: readonly string[], count: number): BandRole[] {
  const fromNames = Array.from({ length: count }, (_, i) => {
    const text = descriptions[i] ?? '';
    return PATTERNS.find(([, pattern]) => pattern.test(text))?.[0] ?? null;
  });
  if (fromNames.every((role) => role !== null)) return fromNames as BandRole[];
  const defaults: BandRole[] = count === 3 ? ['red', 'green', 'blue'] : ['blue', 'green', 'red', 'nir'];
  return Array.from({ length: count }, (_, i) => fromNames[i] ?? defaults[i] ?? 'other');
}

/** Band indexes for a composite: true colour (R,G,B) or false colour (NIR,R,G). Null when a role is missing. */
export function compositeBands(
  roles: readonly BandRole[],
  kind: 'true' | 'false',
): [number, number, number] | null {
  const wanted: BandRole[] = kind === 'true' ? ['red', 'green', 'blue'] : ['nir', 'red', 'green'];
  const indexes = wanted.map((role) => roles.indexOf(role));
  return indexes.every((index) => index >= 0) ? (indexes as [number, number, number]) : null;
}

/** An acquisition date in a file name (20161209, 2016-12-09, 2016_12_09), as YYYY-MM-DD, or null. */
export function dateFromFileName(name: string): string | null {
  const match = /(19|20)(\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])/.exec(name);
  return match ? `${match[1]}${match[2]}-${match[3]}-${match[4]}` : null;
}
