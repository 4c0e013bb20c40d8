/**
 * Read the parts of a WKT CRS (WKT1 OGC/ESRI or WKT2) that identify it: authority code, names, datum,
 * ellipsoid, projection method and parameters (converted to degrees and metres).
 */
import { child, children, nodeName, numberArg, parseWkt, type WktNode } from './crs-wkt-parse.ts';

/** What a CRS description says, independent of the WKT dialect. */
export interface CrsDescription {
  name: string;
  kind: 'geographic' | 'projected' | 'unsupported';
  /** Top-level authority, e.g. { name: 'EPSG', code: 4527 }. */
  authority?: { name: string; code: number };
  geogName: string;
  geogAuthority?: { name: string; code: number };
  datumName: string;
  ellipsoid?: { name: string; a: number; rf: number };
  /** Prime meridian longitude in degrees (0 = Greenwich). */
  primeMeridian: number;
  /** Method name as written, e.g. "Gauss_Kruger". */
  method: string;
  /** Semantic parameters: lon0, lat0, k, x0, y0, lat1, lat2 — degrees and metres. */
  params: Partial<Record<ParamKey, number>>;
  /** Metres per unit of the projected coordinates. */
  toMeter: number;
}

export type ParamKey = 'lon0' | 'lat0' | 'k' | 'x0' | 'y0' | 'lat1' | 'lat2';

const PROJECTED = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'];
const GEOGRAPHIC = [
  'GEOGCS',
  'GEOGCRS',
  'GEODCRS',
  'GEOGRAPHICCRS',
  'GEODETICCRS',
  'BASEGEOGCRS',
  'BASEGEODCRS',
];
const DATUM = ['DATUM', 'GEODETICDATUM', 'TRF', 'ENSEMBLE'];
const ELLIPSOID = ['SPHEROID', 'ELLIPSOID'];
const AUTHORITY = ['AUTHORITY', 'ID'];
const LENGTH_UNIT = ['UNIT', 'LENGTHUNIT'];
const ANGLE_UNIT = ['UNIT', 'ANGLEUNIT'];
const DEG = Math.PI / 180;

/** Lowercase letters and digits only: "Central_Meridian" and "central meridian" compare equal. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const PARAM_KEYS: Readonly<Record<string, ParamKey>> = {
  centralmeridian: 'lon0',
  longitudeofnaturalorigin: 'lon0',
  longitudeofcenter: 'lon0',
  longitudeofcentre: 'lon0',
  longitudeoforigin: 'lon0',
  longitudeoffalseorigin: 'lon0',
  longitudeofprojectioncentre: 'lon0',
  latitudeoforigin: 'lat0',
  latitudeofnaturalorigin: 'lat0',
  latitudeofcenter: 'lat0',
  latitudeofcentre: 'lat0',
  latitudeoffalseorigin: 'lat0',
  scalefactor: 'k',
  scalefactoratnaturalorigin: 'k',
  falseeasting: 'x0',
  eastingatfalseorigin: 'x0',
  falsenorthing: 'y0',
  northingatfalseorigin: 'y0',
  standardparallel1: 'lat1',
  latitudeof1ststandardparallel: 'lat1',
  standardparallel2: 'lat2',
  latitudeof2ndstandardparallel: 'lat2',
};

const LINEAR_KEYS: ReadonlySet<ParamKey> = new Set(['x0', 'y0']);

function authorityOf(node: WktNode | undefined): { name: string; code: number } | undefined {
  const auth = node ? child(node, AUTHORITY) : undefined;
  const code = numberArg(auth, 1);
  return auth && code !== undefined ? { name: nodeName(auth).toUpperCase(), code } : undefined;
}

/** Unwrap BOUNDCRS / COMPOUNDCRS to the horizontal CRS node. */
function horizontalNode(root: WktNode): WktNode | undefined {
  if (root.keyword === 'BOUNDCRS') {
    const source = child(root, ['SOURCECRS']);
    const inner = source?.args.find((a): a is WktNode => typeof a === 'object');
    return inner ? horizontalNode(inner) : undefined;
  }
  if (root.keyword === 'COMPD_CS' || root.keyword === 'COMPOUNDCRS') {
    const inner = children(root, [...PROJECTED, ...GEOGRAPHIC])[0];
    return inner ? horizontalNode(inner) : undefined;
  }
  return root;
}

/** Unit factor of a unit node (second argument), defaulting when absent. */
function unitFactor(node: WktNode | undefined, fallback: number): number {
  const f = numberArg(node, 1);
  return f !== undefined && f > 0 ? f : fallback;
}

function isGeocentric(node: WktNode): boolean {
  const cs = child(node, ['CS']);
  const first = cs?.args[0];
  return typeof first === 'object' && first.keyword === 'CARTESIAN';
}

/** Parse a WKT text and describe the CRS it holds. Throws `WktSyntaxError` on text that is not WKT. */
export function describeWkt(text: string): CrsDescription {
  const root = parseWkt(text.trim());
  const top = horizontalNode(root) ?? root;
  const isProjected = PROJECTED.includes(top.keyword);
  const geog = isProjected ? child(top, GEOGRAPHIC) : GEOGRAPHIC.includes(top.keyword) ? top : undefined;
  const datum = geog ? child(geog, DATUM) : undefined;
  const ellipsoidNode = datum ? child(datum, ELLIPSOID) : geog ? child(geog, ELLIPSOID) : undefined;
  const a = numberArg(ellipsoidNode, 1);
  const rf = numberArg(ellipsoidNode, 2);
  const primem = geog ? child(geog, ['PRIMEM', 'PRIMEMERIDIAN']) : undefined;
  // WKT1 angular parameters are in the geographic CRS's angular unit (nearly always degrees).
  const geogAngle = unitFactor(geog ? child(geog, ANGLE_UNIT) : undefined, DEG);

  let kind: CrsDescription['kind'] = 'unsupported';
  if (isProjected) kind = 'projected';
  else if (geog && !isGeocentric(top)) kind = 'geographic';

  const description: CrsDescription = {
    name: nodeName(top),
    kind,
    geogName: nodeName(geog),
    datumName: nodeName(datum),
    primeMeridian: ((numberArg(primem, 1) ?? 0) * geogAngle) / DEG,
    method: '',
    params: {},
    toMeter: 1,
  };
  const authority = authorityOf(top);
  if (authority) description.authority = authority;
  const geogAuthority = authorityOf(geog);
  if (geogAuthority) description.geogAuthority = geogAuthority;
  if (a !== undefined && rf !== undefined) description.ellipsoid = { name: nodeName(ellipsoidNode), a, rf };
  if (isProjected) readProjection(top, geogAngle, description);
  return description;
}

/** Method, parameters and linear unit of a projected CRS node (WKT1 or WKT2). */
function readProjection(top: WktNode, geogAngle: number, out: CrsDescription): void {
  const conversion = child(top, ['CONVERSION']);
  const holder = conversion ?? top;
  out.method = nodeName(child(holder, ['PROJECTION', 'METHOD']));
  // WKT1: UNIT child of PROJCS. WKT2: LENGTHUNIT at top level or inside the first AXIS.
  const axisUnit = children(top, ['AXIS'])
    .map((axis) => child(axis, LENGTH_UNIT))
    .find((u) => u !== undefined);
  out.toMeter = unitFactor(child(top, LENGTH_UNIT) ?? axisUnit, 1);
  for (const param of children(holder, ['PARAMETER'])) {
    const key = PARAM_KEYS[normalizeName(nodeName(param))];
    const raw = numberArg(param, 1);
    if (!key || raw === undefined) continue;
    const ownUnit = child(param, ['LENGTHUNIT', 'ANGLEUNIT', 'SCALEUNIT', 'UNIT']);
    if (ownUnit) {
      // WKT2: every parameter carries its unit.
      const f = unitFactor(ownUnit, 1);
      out.params[key] =
        ownUnit.keyword === 'ANGLEUNIT' ? (raw * f) / DEG : ownUnit.keyword === 'LENGTHUNIT' ? raw * f : raw;
    } else if (LINEAR_KEYS.has(key)) {
      out.params[key] = raw * out.toMeter;
    } else if (key === 'k') {
      out.params[key] = raw;
    } else {
      out.params[key] = (raw * geogAngle) / DEG;
    }
  }
}
