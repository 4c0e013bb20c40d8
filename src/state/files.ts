const IMAGERY = /\.(tif|tiff)$/i;
const SIDECAR = /\.(shx|dbf|prj|cpg|qix|sbn|sbx|shp\.xml)$/i;

/**
 * Group dropped files into what they are: each GeoTIFF is a scene; a shapefile's parts (same base name) are one
 * layer; every other vector file is one layer.
 */
export function groupFiles(files: readonly File[]): { imagery: File[]; vectors: File[][] } {
  const imagery = files.filter((file) => IMAGERY.test(file.name));
  const groups = new Map<string, File[]>();
  for (const file of files) {
    if (IMAGERY.test(file.name)) continue;
    const base = /\.(shp|shx|dbf|prj|cpg|qix|sbn|sbx)$/i.test(file.name)
      ? file.name.replace(/\.[^.]+$/, '').toLowerCase()
      : `${file.name}\u0000`;
    groups.set(base, [...(groups.get(base) ?? []), file]);
  }
  const vectors = [...groups.values()].filter((group) => !group.every((file) => SIDECAR.test(file.name)));
  return { imagery, vectors };
}
