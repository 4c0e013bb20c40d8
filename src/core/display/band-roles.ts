/** What a band measures; detection and display pick bands by role, not by position. 'other' = ignored. */
export type BandRole = 'blue' | 'green' | 'red' | 'nir' | 'swir1' | 'swir2' | 'pan' | 'other';

export const BAND_ROLES: readonly BandRole[] = [
  'blue',
  'green',
  'red',
  'nir',
  'swir1',
  'swir2',
  'pan',
  'other',
];

/**
 * Where a band's role came from: the band's description, other GDAL metadata (band or sensor names), the TIFF's
 * PhotometricInterpretation, the band count and data type of a common sensor, plain band order, or the user.
 */
export type RoleSource = 'description' | 'metadata' | 'photometric' | 'sensor' | 'order' | 'user';

/** What a file's header says that helps to guess its band roles. */
export interface BandHints {
  bands: number;
  /** Per-band descriptions (GDAL DESCRIPTION items); '' when absent. */
  descriptions: readonly string[];
  /** Per-band GDAL metadata other than the description, as "NAME=value" lines; '' when absent. */
  bandMetadata?: readonly string[];
  /** Dataset-level GDAL metadata items (sensor or spacecraft names, dates). */
  metadata?: Readonly<Record<string, string>>;
  /** TIFF PhotometricInterpretation (2 = RGB), null when absent. */
  photometric?: number | null;
  bitsPerSample?: number;
  sampleFormat?: 'uint' | 'int' | 'float';
}

/** Guessed roles, each with where it came from, and the sensor recognised (if any). */
export interface RoleGuess {
  roles: BandRole[];
  sources: RoleSource[];
  sensor: string | null;
}

// Words that name a band whatever the sensor. ASCII words need boundaries; Chinese names do not have any.
const WORDS: [BandRole, RegExp][] = [
  ['other', /red[ _-]?edge|thermal|(^|[^a-z])(tir|alpha|mask|qa)([^a-z]|$)|红边|热红外/i],
  ['swir1', /(^|[^a-z])(swir[ _-]?1|short[ _-]?wave[ _-]?infrared[ _-]?1)([^a-z0-9]|$)|短波红外\s*1/i],
  ['swir2', /(^|[^a-z])(swir[ _-]?2|short[ _-]?wave[ _-]?infrared[ _-]?2)([^a-z0-9]|$)|短波红外\s*2/i],
  ['nir', /(^|[^a-z])(nir|near[ _-]?infra[- ]?red|nearir)([^a-z]|$)|近红外/i],
  ['blue', /(^|[^a-z])(blue|coastal)([^a-z]|$)|蓝/i],
  ['green', /(^|[^a-z])green([^a-z]|$)|绿/i],
  ['red', /(^|[^a-z])red([^a-z]|$)|红/i],
  ['pan', /(^|[^a-z])(pan|panchromatic)([^a-z]|$)|全色/i],
];

// Band codes mean different bands on different sensors (B2 is blue on Sentinel-2 and on Landsat 8, green on TM).
const SENTINEL2: Record<string, BandRole> = {
  B1: 'other',
  B2: 'blue',
  B3: 'green',
  B4: 'red',
  B5: 'other',
  B6: 'other',
  B7: 'other',
  B8: 'nir',
  B8A: 'other',
  B9: 'other',
  B10: 'other',
  B11: 'swir1',
  B12: 'swir2',
};
const LANDSAT_TM: Record<string, BandRole> = {
  B1: 'blue',
  B2: 'green',
  B3: 'red',
  B4: 'nir',
  B5: 'swir1',
  B6: 'other',
  B7: 'swir2',
  B8: 'pan',
};
const LANDSAT_OLI: Record<string, BandRole> = {
  B1: 'other',
  B2: 'blue',
  B3: 'green',
  B4: 'red',
  B5: 'nir',
  B6: 'swir1',
  B7: 'swir2',
  B8: 'pan',
  B9: 'other',
  B10: 'other',
  B11: 'other',
};

type CodeFamily = 'sentinel2' | 'landsat_tm' | 'landsat_oli';
const CODE_TABLES: Record<CodeFamily, Record<string, BandRole>> = {
  sentinel2: SENTINEL2,
  landsat_tm: LANDSAT_TM,
  landsat_oli: LANDSAT_OLI,
};
const FAMILY_NAMES: Record<CodeFamily, string> = {
  sentinel2: 'Sentinel-2',
  landsat_tm: 'Landsat TM/ETM+',
  landsat_oli: 'Landsat 8/9 OLI',
};

/** A band code such as B02, B8A, band_4, SR_B5 → B2, B8A, B4, B5; null when the text is not a code. */
export function bandCode(text: string): string | null {
  const match = /(?:^|[^a-z])(?:b|band)[ _-]?0*(\d{1,2}a?)$/i.exec(text.trim());
  return match ? `B${match[1]!.toUpperCase()}` : null;
}

/** Which sensor's band numbering the dataset metadata names (spacecraft, sensor or product ids). */
function familyFromMetadata(metadata: Readonly<Record<string, string>>): CodeFamily | null {
  const text = Object.entries(metadata)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
  if (/sentinel[-_ ]?2|S2[AB]_|MSIL1C|MSIL2A/i.test(text)) return 'sentinel2';
  if (/landsat[-_ ]?[89]|LC0[89]|\bOLI\b/i.test(text)) return 'landsat_oli';
  if (/landsat[-_ ]?[4-7]|L[ET]0[4-7]|\bETM\+?|\bTM\b/i.test(text)) return 'landsat_tm';
  return null;
}

/** Which numbering band codes alone imply: B8A, B11, B12 or zero-padded codes are Sentinel-2's. */
function familyFromCodes(texts: readonly string[]): CodeFamily | null {
  if (texts.some((text) => /(^|[^a-z])b(0\d|8a|1[12])$/i.test(text.trim()))) return 'sentinel2';
  return null;
}

function roleFromWords(text: string): BandRole | null {
  if (!text.trim() || /^band[ _-]?\d+$/i.test(text.trim())) return null;
  return WORDS.find(([, pattern]) => pattern.test(text))?.[0] ?? null;
}

/** Roles of common sensors from the band count and data type alone. */
function sensorPattern(hints: BandHints): { roles: BandRole[]; sensor: string } | null {
  const bits = hints.bitsPerSample ?? 0;
  const integer = hints.sampleFormat !== 'float';
  if (hints.bands === 4 && integer && bits === 16)
    return { roles: ['blue', 'green', 'red', 'nir'], sensor: 'GF-1/GF-2/ZY-3 PMS' };
  if (hints.bands === 6 && integer && bits === 8)
    return { roles: ['blue', 'green', 'red', 'nir', 'swir1', 'swir2'], sensor: 'Landsat TM/ETM+' };
  if (hints.bands === 7 && integer && bits === 8)
    return {
      roles: ['blue', 'green', 'red', 'nir', 'swir1', 'other', 'swir2'],
      sensor: 'Landsat TM/ETM+',
    };
  if (hints.bands === 3 && integer && bits === 8) return { roles: ['red', 'green', 'blue'], sensor: 'RGB' };
  return null;
}

function defaultOrder(count: number): BandRole[] {
  if (count === 1) return ['pan'];
  if (count === 3) return ['red', 'green', 'blue'];
  return Array.from({ length: count }, (_, i) => (['blue', 'green', 'red', 'nir'] as const)[i] ?? 'other');
}

/**
 * Guess each band's role from the file, most specific evidence first: the band's own description, then its
 * other GDAL metadata (band codes read with the sensor the metadata names), then PhotometricInterpretation RGB,
 * then the band count and data type of common sensors, then plain order. Bands a stronger source named are
 * kept; the weaker sources fill only the rest. The user confirms or changes them in the imagery panel.
 */
export function guessRoles(hints: BandHints): RoleGuess {
  const count = hints.bands;
  const roles: (BandRole | null)[] = Array.from({ length: count }, () => null);
  const sources: (RoleSource | null)[] = Array.from({ length: count }, () => null);
  const set = (index: number, role: BandRole, source: RoleSource): void => {
    if (roles[index] !== null) return;
    roles[index] = role;
    sources[index] = source;
  };
  const metadata = hints.metadata ?? {};
  const descriptions = Array.from({ length: count }, (_, i) => hints.descriptions[i] ?? '');
  const bandMetadata = Array.from({ length: count }, (_, i) => hints.bandMetadata?.[i] ?? '');
  const family = familyFromMetadata(metadata) ?? familyFromCodes(descriptions);
  let sensor: string | null = family ? FAMILY_NAMES[family] : null;

  descriptions.forEach((text, i) => {
    const word = roleFromWords(text);
    if (word) return set(i, word, 'description');
    // A code alone ("Band 1", "B4") means nothing until the sensor is known.
    const code = family ? bandCode(text) : null;
    const role = code && family ? CODE_TABLES[family][code] : undefined;
    if (role) set(i, role, 'description');
  });
  bandMetadata.forEach((text, i) => {
    for (const line of text.split('\n')) {
      const value = line.replace(/^[^=]*=/, '');
      const word = roleFromWords(value);
      if (word) return set(i, word, 'metadata');
      const code = bandCode(value);
      if (code && family && CODE_TABLES[family][code]) return set(i, CODE_TABLES[family][code], 'metadata');
    }
  });
  if (hints.photometric === 2 && count >= 3 && roles.slice(0, 3).every((role) => role === null)) {
    (['red', 'green', 'blue'] as const).forEach((role, i) => set(i, role, 'photometric'));
    // RGB + one extra sample is RGBA (or an undeclared 4th band): the user says if it is NIR.
    for (let i = 3; i < count; i += 1) set(i, 'other', 'photometric');
  }
  if (roles.some((role) => role === null)) {
    const pattern = sensorPattern(hints);
    if (pattern && roles.every((role) => role === null)) {
      pattern.roles.forEach((role, i) => set(i, role, 'sensor'));
      sensor ??= pattern.sensor;
    }
    const order = defaultOrder(count);
    const taken = new Set<BandRole>(
      roles.filter((role): role is BandRole => role !== null && role !== 'other'),
    );
    order.forEach((role, i) => set(i, taken.has(role) ? 'other' : role, 'order'));
  }
  return { roles: roles as BandRole[], sources: sources as RoleSource[], sensor };
}

/** Roles from band descriptions alone (the command line's and older callers' entry point). */
export function guessBandRoles(descriptions: readonly string[], count: number): BandRole[] {
  return guessRoles({ bands: count, descriptions }).roles;
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
