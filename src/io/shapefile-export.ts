/**
 * Patches or cases as a zipped Shapefile (.shp/.shx/.dbf/.prj/.cpg), the format provincial platforms import.
 * Attributes are those of the GeoJSON/GeoParquet exports under DBF names of at most 10 bytes (SHAPEFILE_FIELDS,
 * listed in docs/bundle-format.md); text in UTF-8 with a .cpg by default, GBK on request; coordinates in
 * CGCS2000 lon/lat or in the CGCS2000 Gauss-Krüger zone (3° or 6°) of the patches' centre, with its .prj.
 */
import { zipSync } from 'fflate';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Catalog } from '../core/catalog.ts';
import type { CaseState } from '../core/model.ts';
import type { AnnexSettings, CellValue } from '../core/case/annex.ts';
import { resolveCrs } from '../core/geo/crs.ts';
import { gaussKrugerCode, prjForCode, type ShapefileCrs } from '../core/geo/crs-prj.ts';
import { fromLonLatTransformer, transformGeometry } from '../core/geo/reproject.ts';
import { PATCH_FIELDS, patchRecords } from './geo-export.ts';
import { encodeGbk } from './shapefile/gbk-encode.ts';
import { writeDbf, type DbfFieldSpec } from './shapefile/write-dbf.ts';
import { writePolygonShp } from './shapefile/write-shp.ts';

export type ShapefileEncoding = 'utf-8' | 'gbk';

/** Attribute name of the exports → DBF field (≤ 10 ASCII bytes; pinyin initials, as Chinese platforms use). */
export const SHAPEFILE_FIELDS: readonly (DbfFieldSpec & { readonly attribute: string })[] = [
  { attribute: '图斑编号', name: 'TBBH', type: 'C', length: 30 },
  { attribute: '省级行政区', name: 'SHENG', type: 'C', length: 60 },
  { attribute: '市级行政区', name: 'SHI', type: 'C', length: 60 },
  { attribute: '县级行政区', name: 'XIAN', type: 'C', length: 60 },
  { attribute: '中心经度', name: 'ZXJD', type: 'N', length: 12, decimals: 6 },
  { attribute: '中心纬度', name: 'ZXWD', type: 'N', length: 11, decimals: 6 },
  { attribute: '位置描述', name: 'WZMS', type: 'C', length: 254 },
  { attribute: '面积（公顷）', name: 'MJ_GQ', type: 'N', length: 16, decimals: 4 },
  { attribute: '遥感解译人类活动类型', name: 'HDLX', type: 'C', length: 60 },
  { attribute: '疑似生态破坏问题', name: 'PHWT', type: 'C', length: 60 },
  { attribute: '备注', name: 'BZ', type: 'C', length: 254 },
  { attribute: '乡镇/街道', name: 'XZ', type: 'C', length: 60 },
  { attribute: '红线内面积（公顷）', name: 'HXMJ_GQ', type: 'N', length: 16, decimals: 4 },
  { attribute: '线索来源', name: 'XSLY', type: 'C', length: 60 },
  { attribute: '办理阶段', name: 'BLJD', type: 'C', length: 30 },
  { attribute: '核实结果', name: 'HSJG', type: 'C', length: 30 },
  { attribute: '整改查处情况', name: 'ZGCC', type: 'C', length: 254 },
];

export interface ShapefileOptions {
  readonly encoding: ShapefileEncoding;
  readonly crs: ShapefileCrs;
  /** Name of the parts inside the zip (without extension). */
  readonly baseName: string;
}

export interface ShapefileZip {
  readonly bytes: Uint8Array;
  /** EPSG code the coordinates are in. */
  readonly code: number;
  /** Text values cut to 254 bytes, by DBF field (the full text is in the GeoJSON/GeoParquet exports). */
  readonly truncated: Readonly<Record<string, number>>;
}

/** EPSG code of the chosen CRS for these cases (a GK zone from the mean of their centres). */
export function shapefileCode(cases: readonly CaseState[], crs: ShapefileCrs): number {
  if (crs === 'geographic') return 4490;
  const lons = cases.map((c) => c.patch.cx).filter(Number.isFinite);
  const lon = lons.length > 0 ? lons.reduce((a, b) => a + b, 0) / lons.length : 117;
  return gaussKrugerCode(lon, crs === 'gk3' ? 3 : 6);
}

/** Build the zip; throws GbkUnmappable when GBK is asked for and a value has a character outside GBK. */
export function casesToShapefileZip(
  cases: readonly CaseState[],
  settings: AnnexSettings,
  catalog: Catalog,
  options: ShapefileOptions,
): ShapefileZip {
  const mapped = new Set(SHAPEFILE_FIELDS.map((f) => f.attribute));
  const missing = PATCH_FIELDS.filter((f) => !mapped.has(f));
  if (missing.length > 0) throw new Error(`no DBF field for ${missing.join(', ')}`);
  const code = shapefileCode(cases, options.crs);
  const toCrs = fromLonLatTransformer(resolveCrs(code));
  const geometries = cases.map((c) =>
    c.patch.geometry ? transformGeometry<Polygon | MultiPolygon>(c.patch.geometry, toCrs) : null,
  );
  const records = patchRecords(cases, settings, catalog).map((r) =>
    SHAPEFILE_FIELDS.map((f): CellValue | null => r[f.attribute] ?? null),
  );
  const encode = options.encoding === 'gbk' ? encodeGbk : (s: string) => new TextEncoder().encode(s);
  const dbf = writeDbf(SHAPEFILE_FIELDS, records, options.encoding, encode);
  const { shp, shx } = writePolygonShp(geometries);
  const text = (s: string) => new TextEncoder().encode(s);
  const base = options.baseName;
  const bytes = zipSync({
    [`${base}.shp`]: shp,
    [`${base}.shx`]: shx,
    [`${base}.dbf`]: dbf.bytes,
    [`${base}.prj`]: text(prjForCode(code)),
    [`${base}.cpg`]: text(options.encoding === 'gbk' ? 'GBK' : 'UTF-8'),
  });
  return { bytes, code, truncated: dbf.truncated };
}
