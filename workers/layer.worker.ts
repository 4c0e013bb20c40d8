import * as Comlink from 'comlink';
import { readVector } from '../src/io/vector-read.ts';
import { featureRowsToIpc, utf8Column } from '../src/io/feature-arrow.ts';
import { attributesFromIpc, drawGeometryFromIpc } from '../src/io/feature-arrow-read.ts';
import { featureAttributeBuffers } from '../src/io/draw-features.ts';
import { drawGeometryBuffers, drawGeometryFromWkb } from '../src/io/draw-geometry.ts';
import { ImportError } from '../src/io/import-error.ts';
import type { VectorLayer } from '../src/io/vector-types.ts';
import type { LayerApi, LayerReadOutcome, LayerReadResult } from './layer-api.ts';

const running = new Map<number, AbortController>();

function toResult(layer: VectorLayer): LayerReadResult {
  const layerId = crypto.randomUUID();
  const { rows } = layer;
  const props = utf8Column(rows.props.slice(0, rows.count));
  return {
    layerId,
    name: layer.name,
    sourceFiles: layer.sourceFiles,
    featureCount: rows.count,
    ipc: featureRowsToIpc(layerId, rows, props),
    geometry: layer.geometry ?? drawGeometryFromWkb(rows.wkb, rows.wkbOffsets, rows.count),
    attributes: { fid: rows.fid.slice(0, rows.count), propsOffsets: props.valueOffsets, props: props.data },
    bbox: layer.bbox,
    crs: layer.crs.id,
    crsName: layer.crs.name,
    kindGuess: layer.kindGuess.kind,
    fields: layer.fields.map((field) => field.name),
    warnings: layer.warnings,
  };
}

const api: LayerApi = {
  async read(jobId, files, onProgress) {
    const controller = new AbortController();
    running.set(jobId, controller);
    try {
      const total = files.reduce((sum, entry) => sum + entry.file.size, 0);
      const outcomes = await readVector(
        files.map((entry) => new File([entry.file], entry.name)),
        {
          // Rows only: the page draws from `geometry` and decodes features from the rows when it needs them.
          keepFeatures: false,
          drawGeometry: true,
          signal: controller.signal,
          onProgress: (progress) => {
            onProgress(total > 0 ? Math.min(1, progress.loaded / total) : null, `${progress.features}`);
          },
        },
      );
      const results: LayerReadOutcome[] = outcomes.map((outcome) =>
        outcome.ok ? { ok: true, result: toResult(outcome.layer) } : outcome,
      );
      const buffers = results.flatMap((outcome) =>
        outcome.ok
          ? [
              outcome.result.ipc.buffer,
              ...drawGeometryBuffers(outcome.result.geometry),
              ...featureAttributeBuffers(outcome.result.attributes),
            ]
          : [],
      ) as ArrayBuffer[];
      return Comlink.transfer(results, buffers);
    } catch (error) {
      // Only cancellation is thrown by readVector; send it as data so its code survives the boundary.
      if (error instanceof ImportError)
        return [{ ok: false, files: files.map((f) => f.name), error: error.toData() }];
      throw error;
    } finally {
      running.delete(jobId);
    }
  },

  geometry(ipc) {
    const stored = { geometry: drawGeometryFromIpc(ipc), attributes: attributesFromIpc(ipc) };
    return Promise.resolve(
      Comlink.transfer(stored, [
        ...drawGeometryBuffers(stored.geometry),
        ...featureAttributeBuffers(stored.attributes),
      ]),
    );
  },

  cancel(jobId) {
    running.get(jobId)?.abort();
  },
};

Comlink.expose(api);
