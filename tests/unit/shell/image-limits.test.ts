import { describe, expect, it } from 'vitest';
import { IMAGE_LIMITS, imageTooLarge } from '../../../src/core/display/image-limits.ts';

const header = (width: number, height: number, bands: number, ow = width, oh = height) => ({
  width,
  height,
  bands,
  overview: { width: ow, height: oh },
});

describe('image limits', () => {
  it('accepts a 10,000² 4-band COG with overviews and a small plain image', () => {
    expect(imageTooLarge(header(10_000, 10_000, 4, 625, 625))).toBeNull();
    expect(imageTooLarge(header(772, 902, 4))).toBeNull();
  });

  it('refuses lying or unusable headers with a reason', () => {
    expect(imageTooLarge(header(0, 10, 4))).toMatch(/bad dimensions/);
    expect(imageTooLarge(header(100, 100, IMAGE_LIMITS.maxBands + 1))).toMatch(/bands/);
    expect(imageTooLarge(header(2 ** 21, 2 ** 21, 1, 512, 512))).toMatch(/pixels/);
    // A 20,000² image without overviews would be read whole for the stretch: 1.6 G samples.
    expect(imageTooLarge(header(20_000, 20_000, 4))).toMatch(/gdaladdo/);
  });
});
