import * as Comlink from 'comlink';
import { fromBlob } from 'geotiff';
import type { BandRole } from '../src/core/display/band-roles.ts';
import { packedBuffers, packPatches } from '../src/core/change/patch-codec.ts';
import { geotiffSource } from '../src/core/change/geotiff-source.ts';
import { detectChanges } from '../src/core/change/pipeline.ts';
import { ChangeInputError } from '../src/core/change/source.ts';
import type { DetectApi } from './detect-api.ts';

const running = new Map<number, AbortController>();
const WANTED: BandRole[] = ['blue', 'green', 'red', 'nir'];

/** Indexes of blue, green, red, nir in an image's band roles. */
function bandIndexes(roles: readonly BandRole[], label: string): number[] {
  const indexes = WANTED.map((role) => roles.indexOf(role));
  if (indexes.some((i) => i < 0)) {
    throw new ChangeInputError(`${label}: change detection needs blue, green, red and nir bands`);
  }
  return indexes;
}

const api: DetectApi = {
  async detect(jobId, request, onProgress) {
    const controller = new AbortController();
    running.set(jobId, controller);
    try {
      const [one, two] = await Promise.all([fromBlob(request.t1), fromBlob(request.t2)]);
      const [image1, image2] = await Promise.all([one.getImage(), two.getImage()]);
      const result = await detectChanges(
        geotiffSource(image1),
        geotiffSource(image2),
        {
          bands1: bandIndexes(request.t1Roles, 'T1'),
          bands2: bandIndexes(request.t2Roles, 'T2'),
          include: request.include,
          exclude: request.exclude,
          sensitivity: request.sensitivity,
          minAreaM2: request.minAreaM2,
          signal: controller.signal,
        },
        // Fire-and-forget: waiting for the page on every strip would slow the run.
        (share, message, patches) => void onProgress?.(share, message, patches),
      );
      const packed = packPatches(result.patches);
      return Comlink.transfer({ patches: packed, params: result.params }, packedBuffers(packed));
    } finally {
      running.delete(jobId);
    }
  },
  cancel(jobId) {
    running.get(jobId)?.abort();
  },
};

Comlink.expose(api);
