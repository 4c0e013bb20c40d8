import type { Run } from './label-runs.ts';

/** A closed ring of pixel-corner coordinates [x, y] (first point repeated at the end). */
export type PixelRing = [number, number][];

/** A polygon in pixel coordinates: outer ring first, then holes. */
export type PixelPolygon = PixelRing[];

// Directions: 0 right, 1 down, 2 left, 3 up (pixel grid, y down).
const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];

/**
 * Traces the boundary of a set of pixels (given as runs) along pixel edges into polygons with holes.
 * Edges keep the pixels on the traveller's right in screen terms (outer rings clockwise on screen, i.e.
 * counter-clockwise once y points north); at a pinch vertex the tightest turn is taken, so pixels that
 * touch only diagonally become separate polygons. Holes are attached to the outer ring that contains them.
 */
export function traceRuns(runs: readonly Run[]): PixelPolygon[] {
  if (runs.length === 0) return [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of runs) {
    minX = Math.min(minX, r.x0);
    maxX = Math.max(maxX, r.x1);
    minY = Math.min(minY, r.y);
    maxY = Math.max(maxY, r.y + 1);
  }
  // Local bitmap with a one-pixel empty border.
  const w = maxX - minX + 2;
  const h = maxY - minY + 2;
  const bits = new Uint8Array(w * h);
  for (const r of runs)
    bits.fill(1, (r.y - minY + 1) * w + r.x0 - minX + 1, (r.y - minY + 1) * w + r.x1 - minX + 1);
  const at = (x: number, y: number): boolean => bits[y * w + x] === 1;

  // Outgoing edges per vertex (vertex grid is (w+1) x (h+1)); 4 bits per vertex, one per direction.
  const vw = w + 1;
  const out = new Uint8Array(vw * (h + 1));
  let edges = 0;
  const addEdge = (vertex: number, direction: number): void => {
    out[vertex] = (out[vertex] as number) | (1 << direction);
    edges++;
  };
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      if (!at(x, y)) continue;
      if (!at(x, y - 1)) addEdge(y * vw + x, 0); // top: (x,y) -> (x+1,y)
      if (!at(x + 1, y)) addEdge(y * vw + x + 1, 1); // right: (x+1,y) -> (x+1,y+1)
      if (!at(x, y + 1)) addEdge((y + 1) * vw + x + 1, 2); // bottom: (x+1,y+1) -> (x,y+1)
      if (!at(x - 1, y)) addEdge((y + 1) * vw + x, 3); // left: (x,y+1) -> (x,y)
    }
  }

  const outers: { ring: PixelRing; area: number }[] = [];
  const holes: { ring: PixelRing; probe: [number, number] }[] = [];
  for (let start = 0; start < out.length && edges > 0; start++) {
    while ((out[start] as number) !== 0) {
      const sx = start % vw;
      const sy = (start - sx) / vw;
      let dir = Math.log2((out[start] as number) & -(out[start] as number));
      const ring: PixelRing = [[sx + minX - 1, sy + minY - 1]];
      let x = sx;
      let y = sy;
      for (;;) {
        out[y * vw + x] = (out[y * vw + x] as number) & ~(1 << dir);
        edges--;
        x += DX[dir] as number;
        y += DY[dir] as number;
        // With tightest turns every ring passes each vertex once, so returning to the start closes it.
        if (x === sx && y === sy) break;
        const options = out[y * vw + x] as number;
        // Prefer right turn, then straight, then left (tightest ring).
        const right = (dir + 1) % 4;
        const left = (dir + 3) % 4;
        const next =
          options & (1 << right) ? right : options & (1 << dir) ? dir : options & (1 << left) ? left : -1;
        if (next === -1) throw new Error('trace: open ring (inconsistent edges)');
        if (next !== dir) ring.push([x + minX - 1, y + minY - 1]);
        dir = next;
      }
      ring.push([ring[0]?.[0] ?? 0, ring[0]?.[1] ?? 0]);
      const area = ringArea(ring);
      if (area > 0) outers.push({ ring, area });
      else holes.push({ ring, probe: holeProbe(ring) });
    }
  }
  const polygons: PixelPolygon[] = outers.map((o) => [o.ring]);
  for (const hole of holes) {
    let best = -1;
    let bestArea = Infinity;
    outers.forEach((o, i) => {
      if (o.area < bestArea && pointInRing(hole.probe, o.ring)) {
        best = i;
        bestArea = o.area;
      }
    });
    if (best >= 0) polygons[best]?.push(hole.ring);
  }
  return polygons;
}

/** Shoelace area in pixel coordinates (y down): positive for outer rings as traced here. */
export function ringArea(ring: readonly (readonly [number, number])[] | readonly number[][]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as number[];
    const b = ring[i + 1] as number[];
    sum += (a[0] as number) * (b[1] as number) - (b[0] as number) * (a[1] as number);
  }
  return sum / 2;
}

/** The centre of the foreground pixel on the right of the hole's first edge: strictly inside the outer ring. */
function holeProbe(ring: PixelRing): [number, number] {
  const [ax, ay] = ring[0] as [number, number];
  const [bx, by] = ring[1] as [number, number];
  const dx = Math.sign(bx - ax);
  const dy = Math.sign(by - ay);
  // Right-hand normal in screen coordinates is (-dy, dx).
  return [ax + dx * 0.5 - dy * 0.5, ay + dy * 0.5 + dx * 0.5];
}

/** Even-odd point-in-ring test. */
export function pointInRing(point: readonly [number, number], ring: readonly (readonly number[])[]): boolean {
  const [px, py] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]?.[0] as number;
    const yi = ring[i]?.[1] as number;
    const xj = ring[j]?.[0] as number;
    const yj = ring[j]?.[1] as number;
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
