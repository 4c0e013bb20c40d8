import * as Comlink from 'comlink';
import { summariseFvc } from '../src/core/indicators/fvc.ts';
import { classCountsOfScene, ndviHistogramsOfScene } from '../src/core/indicators/raster-job.ts';
import { GeoTiffScene } from '../src/io/geotiff-scene.ts';
import { AssessmentCancelledError, assessVector } from '../src/core/indicators/vector.ts';
import type { AssessApi } from './indicators-api.ts';
import { cancellableJobs } from './cancellable-jobs.ts';

const jobs = cancellableJobs();

// Progress is fire-and-forget: awaiting the main thread on every block would slow the job down.
const report = (onProgress?: (share: number) => void) => (share: number) => void onProgress?.(share);

const api: AssessApi = {
  fvc(jobId, request, onProgress) {
    return jobs.run(jobId, async (signal) => {
      const started = performance.now();
      const scene = await GeoTiffScene.open(request.scene);
      const hist = await ndviHistogramsOfScene(
        scene,
        request.zones,
        { red: request.red, nir: request.nir },
        { signal, onProgress: report(onProgress) },
      );
      return {
        summary: summariseFvc(hist, request.soilPercent, request.vegPercent),
        width: scene.info.width,
        height: scene.info.height,
        crs: scene.info.crs.id,
        seconds: (performance.now() - started) / 1000,
      };
    });
  },

  landCover(jobId, request, onProgress) {
    return jobs.run(jobId, async (signal) => {
      const scene = await GeoTiffScene.open(request.scene);
      return classCountsOfScene(scene, request.zones, request.band, {
        signal,
        onProgress: report(onProgress),
      });
    });
  },

  vector(jobId, input, onProgress) {
    return jobs.run(jobId, async (signal) =>
      assessVector(input, (share) => {
        if (signal.aborted) throw new AssessmentCancelledError();
        void onProgress?.(share);
      }),
    );
  },

  cancel(jobId) {
    jobs.cancel(jobId);
  },
};

Comlink.expose(api);
