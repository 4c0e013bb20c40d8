/**
 * Patches and cases for GIS (QGIS, ArcGIS): GeoJSON and GeoParquet in EPSG:4490 (CGCS2000 geographic,
 * longitude/latitude order), attributes under the annex field names (图斑编号, 中心经度 …) so an office can
 * join them to the lists. Also the project's reference layers as GeoParquet for case bundles, and the geometry a
 * chip PNG and the verification sheet need (projection onto a chip, scale bar, vertices, overlaps). Pure: no DOM.
 */
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { parquetWriteBuffer, type ColumnSource } from 'hyparquet-writer';
import {
  buildAnnex,
  handlingText,
  roundCell,
  roundedAreas,
  rowsAsRecords,
  selectAnnex1,
  ANNEX1_COLUMNS,
  type AnnexSettings,
  type CellValue,
} from '../core/case/annex.ts';
import { labelOf, type Catalog } from '../core/catalog.ts';
import type { CaseState } from '../core/model.ts';
import { encodeWkb, extendBbox, type Bbox } from '../core/geo/wkb.ts';
import { cgcs2000, geodesicAreaM2, M2_PER_HA } from '../core/geo/area.ts';
import { overlayPatch } from '../core/geo/overlay.ts';
import { bboxOf, polygonsOf, type Areal, type BBox } from '../core/geo/rings.ts';
import { FeatureIndex, type AreaFeature } from '../core/geo/spatial-index.ts';

/** Which cases a GIS export holds: every patch of the ledger, or the cases confirmed by the consultation. */
export type GeoScope = 'patches' | 'cases';

/** PROJJSON of EPSG:4490 (China Geodetic Coordinate System 2000), as GeoParquet's `crs` wants it. */
export const CGCS2000_PROJJSON = {
  $schema: 'https://proj.org/schemas/v0.7/projjson.schema.json',
  type: 'GeographicCRS',
  name: 'China Geodetic Coordinate System 2000',
  datum: {
    type: 'GeodeticReferenceFrame',
    name: 'China 2000',
    ellipsoid: { name: 'CGCS2000', semi_major_axis: 6378137, inverse_flattening: 298.257222101 },
  },
  coordinate_system: {
    subtype: 'ellipsoidal',
    axis: [
      { name: 'Geodetic latitude', abbreviation: 'Lat', direction: 'north', unit: 'degree' },
      { name: 'Geodetic longitude', abbreviation: 'Lon', direction: 'east', unit: 'degree' },
    ],
  },
  id: { authority: 'EPSG', code: 4490 },
} as const;

/** The GeoJSON 2008 `crs` member naming EPSG:4490; GDAL/QGIS read it and keep lon/lat order. */
export const GEOJSON_CRS_4490 = {
  type: 'name',
  properties: { name: 'urn:ogc:def:crs:EPSG::4490' },
} as const;

/** Attribute names beyond the 附件1 columns, in order. */
export const EXTRA_FIELDS = [
  '乡镇/街道',
  '红线内面积（公顷）',
  '线索来源',
  '办理阶段',
  '核实结果',
  '整改查处情况',
] as const;

/** All attribute names of an exported patch, in order (附件1 columns, then EXTRA_FIELDS). */
// GIS field names keep the full-width 面积（公顷） of the app's other tables (the list prints the seed's form).
const gisHeader = (c: (typeof ANNEX1_COLUMNS)[number]): string =>
  c.key === 'areaHa' ? '面积（公顷）' : c.header;
export const PATCH_FIELDS: readonly string[] = [...ANNEX1_COLUMNS.map(gisHeader), ...EXTRA_FIELDS];
const NUMERIC = new Set(['中心经度', '中心纬度', '面积（公顷）', '红线内面积（公顷）']);

/** The cases of a scope, in patch-id order. */
export function casesInScope(all: readonly CaseState[], scope: GeoScope): CaseState[] {
  return scope === 'cases' ? selectAnnex1(all) : [...all].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** One record per case with the annex field names (numbers rounded as the lists print them). */
export function patchRecords(
  cases: readonly CaseState[],
  settings: AnnexSettings,
  catalog: Catalog,
): Record<string, CellValue>[] {
  const table = buildAnnex(1, cases, settings, catalog, { preselected: true, province: '' });
  const coordinate = ANNEX1_COLUMNS.find((c) => c.kind === 'lon');
  const listArea = ANNEX1_COLUMNS.find((c) => c.key === 'areaHa')?.header ?? '';
  return rowsAsRecords(table).map((full, i) => {
    const record = Object.fromEntries(
      Object.entries(full).map(([k, v]) => [k === listArea ? '面积（公顷）' : k, v]),
    );
    const c = cases[i] as CaseState;
    // Both areas rounded alike (the red-line part never reads larger than the patch); coordinates as the lists.
    const areas = roundedAreas(c.patch.areaHa, c.patch.redlineHa, settings.areaDecimals);
    const round = (v: CellValue) => (coordinate ? roundCell(coordinate, v, settings.areaDecimals) : v);
    return {
      ...record,
      中心经度: round(c.patch.cx),
      中心纬度: round(c.patch.cy),
      '面积（公顷）': areas.areaHa,
      '乡镇/街道': c.patch.township,
      '红线内面积（公顷）': areas.redlineHa,
      线索来源: labelOf(catalog, 'clueSources', c.clueSource),
      办理阶段: labelOf(catalog, 'stages', c.stage),
      核实结果: c.verification ? labelOf(catalog, 'verificationResults', c.verification.result) : '',
      整改查处情况: handlingText(c, catalog),
    };
  });
}

/** Cases as a FeatureCollection in EPSG:4490 (cases without an outline get a null geometry). */
export function casesToGeoJson(
  cases: readonly CaseState[],
  settings: AnnexSettings,
  catalog: Catalog,
): FeatureCollection<Polygon | MultiPolygon | null> & { crs: typeof GEOJSON_CRS_4490 } {
  const records = patchRecords(cases, settings, catalog);
  const features: Feature<Polygon | MultiPolygon | null>[] = cases.map((c, i) => ({
    type: 'Feature',
    id: c.id,
    geometry: c.patch.geometry ?? null,
    properties: records[i] ?? {},
  }));
  return { type: 'FeatureCollection', crs: GEOJSON_CRS_4490, features };
}

/** GeoJSON text as UTF-8 bytes (no BOM: GeoJSON readers expect none). */
export const geoJsonBytes = (collection: object): Uint8Array =>
  new TextEncoder().encode(JSON.stringify(collection));

/** `geo` key-value metadata of GeoParquet 1.1 for one WKB column. */
function geoMetadata(geometries: readonly (Geometry | null)[]): string {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const types = new Set<string>();
  for (const g of geometries)
    if (g) {
      extendBbox(box, g);
      types.add(g.type);
    }
  return JSON.stringify({
    version: '1.1.0',
    primary_column: 'geometry',
    columns: {
      geometry: {
        encoding: 'WKB',
        geometry_types: [...types].sort(),
        crs: CGCS2000_PROJJSON,
        ...(box[0] <= box[2] ? { bbox: box } : {}),
      },
    },
  });
}

type Column = Omit<ColumnSource, 'data'> & { data: unknown[] };

/** A property column typed by its values: all numbers → DOUBLE, all booleans → BOOLEAN, else text. */
function propertyColumn(name: string, values: readonly unknown[]): Column {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length > 0 && present.every((v) => typeof v === 'number'))
    return { name, type: 'DOUBLE', data: values.map((v) => (typeof v === 'number' ? v : null)) };
  if (present.length > 0 && present.every((v) => typeof v === 'boolean'))
    return { name, type: 'BOOLEAN', data: values.map((v) => (typeof v === 'boolean' ? v : null)) };
  const text = (v: unknown) =>
    v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return { name, type: 'STRING', data: values.map(text) };
}

/**
 * Features as GeoParquet (geometry as WKB in column `geometry`, `geo` metadata with EPSG:4490), one column per
 * property in first-seen order. `fields` fixes the order and types where known (numbers of annex fields).
 */
export function featuresToGeoParquet(
  features: readonly Feature<Geometry | null>[],
  fields?: readonly string[],
  /** More key-value metadata after `geo` (e.g. a pass's record). */
  metadata: readonly { key: string; value: string }[] = [],
): Uint8Array {
  const names = [...(fields ?? [])];
  const seen = new Set(names);
  for (const f of features)
    for (const key of Object.keys(f.properties ?? {}))
      if (!seen.has(key) && key !== 'geometry') {
        seen.add(key);
        names.push(key);
      }
  const columns: Column[] = names.map((name) => {
    const values = features.map((f) => (f.properties as Record<string, unknown> | null)?.[name] ?? null);
    if (NUMERIC.has(name) && fields?.includes(name))
      return { name, type: 'DOUBLE', data: values.map((v) => (typeof v === 'number' ? v : null)) };
    return propertyColumn(name, values);
  });
  const geometries = features.map((f) => f.geometry);
  columns.push({
    name: 'geometry',
    type: 'BYTE_ARRAY',
    data: geometries.map((g) => (g ? encodeWkb(g) : null)),
  });
  const buffer = parquetWriteBuffer({
    // hyparquet-writer types `data` as its own DecodedArray union; plain arrays of those values are accepted.
    columnData: columns as ColumnSource[],
    kvMetadata: [{ key: 'geo', value: geoMetadata(geometries) }, ...metadata],
    createdBy: 'Redline Notebook',
  });
  return new Uint8Array(buffer);
}

/** Cases as GeoParquet with the annex field names. */
export function casesToGeoParquet(
  cases: readonly CaseState[],
  settings: AnnexSettings,
  catalog: Catalog,
): Uint8Array {
  return featuresToGeoParquet(casesToGeoJson(cases, settings, catalog).features, PATCH_FIELDS);
}

// ---------------------------------------------------------------- chips and overlaps (verification sheet)

/** Kind of reference layer a patch overlaps. */
export type OverlapKind = 'redline' | 'reserve' | 'admin';
export interface OverlapRow {
  readonly kind: OverlapKind;
  readonly layer: string;
  readonly name: string;
  readonly ha: number;
}
/** A reference layer given to `patchOverlaps`: its features with a display name each. */
export interface OverlapLayer {
  readonly kind: OverlapKind;
  readonly name: string;
  readonly features: readonly { readonly name: string; readonly geometry: Areal }[];
}

/** Ground length of a 1-2-5 scale bar for a chip `widthPx` wide covering `box`, at most `maxShare` of it. */
export function chipScaleBar(
  box: BBox,
  widthPx: number,
  maxShare = 0.3,
): { pixels: number; metres: number; label: string } {
  const lat = (box[1] + box[3]) / 2;
  const across = cgcs2000.Inverse(lat, box[0], lat, box[2]).s12 ?? 0;
  const perPixel = across / widthPx;
  const maxMetres = perPixel * widthPx * maxShare;
  const magnitude = 10 ** Math.floor(Math.log10(maxMetres));
  const metres = [5, 2, 1].map((n) => n * magnitude).find((m) => m <= maxMetres) ?? magnitude;
  return { pixels: metres / perPixel, metres, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` };
}

/** Lon/lat → pixel of a north-up chip of `width`×`height` covering `box` (linear at chip scale). */
export function chipProjection(box: BBox, width: number, height: number): (p: Position) => [number, number] {
  const [west, south, east, north] = box;
  return ([lon = 0, lat = 0]) => [
    ((lon - west) / (east - west)) * width,
    ((north - lat) / (north - south)) * height,
  ];
}

/** Vertices of an outline, ring by ring, without each ring's closing repeat. */
export function outlineVertices(geometry: Areal): { part: number; ring: number; lon: number; lat: number }[] {
  const out: { part: number; ring: number; lon: number; lat: number }[] = [];
  polygonsOf(geometry).forEach((polygon, part) =>
    polygon.forEach((ring, r) => {
      const closed =
        ring.length > 1 && ring[0]?.[0] === ring.at(-1)?.[0] && ring[0]?.[1] === ring.at(-1)?.[1];
      for (const [lon = 0, lat = 0] of closed ? ring.slice(0, -1) : ring)
        out.push({ part: part + 1, ring: r + 1, lon, lat });
    }),
  );
  return out;
}

/** Area of the patch inside each feature of each layer it meets (ellipsoidal, 公顷), largest first per kind. */
export function patchOverlaps(patch: Areal, layers: readonly OverlapLayer[]): OverlapRow[] {
  const box = bboxOf(patch);
  const m2 = geodesicAreaM2(patch);
  const none = new FeatureIndex<AreaFeature>([]);
  const rows: OverlapRow[] = [];
  for (const layer of layers) {
    const index = new FeatureIndex(layer.features.map((f, i) => ({ id: String(i), geometry: f.geometry })));
    const { redlines } = overlayPatch(patch, box, m2, index, none);
    for (const o of redlines)
      rows.push({
        kind: layer.kind,
        layer: layer.name,
        name: layer.features[Number(o.id)]?.name ?? o.id,
        ha: o.m2 / M2_PER_HA,
      });
  }
  const order: OverlapKind[] = ['redline', 'reserve', 'admin'];
  return rows.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || b.ha - a.ha);
}
