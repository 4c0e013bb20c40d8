import * as Comlink from 'comlink';
import { readVector } from '../src/io/vector-read.ts';
import { featureRowsToIpc } from '../src/io/feature-arrow.ts';
import { ImportError } from '../src/io/import-error.ts';
import type { VectorLayer } from '../src/io/vector-types.ts';
import type { LayerApi, LayerReadOutcome, LayerReadResult } from './layer-api.ts';

const running = new Map<number, AbortController>();
const encoder = new TextEncoder();

function toResult(layer: VectorLayer): LayerReadResult {
  const layerId = crypto.randomUUID();
  const features = layer.features ?? [];
  const ipc = featureRowsToIpc(layerId, layer.rows);
  const normalized = encoder.encode(JSON.stringify({ type: 'FeatureCollection', features }));
  return {
    layerId,
    name: layer.name,
    sourceFiles: layer.sourceFiles,
    featureCount: features.length,
    ipc,
    normalized,
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
        outcome.ok ? [outcome.result.ipc.buffer, outcome.result.normalized.buffer] : [],
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

  cancel(jobId) {
    running.get(jobId)?.abort();
  },
};

Comlink.expose(api);
