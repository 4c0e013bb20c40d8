/** Squared distance from p to the segment a-b. */
function segmentDistance2(p: readonly number[], a: readonly number[], b: readonly number[]): number {
  const ax = a[0] as number;
  const ay = a[1] as number;
  const dx = (b[0] as number) - ax;
  const dy = (b[1] as number) - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : (((p[0] as number) - ax) * dx + ((p[1] as number) - ay) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  const ex = (p[0] as number) - (ax + t * dx);
  const ey = (p[1] as number) - (ay + t * dy);
  return ex * ex + ey * ey;
}

/** Douglas–Peucker on an open polyline (iterative, keeps both ends). */
export function simplifyLine<T extends readonly number[]>(points: readonly T[], tolerance: number): T[] {
  if (points.length <= 2) return points.slice();
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const tol2 = tolerance * tolerance;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop() as [number, number];
    let worst = -1;
    let worstAt = -1;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance2(points[i] as T, points[first] as T, points[last] as T);
      if (d > worst) {
        worst = d;
        worstAt = i;
      }
    }
    if (worst > tol2) {
      keep[worstAt] = 1;
      stack.push([first, worstAt], [worstAt, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/**
 * Douglas–Peucker on a closed ring (first point repeated last). The ring is split at the vertex farthest from
 * the first one so that both halves are simplified as open lines. Returns the original ring when the result
 * would have fewer than 4 positions (a valid ring needs 3 distinct corners).
 */
export function simplifyRing<T extends readonly number[]>(ring: readonly T[], tolerance: number): T[] {
  if (ring.length <= 4) return ring.slice();
  const first = ring[0] as T;
  let far = 1;
  let farD = -1;
  for (let i = 1; i < ring.length - 1; i++) {
    const p = ring[i] as T;
    const d = ((p[0] as number) - (first[0] as number)) ** 2 + ((p[1] as number) - (first[1] as number)) ** 2;
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  const a = simplifyLine(ring.slice(0, far + 1), tolerance);
  const b = simplifyLine(ring.slice(far), tolerance);
  const out = [...a, ...b.slice(1)];
  return out.length >= 4 ? out : ring.slice();
}
