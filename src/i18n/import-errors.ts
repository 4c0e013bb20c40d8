/**
 * Messages for vector-import errors and warnings (codes in `src/io/import-error.ts`), written for a
 * supervisor rather than a GIS specialist. `{name}` placeholders are filled from the error's `detail`.
 */
import { fillTemplate } from './format.ts';

export interface BilingualMessage {
  zh: string;
  en: string;
}

export const IMPORT_ERROR_MESSAGES: Readonly<Record<string, BilingualMessage>> = {
  empty_file: { zh: '文件「{file}」是空的（0 字节）。', en: 'The file "{file}" is empty (0 bytes).' },
  truncated_file: {
    zh: '文件「{file}」不完整，可能下载或拷贝时被截断。请重新获取完整文件。',
    en: 'The file "{file}" is incomplete; it was probably cut off during download or copying. Please get the complete file again.',
  },
  corrupt_file: {
    zh: '文件「{file}」已损坏，无法读取（{reason}）。',
    en: 'The file "{file}" is damaged and cannot be read ({reason}).',
  },
  invalid_json: {
    zh: '文件「{file}」不是有效的 GeoJSON：第 {position} 字节附近格式错误。',
    en: 'The file "{file}" is not valid GeoJSON: malformed near byte {position}.',
  },
  not_geojson: {
    zh: '文件「{file}」是 JSON，但不是 GeoJSON 要素（类型：{type}）。',
    en: 'The file "{file}" is JSON but not GeoJSON features (type: {type}).',
  },
  zip_corrupt: {
    zh: '压缩包「{file}」已损坏或不是 zip 文件。',
    en: 'The archive "{file}" is damaged or is not a zip file.',
  },
  zip_too_large: {
    zh: '压缩包「{file}」解压后过大（{entry}：{size}，上限 {limit}，压缩比上限 {ratio}:1），疑似“压缩炸弹”，已拒绝读取。',
    en: 'The archive "{file}" would expand too much ({entry}: {size}; limit {limit}, ratio at most {ratio}:1). It looks like a zip bomb and was not read.',
  },
  too_many_vertices: {
    zh: '「{file}」的要素顶点过多（{what}：{count} 个，上限 {limit} 个）。请先在 GIS 软件中简化或拆分后再导入。',
    en: '"{file}" has too many vertices ({what}: {count}; limit {limit}). Simplify or split it in a GIS first.',
  },
  zip_no_layers: {
    zh: '压缩包「{file}」中没有可读取的矢量数据（.shp、.geojson、.csv、.parquet）。',
    en: 'The archive "{file}" contains no readable vector data (.shp, .geojson, .csv, .parquet).',
  },
  shapefile_missing_shp: {
    zh: 'Shapefile「{name}」缺少 .shp 文件（图形），只找到 {found}。',
    en: 'The shapefile "{name}" has no .shp file (the shapes); only {found} was found.',
  },
  shapefile_missing_dbf: {
    zh: 'Shapefile「{name}」缺少 .dbf 文件（属性表）。请把同名的 .shp、.shx、.dbf、.prj、.cpg 一起打包后再导入。',
    en: 'The shapefile "{name}" has no .dbf file (attribute table). Zip the .shp, .shx, .dbf, .prj and .cpg files of the same name together and import again.',
  },
  unsupported_shape_type: {
    zh: 'Shapefile「{file}」的图形类型 {type} 不受支持。',
    en: 'The shapefile "{file}" uses shape type {type}, which is not supported.',
  },
  missing_prj: {
    zh: 'Shapefile「{file}」缺少 .prj 文件，无法确定坐标系，坐标不是经纬度。请选择数据的坐标系。{hint}',
    en: 'The shapefile "{file}" has no .prj file, so its coordinate system is unknown, and its coordinates are not degrees. Please choose the coordinate system of the data. {hint}',
  },
  missing_crs: {
    zh: '文件「{file}」没有说明坐标系，坐标也不是经纬度。请选择数据的坐标系。{hint}',
    en: 'The file "{file}" does not state its coordinate system and its coordinates are not degrees. Please choose the coordinate system of the data. {hint}',
  },
  unknown_crs: {
    zh: '文件「{file}」使用的坐标系「{crs}」暂不支持（{reason}）。请在 GIS 软件中转换为 CGCS2000 后再导入。',
    en: 'The file "{file}" uses the coordinate system "{crs}", which is not supported ({reason}). Convert it to CGCS2000 in a GIS tool and import again.',
  },
  unparsable_crs: {
    zh: '文件「{file}」的坐标系说明（.prj）无法识别：{text}',
    en: 'The coordinate-system description (.prj) of "{file}" cannot be read: {text}',
  },
  coordinates_out_of_range: {
    zh: '文件「{file}」的坐标换算后不在经纬度范围内，坐标系可能标注错误（当前：{crs}）。',
    en: 'The coordinates of "{file}" fall outside valid longitudes/latitudes after conversion; the coordinate system may be labelled wrongly (currently: {crs}).',
  },
  invalid_geometry: {
    zh: '文件「{file}」中没有有效图形（{count} 个要素的图形无效）。',
    en: 'The file "{file}" has no valid shapes ({count} features have invalid geometry).',
  },
  no_features: { zh: '文件「{file}」中没有要素。', en: 'The file "{file}" contains no features.' },
  unsupported_format: {
    zh: '不支持的文件类型：「{file}」。矢量数据请使用 GeoJSON、zip 打包的 Shapefile、CSV 或 GeoParquet。',
    en: 'Unsupported file type: "{file}". For vector data use GeoJSON, zipped Shapefile, CSV or GeoParquet.',
  },
  csv_no_coordinates: {
    zh: 'CSV「{file}」中找不到经纬度列（需要“经度/纬度”、“lon/lat”或“x/y”）。现有列：{columns}',
    en: 'No longitude/latitude columns found in the CSV "{file}" (expected 经度/纬度, lon/lat or x/y). Columns: {columns}',
  },
  parquet_no_geometry: {
    zh: 'Parquet「{file}」中没有 WKB 图形列。现有列：{columns}',
    en: 'The Parquet file "{file}" has no WKB geometry column. Columns: {columns}',
  },
  parquet_codec_unsupported: {
    zh: 'Parquet「{file}」使用了不支持的压缩方式 {codec}。请用 Snappy、Gzip 或不压缩重新导出。',
    en: 'The Parquet file "{file}" uses the unsupported compression {codec}. Export it again with Snappy, Gzip or no compression.',
  },
  parquet_geometry_encoding: {
    zh: 'Parquet「{file}」的图形编码 {encoding} 不受支持（需要 WKB）。',
    en: 'The Parquet file "{file}" stores geometry as {encoding}, which is not supported (WKB is required).',
  },
  cancelled: { zh: '导入已取消，项目未改变。', en: 'Import cancelled; the project is unchanged.' },
  read_failed: {
    zh: '读取「{file}」失败：{reason}',
    en: 'Reading "{file}" failed: {reason}',
  },
};

export const IMPORT_WARNING_MESSAGES: Readonly<Record<string, BilingualMessage>> = {
  shx_rebuilt: {
    zh: '「{file}」缺少 .shx 索引文件，已按 .shp 顺序重建，数据完整。',
    en: '"{file}" had no .shx index; it was rebuilt from the .shp records, no data lost.',
  },
  encoding_detected: {
    zh: '「{file}」未注明文字编码，已自动识别为 {encoding}。如出现乱码请告知。',
    en: '"{file}" does not state its text encoding; {encoding} was detected. Report any garbled text.',
  },
  cpg_mismatch: {
    zh: '「{file}」声明的编码 {declared} 与内容不符，已改用 {used} 读取。',
    en: '"{file}" declares the encoding {declared} but its text is not; it was read as {used}.',
  },
  cpg_unknown: {
    zh: '「{file}」的 .cpg 编码「{declared}」无法识别，已自动识别编码。',
    en: 'The .cpg encoding "{declared}" of "{file}" is not recognised; the encoding was detected instead.',
  },
  garbled_text: {
    zh: '「{file}」的属性文字可能是乱码（字段「{field}」：{sample}）。请确认原始文件的编码（.cpg）。',
    en: 'Attribute text of "{file}" may be garbled (field "{field}": {sample}). Check the encoding of the original file (.cpg).',
  },
  datum_shift_ignored: {
    zh: '坐标系基于{datumZh}，没有公开的全国转换参数，经纬度已直接当作 CGCS2000 使用，位置偏差可达百米量级。',
    en: 'The coordinate system is based on {datum}, for which no public national transformation exists; its latitudes/longitudes were used as CGCS2000 unchanged, so positions may be off by up to the order of 100 m.',
  },
  datum_by_ellipsoid: {
    zh: '大地基准「{found}」按椭球参数识别为 {datum}。',
    en: 'The datum "{found}" was identified as {datum} from its ellipsoid.',
  },
  crs_from_parameters: {
    zh: '坐标系「{name}」不在内置列表中，已按 .prj 中的投影参数换算。',
    en: 'The coordinate system "{name}" is not in the built-in list; it was converted from the projection parameters in its description.',
  },
  authority_not_in_table: {
    zh: '坐标系代码 {crs} 不在内置列表中，已按投影参数换算。',
    en: 'The coordinate system code {crs} is not in the built-in list; it was converted from its projection parameters.',
  },
  crs_assumed_lonlat: {
    zh: '「{file}」没有坐标系说明，坐标为经纬度，已按 CGCS2000 经纬度读取。',
    en: '"{file}" does not state its coordinate system; its coordinates are degrees and were read as CGCS2000 longitude/latitude.',
  },
  crs_overridden: {
    zh: '已按您选择的坐标系 {crs} 读取「{file}」。',
    en: '"{file}" was read in the coordinate system you chose, {crs}.',
  },
  null_geometry_skipped: {
    zh: '{count} 个要素没有图形，已跳过。',
    en: '{count} features have no geometry and were skipped.',
  },
  invalid_geometry_skipped: {
    zh: '{count} 个要素的图形无效（如点数不足、坐标缺失），已跳过；例如第 {example} 个要素。',
    en: '{count} features with invalid geometry (too few points, missing coordinates) were skipped, e.g. feature {example}.',
  },
  out_of_range_skipped: {
    zh: '{count} 个要素的坐标超出经纬度范围，已跳过；例如第 {example} 个要素。',
    en: '{count} features with coordinates outside valid longitudes/latitudes were skipped, e.g. feature {example}.',
  },
  rings_closed: {
    zh: '{count} 个未闭合的多边形环已自动闭合。',
    en: '{count} unclosed polygon rings were closed.',
  },
  orphan_holes: {
    zh: '{count} 个内环（洞）不在任何外环内，已作为独立多边形保留。',
    en: '{count} holes lay inside no outer ring and were kept as separate polygons.',
  },
  record_count_mismatch: {
    zh: '.shp 有 {shp} 个图形而 .dbf 有 {dbf} 条属性记录，只读取了前 {used} 个。',
    en: 'The .shp has {shp} shapes but the .dbf has {dbf} records; only the first {used} were read.',
  },
  unsupported_fields_ignored: {
    zh: '以下字段类型不受支持，已忽略：{fields}',
    en: 'These fields have unsupported types and were ignored: {fields}',
  },
  csv_rows_skipped: {
    zh: '{count} 行缺少有效坐标，已跳过；例如第 {example} 行。',
    en: '{count} rows without valid coordinates were skipped, e.g. row {example}.',
  },
  csv_columns_swapped: {
    zh: '列「{lon}」的数值像纬度、列「{lat}」的数值像经度，已对调使用。',
    en: 'Column "{lon}" holds latitudes and column "{lat}" holds longitudes; they were swapped.',
  },
};

/** The message of an import error or warning code in a locale, placeholders filled. */
export function importMessage(
  code: string,
  detail: Record<string, string | number>,
  locale: 'zh' | 'en',
): string {
  const message = IMPORT_ERROR_MESSAGES[code] ?? IMPORT_WARNING_MESSAGES[code];
  if (!message) return `${code} ${JSON.stringify(detail)}`;
  return fillTemplate(message[locale], detail).trim();
}
