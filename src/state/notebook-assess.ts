/**
 * The protection-effectiveness assessment of an indicator cell: gathers the inputs (red-line, baseline,
 * county and land-cover layers from the layer state, patches from DuckDB, scene files from OPFS), runs the
 * vector sums and the raster jobs in the assessment workers, and builds the report.
 */
import * as Comlink from 'comlink';
import type { Feature, Geometry } from 'geojson';
import { query } from '../db/client.ts';
import { adminFieldsOf } from '../core/admin/admin-fields.ts';
import type { Areal } from '../core/geo/rings.ts';
import { buildIndicatorTable } from '../core/indicators/indicators.ts';
import { naturalShares } from '../core/indicators/landcover.ts';
import {
  REPORT_VERSION,
  type AssessmentReport,
  type LayerUse,
  type SceneFvc,
} from '../core/indicators/report.ts';
import type { CountyUnit, LandCoverFeature, PatchFact } from '../core/indicators/vector.ts';
import type { ZoneGeometry } from '../core/indicators/raster-job.ts';
import type { IndicatorConfig } from '../core/notebook/model.ts';
import { POST_CONFIRMATION } from '../core/case/workflow.ts';
import { nt } from '../i18n/i18n.svelte.ts';
import { layers, type LayerRecord } from './layers.svelte.ts';
import { scenes } from './scenes.svelte.ts';
import { project } from './project.svelte.ts';
import { onAssessWorker } from './notebook-assess-client.ts';
import { CellRunError } from './notebook-run.ts';

/** Stages that count as confirmed human activity (a case opened after review). */
const CONFIRMED_STAGES: string[] = [...POST_CONFIRMATION];

type AnyFeature = Feature<Geometry, Record<string, unknown>>;

function areal(feature: AnyFeature): Areal | null {
  const g = feature.geometry;
  return g && (g.type === 'Polygon' || g.type === 'MultiPolygon') ? g : null;
}

function use(record: LayerRecord): LayerUse {
  return { id: record.id, name: record.name, features: record.featureCount };
}

/** County polygons from the admin layers: county-level features when there are some, else every feature. */
export function countyUnits(): { units: CountyUnit[]; used: LayerUse[] } {
  const candidates: (CountyUnit & { level: string | null })[] = [];
  const used: LayerUse[] = [];
  for (const { record, features } of layers.ofKind('admin')) {
    used.push(use(record));
    features.forEach((feature, index) => {
      const geometry = areal(feature);
      if (!geometry) return;
      const fields = adminFieldsOf(feature.properties ?? {});
      const name =
        fields?.name || String(feature.properties?.name ?? feature.properties?.NAME ?? `#${index + 1}`);
      candidates.push({
        code: fields?.code ?? `${record.id}:${index}`,
        name,
        geometry,
        level: fields?.level ?? null,
      });
    });
  }
  const counties = candidates.filter((c) => c.level === 'county');
  const units = (counties.length > 0 ? counties : candidates).map(({ code, name, geometry }) => ({
    code,
    name,
    geometry,
  }));
  return { units, used };
}

function arealsOf(record: LayerRecord): Areal[] {
  return layers
    .features(record.id)
    .map(areal)
    .filter((g): g is Areal => g !== null);
}

async function patchFacts(rule: IndicatorConfig['patchStages'], signal: AbortSignal): Promise<PatchFact[]> {
  const where =
    rule === 'confirmed'
      ? `status IN (${CONFIRMED_STAGES.map(() => '?').join(', ')})`
      : "coalesce(status, '') <> ?";
  const params = rule === 'confirmed' ? CONFIRMED_STAGES : ['rejected'];
  const rows = await query(
    `SELECT id, activity_type, coalesce(redline_ha, area_ha, 0) AS ha, cx, cy FROM patch WHERE ${where} ORDER BY id`,
    { params, signal },
  );
  return rows.map((r) => ({
    id: String(r.id),
    activityType: r.activity_type === null || r.activity_type === '' ? null : String(r.activity_type),
    redlineHa: Number(r.ha) || 0,
    lon: Number(r.cx),
    lat: Number(r.cy),
  }));
}

/** A scene by id, or by label when no id matches (notebooks shared between projects name scenes `T1`, `T2`). */
function sceneById(id: string) {
  const scene =
    scenes.scenes.find((s) => s.record.id === id) ?? scenes.scenes.find((s) => s.record.label === id);
  if (!scene) throw new CellRunError('scene_missing', `scene ${id} is not in this project`);
  return scene;
}

/** The scene's file as the page reads it now: its OPFS copy, or the user's file for a scene read in place. */
async function sceneFile(id: string): Promise<Blob> {
  return sceneById(id).file;
}

async function fvcOf(
  index: 0 | 1,
  sceneId: string,
  zones: ZoneGeometry,
  config: NonNullable<IndicatorConfig['fvc']>,
  signal: AbortSignal,
  onProgress: (share: number) => void,
): Promise<SceneFvc> {
  const scene = sceneById(sceneId);
  const red = scene.record.bandRoles.indexOf('red');
  const nir = scene.record.bandRoles.indexOf('nir');
  if (red < 0 || nir < 0)
    throw new CellRunError(
      'bands_missing',
      `scene ${scene.record.label} has no red and NIR bands (check its band roles)`,
    );
  const file = await sceneFile(sceneId);
  const result = await onAssessWorker(index, signal, (api, jobId) =>
    api.fvc(
      jobId,
      { scene: file, red, nir, zones, soilPercent: config.soilPercent, vegPercent: config.vegPercent },
      Comlink.proxy(onProgress),
    ),
  );
  return {
    sceneId: scene.record.id,
    label: scene.record.label,
    date: scene.record.acquiredOn,
    summary: result.summary,
    width: result.width,
    height: result.height,
    crs: result.crs,
    seconds: result.seconds,
  };
}

/** Labels of the extra rows, in the UI language at the time of the run. */
export interface AssessLabels {
  total: string;
  outside: string;
}

/** Run the assessment of one indicator cell. `onProgress(share, message)` reports overall progress. */
export async function runAssessment(
  config: IndicatorConfig,
  labels: AssessLabels,
  signal: AbortSignal,
  onProgress: (share: number, message: string) => void,
): Promise<AssessmentReport> {
  if (!project.current) throw new CellRunError('no_project', 'open a project first');
  const baselineRecord = config.baselineLayerId
    ? layers.list.find((l) => l.id === config.baselineLayerId)
    : null;
  if (config.baselineLayerId && !baselineRecord)
    throw new CellRunError(
      'layer_missing',
      `baseline layer ${config.baselineLayerId} is not in this project`,
    );
  const redlineRecords = layers.list.filter((l) => l.kind === 'redline' && l.id !== config.baselineLayerId);
  if (redlineRecords.length === 0) throw new CellRunError('no_redlines', 'the project has no red-line layer');
  const redlines = redlineRecords.flatMap(arealsOf);
  const { units, used } = countyUnits();
  const patches = await patchFacts(config.patchStages, signal);

  let landCoverFeatures: LandCoverFeature[] | null = null;
  let landCoverName = '';
  const lc = config.landCover;
  if (lc?.source === 'vector') {
    const record = layers.list.find((l) => l.id === lc.layerId);
    if (!record)
      throw new CellRunError('layer_missing', `land-cover layer ${lc.layerId} is not in this project`);
    landCoverName = record.name;
    landCoverFeatures = layers.features(record.id).flatMap((f) => {
      const geometry = areal(f);
      const value = f.properties?.[lc.field];
      return geometry && value !== undefined && value !== null
        ? [{ geometry, cls: String(value).trim() }]
        : [];
    });
  }

  const zones: ZoneGeometry = { redlines, counties: units.map((u) => u.geometry) };
  const progress = { vector: 0, t1: 0, t2: 0, lc: 0 };
  const parts = 1 + (config.fvc ? 2 : 0) + (lc?.source === 'raster' ? 1 : 0);
  const tell = (message: string): void =>
    onProgress((progress.vector + progress.t1 + progress.t2 + progress.lc) / parts, message);

  const vectorJob = onAssessWorker(0, signal, (api, jobId) =>
    api.vector(
      jobId,
      {
        counties: units,
        redlines,
        baseline: baselineRecord ? arealsOf(baselineRecord) : null,
        patches,
        landCover: landCoverFeatures && lc ? { features: landCoverFeatures, natural: lc.natural } : null,
      },
      Comlink.proxy((share: number) => {
        progress.vector = share;
        tell(nt('ind.stepArea'));
      }),
    ),
  );
  const fvc = config.fvc;
  const fvcJobs = fvc
    ? Promise.all([
        fvcOf(0, fvc.t1SceneId, zones, fvc, signal, (share) => {
          progress.t1 = share;
          tell('FVC T1');
        }),
        fvcOf(1, fvc.t2SceneId, zones, fvc, signal, (share) => {
          progress.t2 = share;
          tell('FVC T2');
        }),
      ])
    : Promise.resolve(null);
  const rasterLc =
    lc?.source === 'raster'
      ? sceneFile(lc.sceneId).then((file) =>
          onAssessWorker(1, signal, (api, jobId) =>
            api.landCover(
              jobId,
              { scene: file, band: lc.band, zones },
              Comlink.proxy((share: number) => {
                progress.lc = share;
                tell(nt('ind.stepLandcover'));
              }),
            ),
          ),
        )
      : Promise.resolve(null);
  const [sums, fvcScenes, classCounts] = await Promise.all([vectorJob, fvcJobs, rasterLc]);
  if (lc?.source === 'raster') landCoverName = sceneById(lc.sceneId).record.label;

  const table = buildIndicatorTable(sums, {
    counties: units,
    fvc: fvcScenes ? { t1: fvcScenes[0].summary, t2: fvcScenes[1].summary } : null,
    rasterNatural: classCounts && lc ? naturalShares(classCounts, lc.natural) : null,
    fvcTolerance: config.fvcTolerance,
    totalLabel: labels.total,
    outsideLabel: labels.outside,
  });
  return {
    version: REPORT_VERSION,
    computedAt: new Date().toISOString(),
    table,
    counties: units.map((u) => ({ code: u.code, name: u.name })),
    fvc: fvcScenes ? { t1: fvcScenes[0], t2: fvcScenes[1] } : null,
    landCover: lc
      ? {
          source: lc.source,
          name: landCoverName,
          field: lc.source === 'vector' ? lc.field : String(lc.band + 1),
          natural: [...lc.natural],
        }
      : null,
    inputs: {
      redlines: redlineRecords.map(use),
      baseline: baselineRecord ? use(baselineRecord) : null,
      counties: used,
      patches: { rule: config.patchStages, count: patches.length },
    },
  };
}
