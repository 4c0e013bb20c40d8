// Limits of an image the imagery worker opens, checked from the header before any pixel is read: a file
// that lies about its size (or a real one far beyond what a laptop can display) is refused with a message,
// never answered with a multi-gigabyte allocation.

export const IMAGE_LIMITS = {
  /** Full-resolution pixels (1,000,000 × 1,000,000 would be ~0.1 ha at 0.3 m over a whole province). */
  maxPixels: 2 ** 40,
  maxBands: 16,
  /** Samples of the overview read whole for the contrast stretch (64 M ≈ 8,000 × 8,000 at 1 band). */
  maxOverviewSamples: 64 * 1024 * 1024,
};

export interface ImageHeader {
  width: number;
  height: number;
  bands: number;
  /** Size of the smallest overview (the image itself when it has none). */
  overview: { width: number; height: number };
}

/** Why the image cannot be opened, or null when it is within limits. */
export function imageTooLarge(header: ImageHeader): string | null {
  const { width, height, bands, overview } = header;
  if (![width, height, bands, overview.width, overview.height].every((n) => Number.isInteger(n) && n > 0))
    return `bad dimensions ${width} × ${height} × ${bands}`;
  if (bands > IMAGE_LIMITS.maxBands) return `${bands} bands (at most ${IMAGE_LIMITS.maxBands})`;
  if (width * height > IMAGE_LIMITS.maxPixels) return `${width} × ${height} pixels`;
  const samples = overview.width * overview.height * bands;
  if (samples > IMAGE_LIMITS.maxOverviewSamples)
    return `no overview small enough to display (smallest ${overview.width} × ${overview.height} × ${bands}); build overviews (gdaladdo) or a COG first`;
  return null;
}
