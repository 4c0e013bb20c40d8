/**
 * The analysis notebook: an ordered list of cells and their cached outputs, validated with zod on every read
 * (IndexedDB record or `.rnb.json` file). Version 1 of the schema; migrations live in file.ts.
 */
import { z } from 'zod';

export const NOTEBOOK_SCHEMA_VERSION = 1;

const Id = z.string().min(1).max(100);
const Text = z.string().max(200_000);
const Bbox = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const CELL_KINDS = ['markdown', 'sql', 'map', 'chart', 'detection', 'indicator'] as const;
export type CellKind = (typeof CELL_KINDS)[number];

export const ChartSpecSchema = z.object({
  type: z.enum(['bar', 'line']).default('bar'),
  /** Column of the category (bar) or x value (line). */
  x: z.string().max(200).default(''),
  /** Numeric columns drawn as series. */
  y: z.array(z.string().max(200)).max(6).default([]),
});
export type ChartSpec = z.infer<typeof ChartSpecSchema>;

export const MarkdownCellSchema = z.object({ id: Id, kind: z.literal('markdown'), source: Text });
export const SqlCellSchema = z.object({
  id: Id,
  kind: z.literal('sql'),
  source: Text,
  /** How the rows are shown: a table, features on the map (rows with `geom` WKB or lon/lat), or a chart. */
  display: z.enum(['table', 'map', 'chart']).default('table'),
  chart: ChartSpecSchema.optional(),
});
export const MapCellSchema = z.object({
  id: Id,
  kind: z.literal('map'),
  /**
   * The saved view: extent and the layers shown (null layer list: leave layers as they are); null until the
   * user saves one.
   */
  view: z.object({ bbox: Bbox, layerIds: z.array(Id).max(500).nullable() }).nullable(),
});
export const ChartCellSchema = z.object({
  id: Id,
  kind: z.literal('chart'),
  /** The SQL cell whose rows are drawn. */
  sourceCellId: Id.nullable(),
  spec: ChartSpecSchema,
});
export const DetectionCellSchema = z.object({
  id: Id,
  kind: z.literal('detection'),
  runId: z.string().max(200),
});

export const LandCoverConfigSchema = z.discriminatedUnion('source', [
  z.object({
    source: z.literal('vector'),
    layerId: Id,
    field: z.string().max(200),
    natural: z.array(z.string().max(100)).max(500),
  }),
  z.object({
    source: z.literal('raster'),
    sceneId: Id,
    band: z.number().int().min(0).max(255).default(0),
    natural: z.array(z.string().max(100)).max(500),
  }),
]);
export type LandCoverConfig = z.infer<typeof LandCoverConfigSchema>;

export const INDICATOR_METRICS = [
  'redlineRatioPct',
  'changePct',
  'activitySharePct',
  'naturalRatioPct',
  'fvcT2',
  'fvcChange',
] as const;
export type IndicatorMetric = (typeof INDICATOR_METRICS)[number];

export const IndicatorConfigSchema = z.object({
  /** Red lines of the baseline period; null: no area change. */
  baselineLayerId: Id.nullable().default(null),
  landCover: LandCoverConfigSchema.nullable().default(null),
  /** Scenes by id, or by label (`T1`, `T2`) so a shared notebook finds the scenes of another project. */
  fvc: z
    .object({
      t1SceneId: Id,
      t2SceneId: Id,
      soilPercent: z.number().min(0).max(50).default(5),
      vegPercent: z.number().min(50).max(100).default(95),
    })
    .nullable()
    .default(null),
  /** Which patches count as human activity: all but rejected ones, or confirmed cases only. */
  patchStages: z.enum(['not_rejected', 'confirmed']).default('not_rejected'),
  /** FVC decrease tolerated before 功能不降低 is marked as failed. */
  fvcTolerance: z.number().min(0).max(1).default(0),
  /** Indicator drawn as the choropleth. */
  metric: z.enum(INDICATOR_METRICS).default('activitySharePct'),
});
export type IndicatorConfig = z.infer<typeof IndicatorConfigSchema>;

export const IndicatorCellSchema = z.object({
  id: Id,
  kind: z.literal('indicator'),
  config: IndicatorConfigSchema,
});

export const CellSchema = z.discriminatedUnion('kind', [
  MarkdownCellSchema,
  SqlCellSchema,
  MapCellSchema,
  ChartCellSchema,
  DetectionCellSchema,
  IndicatorCellSchema,
]);
export type Cell = z.infer<typeof CellSchema>;
export type SqlCell = z.infer<typeof SqlCellSchema>;
export type MapCell = z.infer<typeof MapCellSchema>;
export type ChartCell = z.infer<typeof ChartCellSchema>;
export type DetectionCell = z.infer<typeof DetectionCellSchema>;
export type IndicatorCell = z.infer<typeof IndicatorCellSchema>;
export type MarkdownCell = z.infer<typeof MarkdownCellSchema>;

/** A JSON value as outputs store it. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
const JsonSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(JsonSchema),
    z.record(z.string(), JsonSchema),
  ]),
);

/** Where a SQL error points, 1-based. */
export const SqlPositionSchema = z.object({
  line: z.number().int(),
  column: z.number().int(),
  offset: z.number().int(),
});
export type SqlPosition = z.infer<typeof SqlPositionSchema>;

export const OutputResultSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('sql'),
    columns: z.array(z.object({ name: z.string(), type: z.string() })),
    rows: z.array(z.array(JsonSchema)),
    rowCount: z.number().int().nonnegative(),
    truncated: z.boolean(),
    /** GeoJSON features for the map display (rows with `geom` WKB or lon/lat), capped. */
    features: z.array(JsonSchema).optional(),
  }),
  z.object({
    type: z.literal('error'),
    message: z.string(),
    position: SqlPositionSchema.nullable().default(null),
  }),
  z.object({
    type: z.literal('map'),
    bbox: Bbox,
    layers: z.array(z.object({ id: z.string(), name: z.string(), found: z.boolean() })),
  }),
  z.object({
    type: z.literal('chart'),
    categories: z.array(z.string()),
    series: z.array(z.object({ name: z.string(), values: z.array(z.number().nullable()) })),
  }),
  z.object({
    type: z.literal('detection'),
    run: z.record(z.string(), JsonSchema),
    params: JsonSchema,
    stages: z.record(z.string(), z.number()),
  }),
  z.object({
    type: z.literal('indicator'),
    /** The indicator table, FVC end members and the inputs used (see state/notebook-assess.ts). */
    report: z.record(z.string(), JsonSchema),
  }),
]);
export type OutputResult = z.infer<typeof OutputResultSchema>;

export const CellOutputSchema = z.object({
  ranAt: z.string(),
  ms: z.number().nonnegative(),
  /** Hash of the cell and its upstream inputs when it ran (stale.ts). */
  inputKey: z.string(),
  /** Fingerprint of the project's data when it ran. */
  dataKey: z.string(),
  result: OutputResultSchema,
});
export type CellOutput = z.infer<typeof CellOutputSchema>;

export const NotebookSchema = z.object({
  schemaVersion: z.literal(NOTEBOOK_SCHEMA_VERSION),
  id: Id,
  projectId: z.string(),
  name: z.string().trim().min(1).max(200),
  createdAt: z.string(),
  updatedAt: z.string(),
  cells: z.array(CellSchema).max(500),
  outputs: z.record(z.string(), CellOutputSchema),
});
export type Notebook = z.infer<typeof NotebookSchema>;

/** Thrown when a stored notebook or a file does not match the schema. */
export class NotebookFormatError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NotebookFormatError';
  }
}

/** A fresh cell of a kind, with defaults. */
export function newCell(kind: CellKind, id: string): Cell {
  switch (kind) {
    case 'markdown':
      return { id, kind, source: '' };
    case 'sql':
      return { id, kind, source: 'SELECT 1', display: 'table' };
    case 'map':
      return { id, kind, view: null };
    case 'chart':
      return { id, kind, sourceCellId: null, spec: { type: 'bar', x: '', y: [] } };
    case 'detection':
      return { id, kind, runId: '' };
    case 'indicator':
      return { id, kind, config: IndicatorConfigSchema.parse({}) };
  }
}

/** A new, empty notebook. */
export function newNotebook(id: string, projectId: string, name: string, now: string): Notebook {
  return {
    schemaVersion: NOTEBOOK_SCHEMA_VERSION,
    id,
    projectId,
    name,
    createdAt: now,
    updatedAt: now,
    cells: [],
    outputs: {},
  };
}
