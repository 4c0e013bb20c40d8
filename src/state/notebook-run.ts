/**
 * Running one cell of a notebook: SQL through DuckDB, a saved map view applied to the map, a chart from a
 * SQL cell's rows, a detection run read from the `run` table, the assessment (notebook-assess.ts).
 * Each runner returns the result to store; failures become an `error` result the cell shows.
 */
import { queryArrow, query, tableToRows } from '../db/client.ts';
import { listRecords } from '../store/records.ts';
import type { ProjectScopedRecord } from '../store/database.ts';
import { QueryCancelledError } from '../db/sql.ts';
import { chartData, sqlResult, toJsonValue } from '../core/notebook/output.ts';
import { locateSqlError } from '../core/notebook/sql-error.ts';
import type {
  ChartCell,
  DetectionCell,
  Json,
  MapCell,
  Notebook,
  OutputResult,
  SqlCell,
} from '../core/notebook/model.ts';
import { layers } from './layers.svelte.ts';
import { mapState } from './map.svelte.ts';
import { project } from './project.svelte.ts';
import { scenes } from './scenes.svelte.ts';
import { t } from '../i18n/i18n.svelte.ts';

/** A cell could not run for a reason the user can fix (shown in the cell, not as a crash). */
export class CellRunError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CellRunError';
  }
}

function errorResult(message: string, sql?: string): OutputResult {
  return { type: 'error', message, position: sql ? locateSqlError(message, sql) : null };
}

/** Run a SQL cell; DuckDB's message and the failing position come back as an error result. */
export async function runSql(cell: SqlCell, signal: AbortSignal): Promise<OutputResult> {
  const sql = cell.source.trim().replace(/;\s*$/, '');
  if (!sql) return errorResult('empty SQL');
  try {
    const table = await queryArrow(sql, { signal });
    const columns = table.schema.fields.map((field) => ({ name: field.name, type: String(field.type) }));
    return sqlResult(columns, tableToRows(table));
  } catch (error) {
    if (error instanceof QueryCancelledError) throw error;
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    return errorResult(cause instanceof Error ? cause.message : String(cause), sql);
  }
}

/** Apply a saved view: zoom to its extent and show exactly its layers. */
export async function runMap(cell: MapCell): Promise<OutputResult> {
  if (!cell.view) return errorResult('no view saved: use “save current view” first');
  const ids = cell.view.layerIds;
  if (ids) {
    const wanted = new Set(ids);
    for (const record of layers.list) {
      const visible = wanted.has(record.id);
      if (record.visible !== visible) await layers.update({ ...record, visible });
    }
  }
  mapState.zoomTo(cell.view.bbox);
  const known = new Map(layers.list.map((l) => [l.id, l.name]));
  return {
    type: 'map',
    bbox: cell.view.bbox,
    layers: (ids ?? []).map((id) => ({ id, name: known.get(id) ?? id, found: known.has(id) })),
  };
}

/** The current map view as a map cell's saved view. */
export function currentView(): NonNullable<MapCell['view']> {
  const bbox = mapState.viewBounds().map((v) => Math.round(v * 1e6) / 1e6) as [
    number,
    number,
    number,
    number,
  ];
  return { bbox, layerIds: layers.list.filter((l) => l.visible).map((l) => l.id) };
}

/** A chart of the rows of its source SQL cell (which must have run). */
export function runChart(cell: ChartCell, notebook: Notebook): OutputResult {
  const source = cell.sourceCellId ? notebook.outputs[cell.sourceCellId]?.result : undefined;
  if (!cell.sourceCellId || !notebook.cells.some((c) => c.id === cell.sourceCellId))
    return errorResult('choose the SQL cell whose rows the chart draws');
  if (!source) return errorResult('run the source SQL cell first');
  if (source.type !== 'sql') return errorResult('the source cell has no rows (it failed)');
  return chartData(source, cell.spec);
}

/** A detection run as the detection feature stores it in IndexedDB (the truth; DuckDB's `run` is a cache). */
interface StoredRun {
  id: string;
  t1?: unknown;
  t2?: unknown;
  params?: unknown;
  startedAt?: unknown;
  finishedAt?: unknown;
  status?: unknown;
  patchCount?: unknown;
}

const text = (value: unknown): Json => (value === undefined || value === null ? null : String(value));

/** The project's runs, newest first: IndexedDB records, else the rows of DuckDB's `run` table. */
async function projectRuns(signal?: AbortSignal): Promise<StoredRun[]> {
  const projectId = project.current?.id;
  const stored = projectId ? await listRecords<ProjectScopedRecord>('runs', projectId) : [];
  const runs: StoredRun[] =
    stored.length > 0
      ? stored.map((r) => ({ ...r, id: r.id }))
      : (await query('SELECT * FROM run', signal ? { signal } : {})).map((r) => ({
          id: String(r.id),
          t1: r.t1,
          t2: r.t2,
          params: typeof r.params === 'string' ? safeJson(r.params) : r.params,
          startedAt: typeof r.started_at === 'number' ? new Date(r.started_at).toISOString() : r.started_at,
          finishedAt:
            typeof r.finished_at === 'number' ? new Date(r.finished_at).toISOString() : r.finished_at,
          status: r.status,
          patchCount: r.patch_count,
        }));
  return runs.sort(
    (a, b) => String(b.startedAt ?? '').localeCompare(String(a.startedAt ?? '')) || b.id.localeCompare(a.id),
  );
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** A detection run, read-only: its record, its parameters and its patches by stage (an empty id: the latest). */
export async function runDetection(cell: DetectionCell, signal: AbortSignal): Promise<OutputResult> {
  const chosen = cell.runId.trim();
  const runs = await projectRuns(signal);
  const found = chosen ? runs.find((r) => r.id === chosen) : runs[0];
  if (!found)
    return errorResult(
      chosen ? `no detection run ${chosen} in this project` : 'no detection run yet: run a detection first',
    );
  const label = (id: unknown): Json =>
    scenes.scenes.find((s) => s.record.id === id)?.record.label ?? text(id);
  const run: Record<string, Json> = {
    id: found.id,
    t1: label(found.t1),
    t2: label(found.t2),
    started_at: text(found.startedAt),
    finished_at: text(found.finishedAt),
    status: text(found.status),
    patch_count: typeof found.patchCount === 'number' ? found.patchCount : text(found.patchCount),
  };
  const stages: Record<string, number> = {};
  for (const r of await query(
    "SELECT coalesce(status, '') AS status, count(*) AS n FROM patch WHERE run_id = ? GROUP BY 1 ORDER BY 1",
    { params: [found.id], signal },
  ))
    stages[String(r.status)] = Number(r.n);
  return { type: 'detection', run, params: toJsonValue(found.params ?? null), stages };
}

/** A stored run's status in the user's words (unknown values as stored). */
function runStatusWord(status: string): string {
  const known = ['running', 'done', 'cancelled', 'failed', 'interrupted'] as const;
  return (known as readonly string[]).includes(status)
    ? t(`nb.runStatus.${status as (typeof known)[number]}`)
    : status;
}

/** Detection runs of the project, newest first, for the detection cell's picker. */
export async function listRuns(): Promise<{ id: string; label: string }[]> {
  return (await projectRuns()).map((r) => ({
    id: r.id,
    label: `${r.id} · ${runStatusWord(String(r.status ?? ''))} · ${String(r.patchCount ?? 0)}`,
  }));
}
