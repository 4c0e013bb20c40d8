/**
 * 3×3 binary erosion or dilation of a row-major mask (0 / non-zero) into `out` (values 0 / 1). Pixels
 * beyond the image edge count as unset for dilation and as set for erosion (the border does not eat patches).
 */
export function morph3x3(
  mask: Uint8Array,
  width: number,
  height: number,
  op: 'erode' | 'dilate',
  out: Uint8Array,
): void {
  const erode = op === 'erode';
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - 1);
    const y1 = Math.min(height - 1, y + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - 1);
      const x1 = Math.min(width - 1, x + 1);
      let result = erode ? 1 : 0;
      search: for (let yy = y0; yy <= y1; yy++) {
        const base = yy * width;
        for (let xx = x0; xx <= x1; xx++) {
          const set = mask[base + xx] !== 0;
          if (erode && !set) {
            result = 0;
            break search;
          }
          if (!erode && set) {
            result = 1;
            break search;
          }
        }
      }
      out[y * width + x] = result;
    }
  }
}

/** Opening (removes specks) then closing (fills pin-holes), in place; `scratch` must be as long as `mask`. */
export function openClose(
  mask: Uint8Array,
  width: number,
  height: number,
  scratch: Uint8Array,
  steps: { open: boolean; close: boolean },
): void {
  if (steps.open) {
    morph3x3(mask, width, height, 'erode', scratch);
    morph3x3(scratch, width, height, 'dilate', mask);
  }
  if (steps.close) {
    morph3x3(mask, width, height, 'dilate', scratch);
    morph3x3(scratch, width, height, 'erode', mask);
  }
}
