import * as Comlink from 'comlink';
import type { Feature, Geometry } from 'geojson';
import type { DrawGeometry } from '../io/draw-geometry.ts';
import { isArrowIpc } from '../io/feature-arrow-read.ts';
import { featuresFromDraw, type FeatureAttributes } from '../io/draw-features.ts';
import type { ProjectScopedRecord } from '../store/database.ts';
import { listRecords, putRecord } from '../store/records.ts';
import { readProjectFile } from '../store/opfs.ts';
import { putLayer, updateLayerRow } from '../db/layers.ts';
import { polygonDataAt, vectorLayers, type MapSight } from '../map/vector-layers.ts';
import type { PolygonData } from '../map/view-subset.ts';
import type { ImportErrorData, ImportWarning } from '../io/import-error.ts';
import type { LayerReadOutcome, LayerReadResult } from '../../workers/layer-api.ts';
import { CANCEL_GRACE_MS, terminateLayerWorker, withLayerWorker } from './layer-client.ts';
import { mapState, type Bounds } from './map.svelte.ts';
import { jobs } from './jobs.svelte.ts';
import { t } from '../i18n/i18n.svelte.ts';

export const LAYER_KINDS = ['redline', 'control_zone', 'reserve', 'admin', 'other'] as const;
export type LayerKind = (typeof LAYER_KINDS)[number];

/**
 * A vector layer as stored: its `feature` rows as an Arrow IPC stream in OPFS (`layer-<id>.arrow`; layers stored
 * before that kept normalised lon/lat GeoJSON, `.geojson`, still read), this record in IndexedDB.
 */
export interface LayerRecord extends ProjectScopedRecord {
  schemaVersion: 1;
  kind: LayerKind;
  name: string;
  sourceFile: string;
  /** The CRS the source came in (`EPSG:4527`, `PROJ4:…`); stored geometry is always lon/lat. */
  crs: string;
  crsName: string;
  featureCount: number;
  bbox: Bounds | null;
  fields: string[];
  warnings: ImportWarning[];
  visible: boolean;
  opfsName: string;
  addedAt: string;
}

type LayerFeature = Feature<Geometry, Record<string, unknown>>;

const sight = (): MapSight => ({ zoom: mapState.view.zoom, bounds: mapState.viewBounds() });

/** What the page keeps of a mounted layer: its draw buffers and attributes (its rows live in DuckDB and OPFS). */
interface MountedLayer {
  geometry: DrawGeometry;
  attributes: FeatureAttributes;
  /** Rebuilt from `geometry` and `attributes` the first time something asks for them. */
  features: LayerFeature[] | null;
  /** The polygon data of the last draw (see `polygonDataAt`): a redraw only when the view needs other data. */
  drawn: PolygonData | null;
}

/** A layer read from files and waiting for the user to confirm its kind and name. */
export interface PendingLayer {
  record: LayerRecord;
  result: LayerReadResult;
}

/** A file group that could not be read. */
export interface FailedRead {
  files: string[];
  error: ImportErrorData;
}

function asKind(value: string): LayerKind {
  return (LAYER_KINDS as readonly string[]).includes(value) ? (value as LayerKind) : 'other';
}

/** The project's vector layers: import (in a worker), confirmation, DuckDB rows, map layers, persistence. */
class LayersState {
  list = $state.raw<LayerRecord[]>([]);
  /** Layers read and waiting for confirmation, first one shown in the dialog. */
  queue = $state.raw<PendingLayer[]>([]);
  #mounted = new Map<string, MountedLayer>();
  #decided: (() => void)[] = [];

  get pending(): PendingLayer | null {
    return this.queue[0] ?? null;
  }

  /** Re-read every stored layer of a project from OPFS into DuckDB and the map. */
  async load(projectId: string): Promise<void> {
    this.clear();
    const records = await listRecords<LayerRecord>('layers', projectId);
    records.sort((a, b) => a.addedAt.localeCompare(b.addedAt));
    for (const record of records) {
      const file = await readProjectFile(projectId, record.opfsName);
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (isArrowIpc(bytes)) {
        // The worker gets a copy (postMessage clones); this one goes on to DuckDB.
        const stored = await this.#geometry(bytes, record.name);
        await this.mount(record, { ipc: bytes, ...stored }, record.id);
        continue;
      }
      // Stored before layers were kept as Arrow: read the GeoJSON again.
      const [outcome] = await this.#read([{ name: `${record.name}.geojson`, file }], record.name);
      if (!outcome?.ok) throw new Error(`stored layer ${record.name} could not be read back`);
      await this.mount(record, outcome.result, outcome.result.layerId);
    }
  }

  clear(): void {
    for (const record of this.list) mapState.removeOverlay(`vector-${record.id}`);
    this.list = [];
    this.queue = [];
    this.#mounted.clear();
  }

  /**
   * Read one group of files (a GeoJSON, a .zip, a .shp/.shx/.dbf/.prj/.cpg set, a CSV, a Parquet) in the worker.
   * Layers found wait in the queue for the user to confirm; nothing is stored until `confirm`. Returns the
   * groups that failed.
   */
  async read(projectId: string, files: { name: string; file: Blob }[]): Promise<FailedRead[]> {
    const label = files.map((f) => f.name).join(', ');
    const outcomes = await this.#read(files, label);
    const failed: FailedRead[] = [];
    const pending: PendingLayer[] = [];
    for (const outcome of outcomes) {
      if (!outcome.ok) {
        failed.push({ files: outcome.files, error: outcome.error });
        continue;
      }
      const result = outcome.result;
      const record: LayerRecord = {
        schemaVersion: 1,
        id: result.layerId,
        projectId,
        kind: asKind(result.kindGuess),
        name: result.name,
        sourceFile: result.sourceFiles.join(', '),
        crs: result.crs,
        crsName: result.crsName,
        featureCount: result.featureCount,
        bbox: result.bbox,
        fields: result.fields,
        warnings: result.warnings,
        visible: true,
        opfsName: `layer-${result.layerId}.arrow`,
        addedAt: new Date().toISOString(),
      };
      pending.push({ record, result });
    }
    this.queue = [...this.queue, ...pending];
    return failed;
  }

  /** Resolves once the confirmation queue is empty. */
  decided(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#decided.push(resolve));
  }

  /** The first pending layer was stored or dropped: show the next one. */
  next(): void {
    this.queue = this.queue.slice(1);
    if (this.queue.length === 0) for (const resolve of this.#decided.splice(0)) resolve();
  }

  /** Take a layer the confirm step failed to store off the map and the list again. */
  unmount(id: string): void {
    mapState.removeOverlay(`vector-${id}`);
    this.#mounted.delete(id);
    this.list = this.list.filter((item) => item.id !== id);
  }

  discard(): void {
    this.next();
  }

  async update(record: LayerRecord): Promise<void> {
    await putRecord('layers', record);
    await updateLayerRow(record.id, record.kind, record.name);
    this.list = this.list.map((item) => (item.id === record.id ? record : item));
    this.#draw(record);
  }

  /** The features of a layer, decoded from its rows on first use (drawing never needs them). */
  features(id: string): LayerFeature[] {
    const mounted = this.#mounted.get(id);
    if (!mounted) return [];
    mounted.features ??= featuresFromDraw(mounted.geometry, mounted.attributes);
    return mounted.features;
  }

  /** Layers of one kind with their features (for detection masks and overlay). */
  ofKind(kind: LayerKind): { record: LayerRecord; features: LayerFeature[] }[] {
    return this.list
      .filter((record) => record.kind === kind)
      .map((record) => ({ record, features: this.features(record.id) }));
  }

  async #read(files: { name: string; file: Blob }[], label: string): Promise<LayerReadOutcome[]> {
    const job = jobs.start(t('job.layer', { label }));
    return withLayerWorker(async (worker) => {
      const jobId = Math.floor(Math.random() * 2 ** 31);
      let settled = false;
      // Cancel asks the worker; a reader stuck in a loop never hears it, so after a grace period it is terminated.
      const stopped = new Promise<never>((_, reject) => {
        job.signal.addEventListener(
          'abort',
          () => {
            void worker.cancel(jobId);
            setTimeout(() => {
              if (settled) return;
              terminateLayerWorker();
              reject(new DOMException('layer read cancelled', 'AbortError'));
            }, CANCEL_GRACE_MS);
          },
          { once: true },
        );
      });
      stopped.catch(() => undefined);
      try {
        const outcomes = await Promise.race([
          worker.read(
            jobId,
            files,
            Comlink.proxy((share: number | null, message: string) => job.update(share, message)),
          ),
          stopped,
        ]);
        if (job.signal.aborted) return [];
        job.done();
        return outcomes;
      } catch (error) {
        if (!job.signal.aborted) job.fail(error);
        throw error;
      } finally {
        settled = true;
      }
    });
  }

  /** The draw buffers of a stored layer, prepared in the layer worker (triangulating is not the page's work). */
  async #geometry(
    ipc: Uint8Array,
    label: string,
  ): Promise<{ geometry: DrawGeometry; attributes: FeatureAttributes }> {
    const job = jobs.start(t('job.layer', { label }));
    try {
      const stored = await withLayerWorker((worker) => worker.geometry(ipc));
      job.done();
      return stored;
    } catch (error) {
      job.fail(error);
      throw error;
    }
  }

  /**
   * Draw a layer, insert its rows into DuckDB, then list it. Drawing comes first so the map's frame (seconds for a
   * very large layer in software WebGL) overlaps the insert; a failed insert takes the drawing away again.
   */
  async mount(
    record: LayerRecord,
    data: { ipc: Uint8Array; geometry: DrawGeometry; attributes: FeatureAttributes },
    ipcLayerId: string,
  ): Promise<void> {
    this.#mounted.set(record.id, {
      geometry: data.geometry,
      attributes: data.attributes,
      features: null,
      drawn: null,
    });
    this.#draw(record);
    try {
      await putLayer(
        {
          id: record.id,
          kind: record.kind,
          name: record.name,
          sourceFile: record.sourceFile,
          crs: record.crs,
          featureCount: record.featureCount,
          addedAt: record.addedAt,
        },
        // Transferred to DuckDB's worker: this buffer is empty afterwards.
        data.ipc,
        ipcLayerId,
      );
    } catch (error) {
      mapState.removeOverlay(`vector-${record.id}`);
      this.#mounted.delete(record.id);
      throw error;
    }
    this.list = [...this.list, record];
  }

  #draw(record: LayerRecord): void {
    if (!record.visible) {
      mapState.removeOverlay(`vector-${record.id}`);
      return;
    }
    const mounted = this.#mounted.get(record.id);
    if (!mounted) return;
    const seen = sight();
    mounted.drawn = polygonDataAt(mounted.geometry, seen);
    mapState.setOverlay(`vector-${record.id}`, vectorLayers(record.id, record.kind, mounted.geometry, seen));
  }

  /** After the view changed: redraw the large layers whose level of detail or drawn region the new view changes. */
  followView(): void {
    const seen = sight();
    for (const record of this.list) {
      const mounted = this.#mounted.get(record.id);
      if (mounted && record.visible && polygonDataAt(mounted.geometry, seen) !== mounted.drawn)
        this.#draw(record);
    }
  }
}

export const layers = new LayersState();
