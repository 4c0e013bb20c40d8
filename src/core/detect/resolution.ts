/**
 * Parameters that depend on the ground size of a pixel. The defaults were set at 10 m (Sentinel-2); at finer
 * pixels the same ground extent takes more pixels, so the smoothing radius, the speckle opening and the tile
 * size grow with 10 m / pixel size. Fields the caller set explicitly are never changed.
 */
import type { DetectParams, DetectParamsInput } from './params.ts';

/** Ground radius of the smoothing at the reference resolution (one 10 m pixel). */
export const SMOOTH_GROUND_M = 10;
/** Below this pixel size (m), an opening removes specks smaller than about `OPEN_GROUND_M`. */
export const OPEN_BELOW_M = 5;
export const OPEN_GROUND_M = 2;

/** Pixel-size dependent defaults (radii in pixels, capped at 16). */
export function resolutionDefaults(
  pixelSizeM: number,
): Pick<DetectParams, 'smoothRadius' | 'openRadius' | 'tileSize'> {
  const px = Number.isFinite(pixelSizeM) && pixelSizeM > 0 ? pixelSizeM : 10;
  const smoothRadius = Math.max(1, Math.min(16, Math.round(SMOOTH_GROUND_M / px)));
  const openRadius = px < OPEN_BELOW_M ? Math.max(1, Math.min(16, Math.round(OPEN_GROUND_M / px))) : 0;
  const halo = smoothRadius + 2 * openRadius;
  // Tiles at least 16 halos wide so the re-read halo stays a small share of each tile.
  const tileSize = Math.max(512, Math.ceil((16 * halo) / 256) * 256);
  return { smoothRadius, openRadius, tileSize };
}

/** The caller's overrides on top of the pixel-size dependent defaults. */
export function withResolution(input: DetectParamsInput, pixelSizeM: number): DetectParamsInput {
  return { ...resolutionDefaults(pixelSizeM), ...input };
}
