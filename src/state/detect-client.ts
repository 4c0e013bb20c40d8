import * as Comlink from 'comlink';
import { paramsFor, planFromRoles } from '../core/detect/app-request.ts';
import type { DetectProgress, PatchFeature } from '../core/detect/types.ts';
import type { RasterApi } from '../../workers/raster-api.ts';
import type { PatchCandidate } from './patch-intake.ts';
import { registerDetectEngine, type DetectEngine } from './detection.svelte.ts';
import { t } from '../i18n/i18n.svelte.ts';

let client: Comlink.Remote<RasterApi> | null = null;
let nextJob = 1;

function rasterWorker(): Comlink.Remote<RasterApi> {
  if (!client) {
    const worker = new Worker(new URL('../../workers/raster.worker.ts', import.meta.url), { type: 'module' });
    client = Comlink.wrap<RasterApi>(worker);
  }
  return client;
}

function candidate(patch: PatchFeature): PatchCandidate {
  const p = patch.properties;
  return {
    geometry: patch.geometry,
    score: p.score,
    direction: p.direction,
    activityType: p.activity_type,
    activityConf: p.activity_conf,
    problemType: p.problem_type,
  };
}

function progressMessage(progress: DetectProgress): string {
  if (progress.phase === 'calibrate') return t('job.phase.calibrate');
  if (progress.phase === 'finish') return t('job.phase.finish');
  return t('job.phase.tiles', { done: progress.done, total: progress.total });
}

/**
 * The change-detection engine of the page: src/core/detect in the raster worker (which spreads tiles over
 * helper workers), the same core as `npm run detect`, cancelled through the signal.
 */
export const detectEngine: DetectEngine = {
  async detect(request, signal, onProgress) {
    const worker = rasterWorker();
    const jobId = `job-${nextJob++}`;
    const abort = (): void => void worker.cancel(jobId);
    signal.addEventListener('abort', abort, { once: true });
    try {
      signal.throwIfAborted();
      // Checked here too so bad roles fail before any file is read (the worker checks against the files).
      const roles = { t1: request.t1Roles, t2: request.t2Roles };
      const plan = planFromRoles(roles.t1, roles.t2);
      const region =
        request.include.length > 0 ? { include: request.include, exclude: request.exclude } : undefined;
      const response = await worker.detect(
        {
          jobId,
          t1: request.t1,
          t2: request.t2,
          roles,
          params: paramsFor(request),
          ...(region ? { region } : {}),
        },
        Comlink.proxy((progress: DetectProgress) => {
          if (signal.aborted) return;
          // Calibration is the first ~10 %, tiles the bulk, assembling the rest.
          const share =
            progress.phase === 'calibrate'
              ? 0.05
              : progress.phase === 'finish'
                ? 0.95
                : 0.1 + (0.85 * progress.done) / Math.max(1, progress.total);
          onProgress(share, progressMessage(progress), (progress.patches ?? []).map(candidate));
        }),
      );
      signal.throwIfAborted();
      return {
        patches: response.patches.map(candidate),
        params: {
          ...response.params,
          // The threshold actually used, for the panel and the run record (`threshold` keeps the spec).
          thresholdUsed: response.calibration.threshold,
          zThreshold: response.calibration.zThreshold,
          engine: 'src/core/detect',
          crs: response.crs,
          bands: plan.read.t1,
          provenance: response.provenance,
        },
      };
    } finally {
      signal.removeEventListener('abort', abort);
    }
  },
};

registerDetectEngine(detectEngine);
