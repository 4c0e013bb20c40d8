/**
 * Read one shapefile (its .shp/.shx/.dbf/.prj/.cpg parts) as a layer. Decisions: a missing .dbf is an error
 * (attributes such as names and codes are what supervision needs); a missing or inconsistent .shx is rebuilt
 * from the .shp (it holds only offsets) with a warning; no .prj → lon/lat only when the .shp bounds are degrees,
 * otherwise the user is asked.
 */
import { ImportError, throwIfCancelled, type ImportWarning } from '../import-error.ts';
import { LayerBuilder } from '../vector-build.ts';
import { chooseCrs, crsForUndeclared } from '../vector-crs.ts';
import type { ReadVectorOptions, VectorLayer } from '../vector-types.ts';
import { dbfFieldInfo, nameFields, readDbfHeader, readRecord, textSamples } from './dbf.ts';
import { chooseEncoding, encodingFromLdid } from './encoding.ts';
import { readShape, readShpHeader, readShx, scanShp } from './shp.ts';

/** The parts of one shapefile, found by base name (in a zip or among dropped files). */
export interface ShapefileParts {
  /** Base name (decoded), used as the layer name. */
  name: string;
  shp?: { name: string; bytes: Uint8Array };
  shx?: { name: string; bytes: Uint8Array };
  dbf?: { name: string; bytes: Uint8Array };
  prj?: { name: string; bytes: Uint8Array };
  cpg?: { name: string; bytes: Uint8Array };
}

const text = (bytes: Uint8Array): string =>
  new TextDecoder('utf-8')
    .decode(bytes)
    .replace(/^\ufeff/, '')
    .trim();

/** Read a shapefile as a layer in lon/lat. Throws `ImportError`. */
export function readShapefile(parts: ShapefileParts, options: ReadVectorOptions = {}): VectorLayer {
  const present = (['shp', 'shx', 'dbf', 'prj', 'cpg'] as const).filter((k) => parts[k]);
  const sourceFiles = present.map((k) => parts[k]?.name ?? '');
  if (!parts.shp)
    throw new ImportError('shapefile_missing_shp', { name: parts.name, found: sourceFiles.join(', ') });
  if (!parts.dbf) throw new ImportError('shapefile_missing_dbf', { name: parts.name });
  const file = parts.shp.name;
  const shp = parts.shp.bytes;
  const warnings: ImportWarning[] = [];

  const header = readShpHeader(file, shp);
  let slots = parts.shx ? readShx(parts.shx.bytes, shp) : null;
  if (!slots) {
    slots = scanShp(file, shp);
    warnings.push({ code: 'shx_rebuilt', detail: { file } });
  }
  const table = readDbfHeader(parts.dbf.name, parts.dbf.bytes);
  const count = Math.min(slots.length, table.count);
  if (slots.length !== table.count) {
    warnings.push({
      code: 'record_count_mismatch',
      detail: { shp: slots.length, dbf: table.count, used: count },
    });
  }

  const prj = parts.prj ? text(parts.prj.bytes) : '';
  const crs =
    chooseCrs(file, prj === '' ? null : { wkt: prj }, options.crs) ??
    crsForUndeclared(file, header.bbox, 'missing_prj');

  const encoding = chooseEncoding(
    parts.dbf.name,
    parts.cpg ? text(parts.cpg.bytes) : null,
    encodingFromLdid(table.ldid),
    textSamples(table),
  );
  warnings.push(...encoding.warnings);
  const decoder = new TextDecoder(encoding.label);
  nameFields(table, decoder);
  if (table.ignored.length > 0) {
    warnings.push({
      code: 'unsupported_fields_ignored',
      detail: { fields: table.ignored.map((f) => f.name).join(', ') },
    });
  }

  const builder = new LayerBuilder(crs, options.keepFeatures ?? true, false, options.drawGeometry);
  const stats = { orphanHoles: 0 };
  for (let i = 0; i < count; i++) {
    if (i % 2000 === 0) {
      throwIfCancelled(options.signal);
      options.onProgress?.({ file, phase: 'parse', loaded: i, total: count, features: builder.count });
    }
    const props = readRecord(table, i, decoder);
    if (!props) continue; // deleted in the DBF
    const slot = slots[i];
    if (slot) builder.add(i, readShape(file, shp, slot, stats), props);
  }
  if (stats.orphanHoles > 0) warnings.push({ code: 'orphan_holes', detail: { count: stats.orphanHoles } });
  return builder.finish({
    name: parts.name,
    format: 'shapefile',
    sourceFiles,
    file,
    fields: dbfFieldInfo(table),
    warnings,
  });
}
