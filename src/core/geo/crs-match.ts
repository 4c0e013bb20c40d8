/**
 * Identify a described CRS (from WKT or GeoKeys): datum by name (or, with a note, by ellipsoid), then the
 * table entry with the same projection parameters, or a proj4 definition built from the parameters when the
 * method is one proj4 supports. Anything else is a `CrsError` naming the CRS: never a silent guess.
 */
import { CRS_TABLE, GEOGRAPHIC_CODE, proj4FromParams } from './crs-table.ts';
import {
  CrsError,
  type CrsDef,
  type CrsNote,
  type DatumId,
  type ProjMethod,
  type ProjParams,
  type ResolvedCrs,
} from './crs-types.ts';
import { normalizeName, type CrsDescription } from './crs-wkt.ts';

/** Ellipsoids of the supported datums (semi-major axis in metres, inverse flattening). */
const ELLIPSOIDS: ReadonlyArray<{ datum: DatumId; a: number; rf: number }> = [
  { datum: 'CGCS2000', a: 6378137, rf: 298.257222101 },
  { datum: 'WGS84', a: 6378137, rf: 298.257223563 },
  { datum: 'Beijing1954', a: 6378245, rf: 298.3 },
  { datum: 'Xian1980', a: 6378140, rf: 298.257 },
];

/**
 * Datum names that share an ellipsoid with a supported datum but are a different datum, so the ellipsoid
 * fallback must not claim them: "New Beijing" (新北京54) is Krassowsky on the Xian 1980 origin.
 */
const LOOKALIKE_DATUMS = ['newbeijing'];

/** Datum from its name: WKT1/ESRI/WKT2 spellings all normalise to these tokens. */
function datumFromName(name: string): DatumId | undefined {
  const n = normalizeName(name);
  if (n === '') return undefined;
  if (n.includes('cgcs2000') || n.includes('china2000') || n.includes('chinageodeticcoordinatesystem2000')) {
    return 'CGCS2000';
  }
  if (n.includes('wgs84') || n.includes('wgs1984') || n.includes('worldgeodeticsystem1984')) return 'WGS84';
  if (n.includes('beijing1954') || n.includes('beijing54')) return 'Beijing1954';
  if (n.includes('xian1980') || n.includes('xian80')) return 'Xian1980';
  return undefined;
}

function datumFromGeogCode(desc: CrsDescription): DatumId | undefined {
  const code = desc.geogAuthority?.name === 'EPSG' ? desc.geogAuthority.code : undefined;
  return (Object.keys(GEOGRAPHIC_CODE) as DatumId[]).find((d) => GEOGRAPHIC_CODE[d] === code);
}

function datumFromEllipsoid(e: { a: number; rf: number } | undefined): DatumId | undefined {
  if (!e) return undefined;
  return ELLIPSOIDS.find((ref) => Math.abs(ref.a - e.a) < 0.5 && Math.abs(ref.rf - e.rf) < 1e-7)?.datum;
}

/** Datum of a description, with a note when only the ellipsoid identified it. */
export function identifyDatum(desc: CrsDescription): { datum: DatumId; notes: CrsNote[] } | undefined {
  const byName = datumFromName(desc.datumName) ?? datumFromName(desc.geogName) ?? datumFromGeogCode(desc);
  if (byName) return { datum: byName, notes: [] };
  const names = normalizeName(`${desc.datumName} ${desc.geogName}`);
  if (LOOKALIKE_DATUMS.some((l) => names.includes(l))) return undefined;
  const byEllipsoid = datumFromEllipsoid(desc.ellipsoid);
  if (!byEllipsoid) return undefined;
  const found = desc.datumName || desc.geogName || '?';
  return {
    datum: byEllipsoid,
    notes: [{ code: 'datum_by_ellipsoid', detail: { found, datum: byEllipsoid } }],
  };
}

const METHODS: ReadonlyArray<[ProjMethod, readonly string[]]> = [
  ['tmerc', ['transversemercator', 'gausskruger', 'gaussboaga', 'tm']],
  ['webmerc', ['popularvisualisationpseudomercator', 'mercatorauxiliarysphere', 'pseudomercator']],
  ['merc', ['mercator', 'mercator1sp', 'mercator2sp', 'mercatorvarianta', 'mercatorvariantb']],
  ['aea', ['albersconicequalarea', 'albersequalarea', 'albers', 'albersequalareaconic']],
  [
    'lcc',
    [
      'lambertconformalconic',
      'lambertconformalconic1sp',
      'lambertconformalconic2sp',
      'lambertconicconformal1sp',
      'lambertconicconformal2sp',
    ],
  ],
];

function methodOf(name: string): ProjMethod | undefined {
  const n = normalizeName(name);
  return METHODS.find(([, aliases]) => aliases.includes(n))?.[0];
}

/** Semantic parameters of a projected description, with defaults, for one method. */
function paramsOf(desc: CrsDescription, method: ProjMethod): ProjParams {
  const p = desc.params;
  const params: ProjParams = {
    method,
    lon0: p.lon0 ?? 0,
    lat0: p.lat0 ?? 0,
    k: p.k ?? 1,
    x0: p.x0 ?? 0,
    y0: p.y0 ?? 0,
  };
  if (method === 'merc' && p.lat1 !== undefined) params.latTs = p.lat1;
  if (method === 'aea' || method === 'lcc') {
    params.lat1 = p.lat1 ?? params.lat0;
    params.lat2 = p.lat2 ?? params.lat1;
  }
  return params;
}

const near = (a: number, b: number, tol: number): boolean => Math.abs(a - b) <= tol;

function sameParams(a: ProjParams, b: ProjParams): boolean {
  return (
    a.method === b.method &&
    near(a.lon0, b.lon0, 1e-9) &&
    near(a.lat0, b.lat0, 1e-9) &&
    near(a.k, b.k, 1e-9) &&
    near(a.x0, b.x0, 1e-3) &&
    near(a.y0, b.y0, 1e-3)
  );
}

/**
 * The table entry with this datum and these parameters. A 6° "CM" zone and the 3° "CM" zone on the same meridian
 * are the same projection; `nameHint` (the CRS name found) picks the one whose name says "3 degree" or not.
 */
export function findTableEntry(datum: DatumId, params: ProjParams, nameHint = ''): CrsDef | undefined {
  const matches = [...CRS_TABLE.values()].filter(
    (def) => def.datum === datum && sameParams(def.params, params),
  );
  if (matches.length < 2) return matches[0];
  const threeDegree = normalizeName(nameHint).includes('3degree');
  return matches.find((def) => normalizeName(def.name).includes('3degree') === threeDegree) ?? matches[0];
}

/** Rounds away binary noise from unit conversions (114.50000000000003 → 114.5) before writing proj4 text. */
function tidy(params: ProjParams): ProjParams {
  const out = { ...params };
  for (const key of ['lon0', 'lat0', 'k', 'x0', 'y0', 'lat1', 'lat2', 'latTs'] as const) {
    const v = out[key];
    if (v !== undefined) out[key] = Number(v.toPrecision(12));
  }
  return out;
}

/** Notes every CRS on an old Chinese datum carries: there is no public national shift to WGS 84/CGCS2000. */
export function datumNotes(datum: DatumId): CrsNote[] {
  if (datum === 'Beijing1954') {
    return [{ code: 'datum_shift_ignored', detail: { datum: 'Beijing 1954', datumZh: '1954 北京坐标系' } }];
  }
  if (datum === 'Xian1980') {
    return [{ code: 'datum_shift_ignored', detail: { datum: 'Xian 1980', datumZh: '1980 西安坐标系' } }];
  }
  return [];
}

/** A resolved CRS from a table entry. */
export function fromTable(def: CrsDef, notes: CrsNote[] = []): ResolvedCrs {
  return {
    id: `EPSG:${def.code}`,
    epsg: def.code,
    name: def.name,
    datum: def.datum,
    geographic: def.params.method === 'longlat',
    proj4: def.proj4,
    notes: [...notes, ...datumNotes(def.datum)],
  };
}

/** Label naming a described CRS in messages: name plus authority code when there is one. */
export function describeName(desc: CrsDescription): string {
  const name = desc.name || desc.geogName || desc.datumName || 'unnamed CRS';
  return desc.authority ? `${name} (${desc.authority.name}:${desc.authority.code})` : name;
}

/** Resolve a description by datum and parameters (no authority lookup). Throws `CrsError`. */
export function matchDescription(desc: CrsDescription, extraNotes: CrsNote[] = []): ResolvedCrs {
  const label = describeName(desc);
  if (desc.kind === 'unsupported')
    throw new CrsError('crs_unknown', label, 'not a geographic or projected CRS');
  const datum = identifyDatum(desc);
  if (!datum) {
    const ellipsoid = desc.ellipsoid
      ? `${desc.ellipsoid.name} ${desc.ellipsoid.a} 1/${desc.ellipsoid.rf}`
      : 'none';
    throw new CrsError(
      'crs_unknown',
      label,
      `unsupported datum "${desc.datumName}" (ellipsoid ${ellipsoid})`,
    );
  }
  if (Math.abs(desc.primeMeridian) > 1e-9) {
    throw new CrsError('crs_unknown', label, `prime meridian ${desc.primeMeridian}° is not Greenwich`);
  }
  const notes = [...extraNotes, ...datum.notes];
  if (desc.kind === 'geographic') {
    const def = CRS_TABLE.get(GEOGRAPHIC_CODE[datum.datum]);
    if (!def) throw new CrsError('crs_unknown', label, 'geographic CRS missing from table');
    return fromTable(def, notes);
  }
  const method = methodOf(desc.method);
  if (!method) throw new CrsError('crs_unknown', label, `unsupported projection method "${desc.method}"`);
  if (method === 'webmerc') {
    const def = CRS_TABLE.get(3857);
    if (def) return fromTable(def, notes);
  }
  const params = tidy(paramsOf(desc, method));
  const def = desc.toMeter === 1 ? findTableEntry(datum.datum, params, desc.name) : undefined;
  if (def) return fromTable(def, notes);
  const proj4 = proj4FromParams(datum.datum, params, desc.toMeter);
  return {
    id: `PROJ4:${proj4}`,
    epsg: null,
    name: desc.name || label,
    datum: datum.datum,
    geographic: false,
    proj4,
    notes: [...notes, { code: 'crs_from_parameters', detail: { name: label } }, ...datumNotes(datum.datum)],
  };
}
