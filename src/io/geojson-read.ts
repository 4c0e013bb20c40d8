/**
 * GeoJSON reader on top of the streaming scanner: FeatureCollection, single Feature or bare geometry; honours
 * the legacy `crs` member (a `crs` found after the features triggers one re-read with it).
 */
import type { CrsInput } from '../core/geo/crs.ts';
import { resolveCrs } from '../core/geo/crs.ts';
import { ImportError, throwIfCancelled, type ImportWarning } from './import-error.ts';
import { GeoJsonScanner } from './geojson-stream.ts';
import { LayerBuilder } from './vector-build.ts';
import { chooseCrs, resolveForFile, type LayerCrs } from './vector-crs.ts';
import { stemOf, type ByteSource } from './vector-source.ts';
import type { FeatureProps, ReadVectorOptions, VectorLayer } from './vector-types.ts';

const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

/** The `crs` member → a `resolveCrs` input; null for `"crs": null` (explicitly lon/lat). */
function crsMemberInput(file: string, value: unknown): CrsInput | null {
  if (value === null) return null;
  const member = value as { type?: unknown; properties?: { name?: unknown; code?: unknown } };
  if (member.type === 'name' && typeof member.properties?.name === 'string') return member.properties.name;
  if (member.type === 'EPSG' && typeof member.properties?.code === 'number') return member.properties.code;
  throw new ImportError('unknown_crs', {
    file,
    crs: JSON.stringify(value).slice(0, 120),
    reason: 'unsupported crs member',
  });
}

function propsOf(value: unknown): FeatureProps {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as FeatureProps) : {};
}

type PassResult = { layer: VectorLayer } | { restartWith: CrsInput | null };

async function* counted(
  source: ByteSource,
  options: ReadVectorOptions,
  features: () => number,
): AsyncGenerator<Uint8Array> {
  let loaded = 0;
  for await (const chunk of source.chunks()) {
    throwIfCancelled(options.signal);
    loaded += chunk.byteLength;
    options.onProgress?.({
      file: source.name,
      phase: 'parse',
      loaded,
      total: source.size,
      features: features(),
    });
    yield chunk;
  }
}

async function readPass(
  source: ByteSource,
  options: ReadVectorOptions,
  known: CrsInput | null | undefined,
): Promise<PassResult> {
  const file = source.name;
  const scanner = new GeoJsonScanner(file);
  const members = new Map<string, unknown>();
  let builder: LayerBuilder | null = null;
  const layerCrs = (): LayerCrs => {
    const declared =
      known !== undefined ? known : members.has('crs') ? crsMemberInput(file, members.get('crs')) : null;
    return (
      chooseCrs(file, declared, options.crs) ?? { crs: resolveCrs(4326), source: 'default', warnings: [] }
    );
  };
  const keep = options.keepFeatures ?? true;
  for await (const chunk of counted(source, options, () => builder?.count ?? 0)) {
    for (const event of scanner.push(chunk)) {
      if (event.kind === 'member') {
        members.set(event.key, event.value);
        // A `crs` after the features: re-read from the start with it (first pass only).
        if (event.key === 'crs' && builder && known === undefined && options.crs === undefined) {
          const input = crsMemberInput(file, event.value);
          if (input !== null && !resolveForFile(file, input).geographic) return { restartWith: input };
        }
        continue;
      }
      builder ??= new LayerBuilder(layerCrs(), keep, true, options.drawGeometry);
      const f = event.value as { type?: unknown; geometry?: unknown; properties?: unknown } | null;
      if (f?.type === 'Feature') builder.add(event.index, f.geometry, propsOf(f.properties));
      else builder.add(event.index, { type: 'invalid' }, {});
    }
  }
  scanner.end();
  const type = members.get('type');
  if (type === 'Feature' || (typeof type === 'string' && GEOMETRY_TYPES.has(type))) {
    builder = new LayerBuilder(layerCrs(), keep, true, options.drawGeometry);
    if (type === 'Feature') builder.add(0, members.get('geometry'), propsOf(members.get('properties')));
    else builder.add(0, Object.fromEntries(members), {});
  } else if (type !== 'FeatureCollection') {
    throw new ImportError('not_geojson', { file, type: typeof type === 'string' ? type : 'none' });
  }
  if (!builder) throw new ImportError('no_features', { file });
  const warnings: ImportWarning[] = [];
  if (scanner.encodingFallback)
    warnings.push({ code: 'encoding_detected', detail: { file, encoding: scanner.encodingFallback } });
  return {
    layer: builder.finish({
      name: stemOf(file),
      format: 'geojson',
      sourceFiles: [file],
      file,
      fields: null,
      warnings,
    }),
  };
}

/** Read a GeoJSON file as one layer, streaming its bytes. Throws `ImportError`. */
export async function readGeoJson(source: ByteSource, options: ReadVectorOptions = {}): Promise<VectorLayer> {
  if (source.size === 0) throw new ImportError('empty_file', { file: source.name });
  const first = await readPass(source, options, undefined);
  if ('layer' in first) return first.layer;
  const second = await readPass(source, options, first.restartWith);
  if ('layer' in second) return second.layer;
  throw new ImportError('read_failed', { file: source.name, reason: 'crs member could not be applied' });
}
