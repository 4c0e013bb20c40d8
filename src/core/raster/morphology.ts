/**
 * Binary morphology with a (2r+1)×(2r+1) square, separable and O(1) per pixel (running counts).
 * Beyond the array edge nothing is known: a dilation never grows from there and an erosion ignores it, so
 * an opening does not eat patches that touch the scene edge; a closing treats the outside as background (it
 * must not grow patches into the edge) and then keeps every original pixel. Masks are Uint8Array with 0/1.
 */
function pass(
  src: Uint8Array,
  width: number,
  height: number,
  radius: number,
  horizontal: boolean,
  erode: boolean,
  outsideIsBackground = false,
): Uint8Array {
  const out = new Uint8Array(src.length);
  const lines = horizontal ? height : width;
  const len = horizontal ? width : height;
  const stride = horizontal ? 1 : width;
  for (let line = 0; line < lines; line += 1) {
    const base = horizontal ? line * width : line;
    let ones = 0;
    let span = 0;
    for (let k = 0; k < Math.min(radius, len); k += 1) {
      ones += src[base + k * stride]!;
      span += 1;
    }
    for (let k = 0; k < len; k += 1) {
      const add = k + radius;
      const sub = k - radius - 1;
      if (add < len) {
        ones += src[base + add * stride]!;
        span += 1;
      }
      if (sub >= 0) {
        ones -= src[base + sub * stride]!;
        span -= 1;
      }
      const needed = outsideIsBackground ? 2 * radius + 1 : span;
      out[base + k * stride] = erode ? (ones === needed ? 1 : 0) : ones > 0 ? 1 : 0;
    }
  }
  return out;
}

/** Dilation: 1 where any pixel of the square is 1. */
export function dilate(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  if (radius <= 0) return mask.slice();
  return pass(pass(mask, width, height, radius, true, false), width, height, radius, false, false);
}

/**
 * Erosion: 1 where every pixel of the square is 1. Pixels beyond the edge are ignored, or count as
 * background when `outsideIsBackground`.
 */
export function erode(
  mask: Uint8Array,
  width: number,
  height: number,
  radius: number,
  outsideIsBackground = false,
): Uint8Array {
  if (radius <= 0) return mask.slice();
  const h = pass(mask, width, height, radius, true, true, outsideIsBackground);
  return pass(h, width, height, radius, false, true, outsideIsBackground);
}

/** Opening (erode then dilate): removes specks and thin lines narrower than the square. */
export function open(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  return dilate(erode(mask, width, height, radius), width, height, radius);
}

/** Closing (dilate then erode): fills gaps and holes narrower than the square. */
export function close(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const out = erode(dilate(mask, width, height, radius), width, height, radius, true);
  for (let i = 0; i < out.length; i += 1) out[i] = out[i]! | mask[i]!;
  return out;
}
