import * as Comlink from 'comlink';
import { attributePatches, prepareLayers, type PreparedLayers } from '../src/core/geo/attributes.ts';
import type { GeometryApi } from './geometry-api.ts';

const prepared = new Map<string, PreparedLayers>();
const running = new Map<number, AbortController>();

/** Thrown when a job names a layer set that was never prepared (or was released). */
class UnknownLayersError extends Error {
  constructor(key: string) {
    super(`no prepared layers named "${key}": call prepare() first`);
    this.name = 'UnknownLayersError';
  }
}

const api: GeometryApi = {
  async prepare(key, layers) {
    const names = layers.names ?? {};
    const namesEn = layers.namesEn ?? {};
    prepared.set(
      key,
      prepareLayers({
        redlines: layers.redlines,
        reserves: layers.reserves,
        controlZones: layers.controlZones ?? [],
        admin: layers.admin,
        namedPoints: layers.namedPoints,
        nameOf: (code) => names[code],
        nameEnOf: (code) => namesEn[code],
      }),
    );
    return {
      key,
      redlines: layers.redlines.length,
      reserves: layers.reserves.length,
      admin: layers.admin.length,
      namedPoints: layers.namedPoints.length,
    };
  },

  async attribute(jobId, key, patches, request, onProgress) {
    const layers = prepared.get(key);
    if (!layers) throw new UnknownLayersError(key);
    const controller = new AbortController();
    running.set(jobId, controller);
    try {
      return await attributePatches(
        patches,
        { layers, year: request.year, issued: request.issued, unknownCountyCode: request.unknownCountyCode },
        {
          signal: controller.signal,
          // Fire and forget: awaiting the main thread on every tick would slow the job down.
          onProgress: onProgress ? (done, total) => void onProgress(done, total) : undefined,
          keepGeometry: request.keepGeometry ?? false,
        },
      );
    } finally {
      running.delete(jobId);
    }
  },

  cancel(jobId) {
    running.get(jobId)?.abort();
  },

  release(key) {
    prepared.delete(key);
  },
};

Comlink.expose(api);
