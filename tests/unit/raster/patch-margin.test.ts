import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECT_PARAMS, resolveParams } from '../../../src/core/detect/params.ts';
import { DetectInputError } from '../../../src/core/detect/types.ts';

describe('patch margin parameter', () => {
  it('is on by default, relative to the scene cut', () => {
    expect(DEFAULT_DETECT_PARAMS.patchMarginZ).toBeGreaterThan(0);
    expect(resolveParams({}).patchMarginZ).toBe(DEFAULT_DETECT_PARAMS.patchMarginZ);
    expect(resolveParams({ patchMarginZ: null }).patchMarginZ).toBeNull();
  });

  it('refuses a negative or non-numeric margin as a bad parameter', () => {
    for (const bad of [-0.1, Number.NaN, Number.POSITIVE_INFINITY]) {
      let error: unknown = null;
      try {
        resolveParams({ patchMarginZ: bad });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DetectInputError);
      expect((error as DetectInputError).code).toBe('bad_parameter');
    }
  });
});
