import * as Comlink from 'comlink';
import { readVector } from '../src/io/vector-read.ts';
import { featureRowsToIpc } from '../src/io/feature-arrow.ts';
import { drawGeometryFromIpc } from '../src/io/feature-arrow-read.ts';
import { drawGeometryBuffers, drawGeometryFromWkb } from '../src/io/draw-geometry.ts';
import { ImportError } from '../src/io/import-error.ts';
import type { VectorLayer } from '../src/io/vector-types.ts';
import type { LayerApi, LayerReadOutcome, LayerReadResult } from './layer-api.ts';

const running = new Map<number, AbortController>();

function toResult(layer: VectorLayer): LayerReadResult {
  const layerId = crypto.randomUUID();
  const { rows } = layer;
  return {
    layerId,
    name: layer.name,
    sourceFiles: layer.sourceFiles,
    featureCount: rows.count,
    ipc: featureRowsToIpc(layerId, rows),
    geometry: layer.geometry ?? drawGeometryFromWkb(rows.wkb, rows.wkbOffsets, rows.count),
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
        outcome.ok ? [outcome.result.ipc.buffer, ...drawGeometryBuffers(outcome.result.geometry)] : [],
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
    const geometry = drawGeometryFromIpc(ipc);
    return Promise.resolve(Comlink.transfer(geometry, drawGeometryBuffers(geometry)));
  },

  cancel(jobId) {
    running.get(jobId)?.abort();
  },
};

Comlink.expose(api);
