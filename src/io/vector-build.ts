/**
 * Turns raw features (source CRS, untrusted shapes) into a `VectorLayer`: reprojects, validates, counts what
 * was skipped, builds WKB + bbox rows, infers fields when the format has no schema, guesses the layer kind.
 */
import type { Feature, Geometry } from 'geojson';
import { toLonLatTransformer, type PointTransform } from '../core/geo/reproject.ts';
import { extendBbox, geometryBbox, type Bbox } from '../core/geo/wkb.ts';
import { ImportError, type ImportWarning } from './import-error.ts';
import { guessLayerKind } from './layer-kind.ts';
import { cleanGeometry, type CleanStats } from './vector-geometry.ts';
import { crsCandidates, type LayerCrs } from './vector-crs.ts';
import { FeatureRowsBuilder } from './vector-rows.ts';
import { DrawGeometryBuilder } from './draw-geometry.ts';
import type { FeatureProps, FieldInfo, FieldType, VectorFormat, VectorLayer } from './vector-types.ts';

/** Field types seen so far, widened as values arrive. */
class FieldInference {
  private readonly types = new Map<string, FieldType | null>();

  observe(props: FeatureProps): void {
    for (const key in props) {
      const next = typeOfValue(props[key]);
      const prev = this.types.get(key);
      if (prev === undefined || prev === null) this.types.set(key, next);
      else if (next !== null && next !== prev) this.types.set(key, widen(prev, next));
    }
  }

  fields(): FieldInfo[] {
    return [...this.types].map(([name, type]) => ({ name, type: type ?? 'string' }));
  }
}

function typeOfValue(v: unknown): FieldType | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'boolean') return 'boolean';
  return 'json';
}

function widen(a: FieldType, b: FieldType): FieldType {
  if ((a === 'integer' && b === 'number') || (a === 'number' && b === 'integer')) return 'number';
  return a === 'json' || b === 'json' ? 'json' : 'string';
}

export interface LayerMeta {
  name: string;
  format: VectorFormat;
  sourceFiles: string[];
  /** File name used in messages. */
  file: string;
  /** Schema of the format (DBF, CSV header, Parquet); null = infer from properties. */
  fields: FieldInfo[] | null;
  warnings: ImportWarning[];
}

/**
 * Vertex limits of one layer: far above real red-line data (a detailed county boundary has ~10⁵ vertices) and
 * low enough that a layer stays drawable and the overlay stays interactive on a laptop.
 */
export const VERTEX_LIMITS = { perFeature: 1_000_000, perLayer: 20_000_000 };

/** Number of positions in a geometry (rings counted with their closing vertex). */
export function countVertices(geometry: Geometry): number {
  const count = (c: unknown): number =>
    Array.isArray(c) && typeof c[0] === 'number'
      ? 1
      : Array.isArray(c)
        ? c.reduce((n: number, x) => n + count(x), 0)
        : 0;
  if (geometry.type === 'GeometryCollection')
    return geometry.geometries.reduce((n, g) => n + countVertices(g), 0);
  return count(geometry.coordinates);
}

export class LayerBuilder {
  private readonly rows = new FeatureRowsBuilder();
  private readonly features: Feature<Geometry, FeatureProps>[] = [];
  private readonly inference = new FieldInference();
  private readonly stats: CleanStats = { ringsClosed: 0 };
  private readonly transform: PointTransform | null;
  private readonly bbox: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  private seen = 0;
  private nulls = 0;
  private invalid: number[] = [];
  private outOfRange: number[] = [];
  private unsupported = 0;
  private vertices = 0;
  private readonly draw: DrawGeometryBuilder | null;

  constructor(
    readonly crs: LayerCrs,
    private readonly keepFeatures: boolean,
    private readonly inferFields: boolean,
    /** Also build the layer's draw buffers (`VectorLayer.geometry`) while the geometry is at hand. */
    drawGeometry = false,
  ) {
    this.transform = toLonLatTransformer(crs.crs);
    this.draw = drawGeometry ? new DrawGeometryBuilder() : null;
  }

  /** Features kept so far. */
  get count(): number {
    return this.rows.length;
  }

  /** Add feature number `fid` of the source (its geometry in the source CRS). */
  add(fid: number, geometry: unknown, props: FeatureProps): void {
    this.seen++;
    if (geometry === null || geometry === undefined) {
      this.nulls++;
      return;
    }
    const result = cleanGeometry(geometry, this.transform, this.stats);
    if (!result.ok) {
      if (result.reason === 'out_of_range') this.outOfRange.push(fid);
      else if (result.reason === 'invalid') this.invalid.push(fid);
      else this.unsupported++;
      return;
    }
    const vertices = countVertices(result.geometry);
    this.vertices += vertices;
    if (vertices > VERTEX_LIMITS.perFeature)
      throw new ImportError('too_many_vertices', {
        what: `#${fid}`,
        count: vertices,
        limit: VERTEX_LIMITS.perFeature,
      });
    if (this.vertices > VERTEX_LIMITS.perLayer)
      throw new ImportError('too_many_vertices', {
        what: '∑',
        count: this.vertices,
        limit: VERTEX_LIMITS.perLayer,
      });
    const bbox = geometryBbox(result.geometry);
    if (!bbox) {
      this.invalid.push(fid);
      return;
    }
    extendBbox(this.bbox, result.geometry);
    if (this.inferFields) this.inference.observe(props);
    this.rows.add(fid, JSON.stringify(props), result.geometry, bbox);
    this.draw?.add(this.rows.length - 1, result.geometry);
    if (this.keepFeatures)
      this.features.push({ type: 'Feature', id: fid, properties: props, geometry: result.geometry });
  }

  private skipWarnings(): ImportWarning[] {
    const w: ImportWarning[] = [];
    if (this.nulls > 0) w.push({ code: 'null_geometry_skipped', detail: { count: this.nulls } });
    const invalid = this.invalid.length + this.unsupported;
    if (invalid > 0) {
      w.push({
        code: 'invalid_geometry_skipped',
        detail: { count: invalid, example: (this.invalid[0] ?? -1) + 1 },
      });
    }
    if (this.outOfRange.length > 0) {
      const example = (this.outOfRange[0] ?? 0) + 1;
      w.push({ code: 'out_of_range_skipped', detail: { count: this.outOfRange.length, example } });
    }
    if (this.stats.ringsClosed > 0)
      w.push({ code: 'rings_closed', detail: { count: this.stats.ringsClosed } });
    return w;
  }

  /** The layer; throws when nothing usable was read. */
  finish(meta: LayerMeta): VectorLayer {
    const count = this.rows.length;
    if (count === 0) this.throwEmpty(meta.file);
    const fields = meta.fields ?? this.inference.fields();
    const { crs, source } = this.crs;
    return {
      name: meta.name,
      format: meta.format,
      sourceFiles: meta.sourceFiles,
      crs: { id: crs.id, epsg: crs.epsg, name: crs.name, datum: crs.datum, proj4: crs.proj4, source },
      kindGuess: guessLayerKind(
        meta.name,
        fields.map((f) => f.name),
      ),
      fields,
      featureCount: count,
      bbox: [...this.bbox],
      features: this.keepFeatures ? this.features : null,
      geometry: this.draw?.finish() ?? null,
      rows: this.rows.finish(),
      warnings: [...meta.warnings, ...this.crs.warnings, ...this.skipWarnings()],
    };
  }

  private throwEmpty(file: string): never {
    if (this.seen === 0 || this.seen === this.nulls) throw new ImportError('no_features', { file });
    if (this.outOfRange.length > this.invalid.length) {
      const { crs, source } = this.crs;
      if (source === 'default' || source === 'assumed') {
        const p = this.stats.firstOutOfRange;
        const candidates = p ? crsCandidates(p[0] ?? 0, p[1] ?? 0) : [];
        throw new ImportError('missing_crs', {
          file,
          hint: candidates.length > 0 ? `→ ${candidates.join(' / ')}` : '',
          candidates: candidates.join(','),
        });
      }
      throw new ImportError('coordinates_out_of_range', { file, crs: `${crs.id} ${crs.name}` });
    }
    throw new ImportError('invalid_geometry', { file, count: this.invalid.length + this.unsupported });
  }
}
