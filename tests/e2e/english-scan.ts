/**
 * The "no English in Chinese mode" scan, as a pure function over page text (the browser tests feed it the
 * page's visible text; a unit test feeds it strings). An ASCII word is reported unless it is part of an id or
 * a number (any token with a digit: 450512-2026-0001, T1, v1.4.3, EPSG:4490), a file name, a single letter
 * (a shortcut key: J/K, Y, N), or on the small allow-list below (as a word, or as a whole token such as
 * `NDVI_soil`).
 */

/**
 * Words a Chinese page may show as they are: units, file formats and products the user meets by these names, and
 * the language switch, which names English in English on purpose.
 */
export const ZH_ASCII_ALLOW: readonly string[] = [
  // units
  'm',
  'km',
  'ha',
  'ms',
  'KB',
  'MB',
  'GB',
  // formats and products, as named in the Ministry's and the user's own files
  'GeoTIFF',
  'COG',
  'GeoJSON',
  'GeoParquet',
  'Shapefile',
  'XLSX',
  'CSV',
  'DOCX',
  'PNG',
  'JPG',
  'JPEG',
  'PDF',
  'DOC',
  'XLS',
  'SQL',
  'DuckDB',
  'JSON',
  'GIS',
  // the zipped Shapefile a provincial platform imports, and its text encoding (UTF-8 has a digit)
  'SHP',
  'zip',
  'GBK',
  'WASM',
  'FVC',
  'NDVI',
  'Sentinel',
  // the detection threshold's method, named after its authors as Chinese texts write it
  'Kittler',
  'Illingworth',
  // symbols of the FVC formula (whole tokens)
  'NDVI_soil',
  'NDVI_veg',
  // DBF field names the user's GIS shows (TBBH = 图斑编号), quoted in the Shapefile export's hint
  'TBBH',
  // the sample project's id, shown beside its name
  'beihai',
  // keyboard keys named in shortcut hints
  'Ctrl',
  'Enter',
  'Esc',
  // the language switch
  'English',
];

/** A file name, or a bare extension such as `.zip` or `.rnb.json`. */
const FILE_NAME =
  /^[\p{L}\p{N}_\-.]*\.(tiff?|geojson|json|zip|xlsx|csv|docx|parquet|png|jpe?g|shp|shx|dbf|prj|cpg)$/iu;
/** Runs of characters between spaces, CJK text and CJK punctuation. */
const TOKEN = /[^\s\u3000-\u303f\u3400-\u9fff\uff00-\uffef·（）「」『』“”‘’、，。：；！？—…]+/gu;

/** ASCII words of `text` that are not ids, numbers, file names, single letters or allowed: each once, in order. */
export function englishWords(text: string, allow: readonly string[] = ZH_ASCII_ALLOW): string[] {
  const allowed = new Set(allow.map((word) => word.toLowerCase()));
  const found: string[] = [];
  for (const raw of text.match(TOKEN) ?? []) {
    const token = raw.replace(/^[([{<"'`]+|[)\]}>"'`.,:;!?]+$/g, '');
    if (!/[A-Za-z]/.test(token) || /\d/.test(token) || FILE_NAME.test(token)) continue;
    if (allowed.has(token.toLowerCase())) continue;
    for (const word of token.split(/[^A-Za-z]+/)) {
      if (word.length < 2 || allowed.has(word.toLowerCase()) || found.includes(word)) continue;
      found.push(word);
    }
  }
  return found;
}
